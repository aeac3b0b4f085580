import { eachFlag, sharedFlag } from '../args';

export const WRITES_USAGE = `usage: npm run bench -- --writes [--clients N] [--duration S] [--data-dir DIR] [--no-docs]
  --clients N     concurrent clients, each one request at a time (default 100, at most 500)
  --duration S    seconds of load (default 60, at most 600)
  --data-dir DIR  default .data/bench-writes (its demo data is reloaded at each run)
  --no-docs       do not update docs/benchmarks.md`;

export interface WriteLoadOptions {
  clients: number;
  duration: number;
  dataDir?: string;
  docs: boolean;
}

export class WriteLoadOptionsError extends Error {}

export function parseWriteLoadOptions(argv: string[]): WriteLoadOptions {
  const options: WriteLoadOptions = { clients: 100, duration: 60, docs: true };
  eachFlag(
    argv,
    (message) => new WriteLoadOptionsError(message),
    (flag, value) => {
      const bounded = (max: number): number => {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1 || n > max) throw new WriteLoadOptionsError(`${flag} must be a whole number from 1 to ${max}`);
        return n;
      };
      switch (flag) {
        case '--writes':
          break;
        case '--clients':
          options.clients = bounded(500);
          break;
        case '--duration':
          options.duration = bounded(600);
          break;
        default:
          if (!sharedFlag(flag, value, options)) throw new WriteLoadOptionsError(`Unknown option ${flag} for --writes`);
      }
    },
  );
  return options;
}
