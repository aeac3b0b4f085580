/**
 * What a synthetic data set is made from. Every row of every partner follows
 * from these numbers alone, so the three partners generate matching keys
 * without reading each other's databases.
 */
export interface SyntheticOptions {
  /** PRNG seed: the same seed gives the same rows. */
  seed: number;
  /** Teachers across all districts. */
  teachers: number;
  /** Districts (kabupaten/kota), spread over ten provinces. */
  districts: number;
  /**
   * Teachers of the first districts, in order (e.g. [10, 10000] for a
   * batching test: one tiny and one large district); the remaining teachers
   * are spread over the other districts by a skewed weight.
   */
  districtTeachers?: number[];
}

export const SYNTHETIC_LIMITS = {
  teachers: { min: 1, max: 10_000_000 },
  districts: { min: 1, max: 500 },
  seed: { min: 0, max: 2 ** 31 - 1 },
} as const;

export const DEFAULT_SYNTHETIC_OPTIONS: SyntheticOptions = { seed: 1, teachers: 100_000, districts: 100 };

export class SyntheticOptionsError extends Error {}

function integer(name: keyof typeof SYNTHETIC_LIMITS, value: number): number {
  const { min, max } = SYNTHETIC_LIMITS[name];
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SyntheticOptionsError(`--${name} must be an integer from ${min} to ${max.toLocaleString('en')} (got ${String(value)})`);
  }
  return value;
}

/** Validates the numbers together (the fixed district sizes must fit). */
export function checkSyntheticOptions(options: SyntheticOptions): SyntheticOptions {
  const seed = integer('seed', options.seed);
  const teachers = integer('teachers', options.teachers);
  const districts = integer('districts', options.districts);
  const fixed = options.districtTeachers?.length ? [...options.districtTeachers] : undefined;
  if (fixed) {
    if (fixed.length > districts) {
      throw new SyntheticOptionsError(`--district-sizes gives ${fixed.length} sizes for ${districts} district(s)`);
    }
    if (fixed.some((n) => !Number.isInteger(n) || n < 0)) throw new SyntheticOptionsError('--district-sizes must be whole numbers');
    const sum = fixed.reduce((a, b) => a + b, 0);
    if (sum > teachers || (fixed.length === districts && sum !== teachers)) {
      throw new SyntheticOptionsError(
        `--district-sizes add up to ${sum}, which ${sum > teachers ? 'exceeds' : 'does not equal'} --teachers ${teachers}`,
      );
    }
  }
  return { seed, teachers, districts, ...(fixed ? { districtTeachers: fixed } : {}) };
}

/** The `mitra_meta` dataset marker, e.g. `synthetic:seed=1,teachers=100000,districts=100`. */
export function syntheticDatasetLabel(options: SyntheticOptions): string {
  const parts = [`seed=${options.seed}`, `teachers=${options.teachers}`, `districts=${options.districts}`];
  if (options.districtTeachers?.length) parts.push(`sizes=${options.districtTeachers.join('/')}`);
  return `synthetic:${parts.join(',')}`;
}

function numberAfter(argv: string[], i: number, flag: string): number {
  const value = argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new SyntheticOptionsError(`${flag} needs a value`);
  // Accept 100000, 100_000 and 100,000 alike.
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isFinite(n)) throw new SyntheticOptionsError(`${flag} needs a number (got ${value})`);
  return n;
}

/**
 * Parses `--teachers N --districts N --seed S --district-sizes a,b`; other
 * arguments are returned for the caller to handle.
 */
export function parseSyntheticArgs(argv: string[], defaults: SyntheticOptions = DEFAULT_SYNTHETIC_OPTIONS): { options: SyntheticOptions; rest: string[] } {
  const options: SyntheticOptions = { ...defaults };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') && arg.startsWith('--') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const args = inline === undefined ? argv : [flag, inline];
    const at = inline === undefined ? i : 0;
    const consume = (): void => {
      if (inline === undefined) i += 1;
    };
    switch (flag) {
      case '--teachers':
        options.teachers = numberAfter(args, at, flag);
        consume();
        break;
      case '--districts':
        options.districts = numberAfter(args, at, flag);
        consume();
        break;
      case '--seed':
        options.seed = numberAfter(args, at, flag);
        consume();
        break;
      case '--district-sizes': {
        const value = args[at + 1];
        if (value === undefined || value.startsWith('--')) throw new SyntheticOptionsError('--district-sizes needs a list, e.g. 10,10000');
        options.districtTeachers = value.split(/[,/]/).map((s) => Number(s.replace(/_/g, '')));
        consume();
        break;
      }
      default:
        rest.push(arg);
    }
  }
  return { options: checkSyntheticOptions(options), rest };
}

/** The same options as command-line arguments (for the partners' seed processes). */
export function syntheticArgs(options: SyntheticOptions): string[] {
  const args = ['--teachers', String(options.teachers), '--districts', String(options.districts), '--seed', String(options.seed)];
  if (options.districtTeachers?.length) args.push('--district-sizes', options.districtTeachers.join(','));
  return args;
}

/** The options a dataset marker was made from, or null when it is not a synthetic data set. */
export function parseSyntheticDatasetLabel(label: string | null | undefined): SyntheticOptions | null {
  if (!label?.startsWith('synthetic:')) return null;
  const fields = new Map(
    label
      .slice('synthetic:'.length)
      .split(',')
      .map((part) => part.split('=') as [string, string]),
  );
  const number = (key: string): number => Number(fields.get(key));
  const sizes = fields.get('sizes');
  try {
    return checkSyntheticOptions({
      seed: number('seed'),
      teachers: number('teachers'),
      districts: number('districts'),
      ...(sizes ? { districtTeachers: sizes.split('/').map(Number) } : {}),
    });
  } catch {
    return null;
  }
}
