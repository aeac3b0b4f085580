import { SyntheticOptionsError, parseSyntheticArgs, type SyntheticOptions } from '@mitra/fixtures';
import { ClaimError, parseOrg } from '@mitra/runtime';
import { eachFlag, sharedFlag } from './args';
import { BENCH_PROVIDER_ORG } from './provider';
import { TARGET_NAMES, type TargetName } from './report';

export const USAGE = `usage: npm run bench -- [--teachers N] [--seed S] [--districts N] [--duration S] [--warmup S]
                        [--warmup-requests N]
                        [--connections 1,10] [--operations a,b] [--skip-generate] [--data-dir DIR] [--no-docs]
                        [--viewer-org ORG]
  --teachers N      synthetic teachers (default 100000); generated into the bench's own data folder
                    when its data set differs (same seed, same rows)
  --duration S      seconds per measurement (default 10)
  --warmup S        seconds of warm-up before each measurement (default 2; 0: none)
  --warmup-requests N
                    and the warm-up goes on, S seconds at a time, until N requests have been answered
                    (default 200, at most 60 s in all): slow operations (a page of teachers 50 ms from
                    each partner answers 6 a second) are measured warm, as a running hub serves them
  --rounds R        each measurement in R slices, every target taking turns (default 5),
                    so that other work on the machine weighs on all alike
  --connections C   concurrent connections, a list (default 1,10)
  --operations      only these operations (catalogue, teacher, teachers-100, teachers-100-schools,
                    district-statistics, national-statistics)
  --skip-generate   use whatever synthetic data set the data folder holds
  --data-dir DIR    default .data/bench (kept between runs)
  --no-docs         do not update docs/benchmarks.md
  --viewer-org ORG  who reads the person-level operations (teacher, teachers-100, teachers-100-schools), as staff:
                    default provider:bench, whose partnerships cover the bench district's schools; another
                    organisation (e.g. university:mulia, with tens of thousands of participants) sees other
                    teachers than the floor's answer, so it implies --no-docs
  --targets LIST    what to measure (default all): gateway (the hub's, one worker per core), gateway-1
                    (a second gateway with GATEWAY_WORKERS=1), router (Grafbase's Rust router),
                    direct (the subgraphs without a gateway), floor (one SQL statement)
  --load-tool T     what sends the HTTP requests: wrk (Debian's package \`wrk\`; the default when it is installed:
                    about a tenth of autocannon's CPU per answer, which the measured services need on a small
                    machine) or autocannon (the default otherwise)
  --rtt MS          partners far away: a latency-injecting proxy on 127.0.0.1 (@mitra/devtools WanProxy) adds MS of
                    round trip between a gateway and each subgraph; measures that gateway only, and relates each
                    operation's p50 to its query plan's sequential fetches (p50 <= fetches × MS + 30 ms)
  --memory          instead: 60 s of steady load (after a 120 s warm-up) on the heaviest operations through
                    the gateway, sampling the whole stack's memory (PSS) every second
  --writes          instead: the load test of mixed reads and writes (--clients N, --duration S; see tools/bench/src/writes/write-load.ts)`;

export interface BenchOptions {
  synthetic: SyntheticOptions;
  duration: number;
  warmup: number;
  /** The warm-up goes on until this many requests have been answered (at most MAX_WARMUP_SECONDS). */
  warmupRequests: number;
  rounds: number;
  connections: number[];
  operations?: string[];
  skipGenerate: boolean;
  dataDir?: string;
  docs: boolean;
  targets: TargetName[];
  memory: boolean;
  /** The organisation whose staff reads the person-level operations. */
  viewerOrg: string;
  /** --rtt: the round trip added between the gateway and each subgraph, in ms. */
  rttMs?: number;
  /** --load-tool: auto picks wrk when it is installed. */
  loadTool: 'auto' | LoadToolName;
}

export const LOAD_TOOLS = ['wrk', 'autocannon'] as const;
export type LoadToolName = (typeof LOAD_TOOLS)[number];

const positive = (text: string, flag: string): number => {
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) throw new SyntheticOptionsError(`${flag} must be a positive number (got ${text})`);
  return n;
};

function parseTargets(list: string): TargetName[] {
  const wanted = list.split(',');
  const unknown = wanted.filter((t) => !(TARGET_NAMES as readonly string[]).includes(t));
  if (unknown.length) throw new SyntheticOptionsError(`Unknown target(s): ${unknown.join(', ')} (known: ${TARGET_NAMES.join(', ')})`);
  return wanted as TargetName[];
}

/** An organisation whose staff reads persons: a school, an SKB, a university or a training provider. */
function parseViewerOrg(text: string): string {
  let kind: string;
  try {
    kind = parseOrg(text).orgKind;
  } catch (error) {
    throw new SyntheticOptionsError(`--viewer-org: ${error instanceof ClaimError ? error.message : String(error)}`);
  }
  if (kind === 'government') throw new SyntheticOptionsError(`--viewer-org: ${text} reads statistics only, no persons`);
  return text;
}

/** The read benchmark's options (the synthetic data set's flags are the generator's own); throws SyntheticOptionsError. */
export function parseOptions(argv: string[]): BenchOptions {
  const { options: synthetic, rest } = parseSyntheticArgs(argv);
  const options: BenchOptions = {
    synthetic,
    duration: 10,
    warmup: 2,
    warmupRequests: 200,
    rounds: 5,
    connections: [1, 10],
    skipGenerate: false,
    docs: true,
    targets: [...TARGET_NAMES],
    memory: false,
    viewerOrg: BENCH_PROVIDER_ORG,
    loadTool: 'auto',
  };
  eachFlag(
    rest,
    (message) => new SyntheticOptionsError(message),
    (flag, value) => {
      switch (flag) {
        case '--duration':
          options.duration = positive(value(), '--duration');
          break;
        case '--warmup':
          options.warmup = Number(value());
          if (!(options.warmup >= 0)) throw new SyntheticOptionsError('--warmup must be 0 or more seconds');
          break;
        case '--warmup-requests':
          options.warmupRequests = Number(value());
          if (!Number.isInteger(options.warmupRequests) || options.warmupRequests < 0)
            throw new SyntheticOptionsError('--warmup-requests must be a whole number, 0 or more');
          break;
        case '--rounds':
          options.rounds = Math.round(positive(value(), '--rounds'));
          break;
        case '--connections':
          options.connections = value()
            .split(',')
            .map((c) => Math.round(positive(c, '--connections')));
          break;
        case '--operations':
          options.operations = value().split(',');
          break;
        case '--skip-generate':
          options.skipGenerate = true;
          break;
        case '--targets':
          options.targets = parseTargets(value());
          break;
        case '--memory':
          options.memory = true;
          break;
        case '--rtt':
          options.rttMs = Number(value());
          if (!(options.rttMs >= 0) || !Number.isFinite(options.rttMs))
            throw new SyntheticOptionsError('--rtt must be 0 or more milliseconds');
          break;
        case '--load-tool': {
          const tool = value();
          if (!(LOAD_TOOLS as readonly string[]).includes(tool))
            throw new SyntheticOptionsError(`--load-tool must be one of ${LOAD_TOOLS.join(', ')} (got ${tool})`);
          options.loadTool = tool as LoadToolName;
          break;
        }
        case '--viewer-org':
          options.viewerOrg = parseViewerOrg(value());
          break;
        default:
          if (!sharedFlag(flag, value, options)) throw new SyntheticOptionsError(`Unknown option ${flag}`);
      }
    },
  );
  // Far partners: only a gateway in front of the proxies is measured (the others would bypass them).
  if (options.rttMs !== undefined) {
    if (rest.includes('--targets') && options.targets.some((t) => t !== 'gateway'))
      throw new SyntheticOptionsError('--rtt measures the gateway only (the other targets do not cross the proxies)');
    options.targets = ['gateway'];
  }
  // The floor builds the bench district's page, which only the bench provider sees as such.
  if (options.viewerOrg !== BENCH_PROVIDER_ORG) options.docs = false;
  return options;
}
