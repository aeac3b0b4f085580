import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/** The installed autocannon's version, for the report. */
export function autocannonVersion(): string {
  return (JSON.parse(readFileSync(require.resolve('autocannon/package.json'), 'utf8')) as { version: string }).version;
}

/** What one measured run gives: throughput and latency percentiles (ms), and how many answers were wrong. */
export interface RunFigures {
  requests: number;
  /** The first wrong answer (status and the start of its body), when there were errors. */
  firstError?: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Failed requests: transport errors, non-2xx answers, or GraphQL errors in the body. */
  errors: number;
  tool: string;
}

export function percentile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** The raw result of one slice of load: every latency (ms) of a good answer, and the bad ones counted. */
export interface RawRun {
  latencies: number[];
  seconds: number;
  errors: number;
  firstError?: string;
}

/** Figures over several slices of the same measurement. */
export function figures(runs: RawRun[], tool: string): RunFigures {
  const sorted = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  const firstError = runs.find((r) => r.firstError)?.firstError;
  return {
    requests: sorted.length,
    rps: sorted.length / Math.max(seconds, 0.001),
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    ...(firstError ? { firstError } : {}),
    tool,
  };
}

/** One HTTP request sent back to back over `connections` connections for `seconds` (autocannon's or wrk's). */
export interface HttpLoad {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  seconds: number;
}

/**
 * One HTTP request, sent back to back over `connections` connections by
 * autocannon for `seconds`; an answer with GraphQL errors counts as an
 * error. Latencies are autocannon's own, per request.
 */
export async function loadHttp(options: HttpLoad): Promise<RawRun> {
  const latencies: number[] = [];
  const instance = autocannon({
    url: options.url,
    method: 'POST',
    // A request id of its own for every request, as real clients send: Grafbase's router merges identical
    // subgraph requests in flight (its key includes the headers), which 10 connections sending one byte-identical
    // request would turn into a cache hit the other targets never get.
    headers: { ...options.headers, 'x-request-id': 'bench-[<id>]' },
    idReplacement: true,
    body: options.body,
    connections: options.connections,
    duration: options.seconds,
    timeout: 30,
    verifyBody: (body) => !body.includes('"errors"'),
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const result = await instance;
  // A run with errors is reported as such: its figures are not the operation's.
  const errors = result.errors + result.timeouts + result.non2xx + result.mismatches;
  return { latencies, seconds: result.duration, errors, ...(errors ? { firstError: await sample(options) } : {}) };
}

/** One more request, to say what the wrong answers were. */
export async function sample(options: { url: string; headers: Record<string, string>; body: string }): Promise<string> {
  try {
    const response = await fetch(options.url, { method: 'POST', headers: options.headers, body: options.body });
    return `HTTP ${response.status} ${(await response.text()).slice(0, 300)}`;
  } catch (error) {
    return error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : String(error);
  }
}
