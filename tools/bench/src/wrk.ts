import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sample, type HttpLoad, type RawRun } from './load';

/**
 * wrk (https://github.com/wg/wrk; Debian's package `wrk`) as the load
 * generator. It shares the machine with what it measures: on 2 cores,
 * autocannon spent 0.35 to 0.8 ms of CPU on each 140 KB answer (a fifth of
 * a core at 260 req/s, taken from the gateway's second worker), wrk 0.085 ms
 * (docs/benchmarks.md, "a lighter load generator").
 *
 * The request, its headers and the checks are a Lua script of wrk's:
 * every request carries its own `x-request-id` (as `loadHttp` does), an
 * answer with `"errors"` in a 2xx body counts as a mismatch, and `done`
 * prints one line of JSON with the counts and 1,000 latency quantiles.
 */

/** wrk's version line when it is installed, else undefined. */
export function wrkVersion(): string | undefined {
  const run = spawnSync('wrk', ['-v'], { encoding: 'utf8' });
  if (run.error) return undefined;
  const line = `${run.stdout}${run.stderr}`.split('\n')[0].trim();
  return /^wrk /.test(line) ? line.replace(/\s*Copyright.*$/, '').replace(/\s*\[\w+\]$/, '') : undefined;
}

/** A Lua long string holding `text` verbatim (its level chosen so that nothing in `text` closes it). */
export function luaString(text: string): string {
  let level = '';
  while (text.includes(`]${level}]`)) level += '=';
  // A long string drops a newline right after its opening bracket: keep one that the text starts with.
  return `[${level}[${text.startsWith('\n') || text.startsWith('\r') ? '\n' : ''}${text}]${level}]`;
}

/** The Lua script for one request. */
export function wrkScript(headers: Record<string, string>, body: string, idPrefix = `bench-${process.pid}-${Date.now()}-`): string {
  const lines = [
    'wrk.method = "POST"',
    `wrk.body = ${luaString(body)}`,
    ...Object.entries(headers).map(([name, value]) => `wrk.headers[ ${luaString(name)} ] = ${luaString(value)}`),
    'local counter = 0',
    `local prefix = ${luaString(idPrefix)}`,
    'function request()',
    '  counter = counter + 1',
    '  wrk.headers["x-request-id"] = prefix .. counter',
    '  return wrk.format()',
    'end',
    'mismatches = 0',
    'function response(status, headers, body)',
    '  if status >= 200 and status < 300 and string.find(body, \'"errors"\', 1, true) then mismatches = mismatches + 1 end',
    'end',
    'local threads = {}',
    'function setup(thread) table.insert(threads, thread) end',
    'function done(summary, latency, requests)',
    '  local m = 0',
    '  for _, t in ipairs(threads) do m = m + t:get("mismatches") end',
    '  local q = {}',
    '  if summary.requests > 0 then',
    '    for i = 0, 999 do q[#q + 1] = string.format("%d", latency:percentile((i + 0.5) / 10)) end',
    '  end',
    '  local e = summary.errors',
    '  io.write(string.format(\'MITRA_WRK {"requests":%d,"durationUs":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"mismatches":%d,"quantilesUs":[%s]}\\n\',',
    '    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout, m, table.concat(q, ",")))',
    'end',
  ];
  return `${lines.join('\n')}\n`;
}

/** What `done` prints. */
export interface WrkSummary {
  requests: number;
  durationUs: number;
  connect: number;
  read: number;
  write: number;
  status: number;
  timeout: number;
  mismatches: number;
  quantilesUs: number[];
}

/** The summary line among wrk's output; throws when there is none. */
export function parseWrkOutput(stdout: string): WrkSummary {
  const line = stdout.split('\n').find((l) => l.startsWith('MITRA_WRK '));
  if (!line) throw new Error(`wrk printed no summary: ${stdout.slice(0, 300)}`);
  return JSON.parse(line.slice('MITRA_WRK '.length)) as WrkSummary;
}

/**
 * The good answers' latencies (ms) rebuilt from wrk's quantiles: one per
 * answer, each at its rank's quantile, so that slices merge as autocannon's
 * per-request latencies do (to 0.1% of rank).
 */
export function runFromSummary(summary: WrkSummary): RawRun {
  const errors = summary.connect + summary.read + summary.write + summary.status + summary.timeout + summary.mismatches;
  const good = Math.max(0, summary.requests - summary.status - summary.mismatches);
  const q = summary.quantilesUs;
  const latencies = q.length
    ? Array.from({ length: good }, (_, j) => q[Math.min(q.length - 1, Math.floor(((j + 0.5) / good) * q.length))] / 1000)
    : [];
  return {
    latencies,
    seconds: summary.durationUs / 1e6,
    errors,
    ...(errors
      ? {
          firstError: `wrk: ${summary.status} non-2xx, ${summary.mismatches} with GraphQL errors, ${summary.timeout} timeouts, ${summary.connect + summary.read + summary.write} socket errors`,
        }
      : {}),
  };
}

/**
 * One HTTP request sent back to back over `connections` connections by wrk
 * (one thread) for `seconds`, rounded to whole seconds as wrk takes them
 * (at least 1).
 */
export async function loadWrk(options: HttpLoad): Promise<RawRun> {
  const dir = await mkdtemp(join(tmpdir(), 'mitra-wrk-'));
  try {
    const script = join(dir, 'request.lua');
    await writeFile(script, wrkScript(options.headers, options.body));
    const args = [
      '-t1',
      `-c${options.connections}`,
      `-d${Math.max(1, Math.round(options.seconds))}s`,
      '--timeout',
      '30s',
      '-s',
      script,
      options.url,
    ];
    const stdout = await new Promise<string>((resolve, reject) => {
      const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited with ${code}: ${err || out}`))));
    });
    const run = runFromSummary(parseWrkOutput(stdout));
    // wrk counts wrong answers without keeping them: one more request says what they were.
    if (run.errors) run.firstError = `${run.firstError}; one more request: ${await sample(options)}`;
    return run;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The load generator of a run, and how the report names it. */
export interface LoadTool {
  name: 'wrk' | 'autocannon';
  /** e.g. "wrk debian/4.1.0-3+b2" or "autocannon 8.0.0". */
  label: string;
}

/** `--load-tool`: wrk when asked for or (auto) when installed, else autocannon; throws when wrk is asked for and missing. */
export function chooseLoadTool(wanted: 'auto' | 'wrk' | 'autocannon', autocannonVersion: string): LoadTool {
  const autocannon: LoadTool = { name: 'autocannon', label: `autocannon ${autocannonVersion}` };
  if (wanted === 'autocannon') return autocannon;
  const version = wrkVersion();
  if (version) return { name: 'wrk', label: version };
  if (wanted === 'wrk') throw new Error('--load-tool wrk: wrk is not installed (Debian: apt-get install wrk)');
  return autocannon;
}
