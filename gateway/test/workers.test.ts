import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { findFreePort } from '@mitra/devtools';
import { nextCrashCount, restartDelayMs } from '@mitra/runtime';
import { workerExecArgv } from '../src/workers';
import { startFakeSubgraph, type FakeSubgraph } from './fake-subgraph';

/**
 * The gateway as `npm start` runs it (gateway/dist/index.js, built by
 * `npm test` before jest) with GATEWAY_WORKERS=2: two worker processes share
 * one port, and health, metrics, persisted queries and shutdown hold across
 * them.
 */
const ENTRY = path.join(__dirname, '..', 'dist', 'index.js');
const SUPERGRAPH = path.join(__dirname, 'fixtures', 'supergraph.graphql');
const DOCUMENT = 'query Venues { venues { id name } }';
const HASH = createHash('sha256').update(DOCUMENT).digest('hex');

let schools: FakeSubgraph;
let university: FakeSubgraph;
let skb: FakeSubgraph;
let gateway: ChildProcess;
let base: string;
const output: string[] = [];

/** One request on a connection of its own, so the primary hands it to the next worker. */
function request(route: string, init: { method?: string; body?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${route}`,
      { method: init.method ?? 'GET', agent: false, headers: { connection: 'close', 'content-type': 'application/json' } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms; gateway output:\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const workersSeen = async (tries: number): Promise<Set<number>> => {
  const seen = new Set<number>();
  for (let i = 0; i < tries; i++) seen.add((JSON.parse((await request('/healthz')).body) as { worker: number }).worker);
  return seen;
};

const requestsCounted = async (): Promise<number> => {
  const text = (await request('/metrics')).body;
  return [...text.matchAll(/^mitra_graphql_requests_total\{[^}]*operation="Venues"[^}]*\} (\d+)$/gm)].reduce(
    (sum, m) => sum + Number(m[1]),
    0,
  );
};

beforeAll(async () => {
  [schools, university, skb] = await Promise.all([
    startFakeSubgraph('schools', 2),
    startFakeSubgraph('university', 5),
    startFakeSubgraph('skb', 3),
  ]);
  const manifest = path.join(mkdtempSync(path.join(tmpdir(), 'mitra-pq-')), 'persisted-documents.json');
  writeFileSync(manifest, JSON.stringify({ [`sha256:${HASH}`]: DOCUMENT }));
  const port = await findFreePort();
  base = `http://127.0.0.1:${port}`;
  gateway = spawn(process.execPath, [ENTRY], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      GATEWAY_PORT: String(port),
      GATEWAY_WORKERS: '2',
      SUPERGRAPH_PATH: SUPERGRAPH,
      SCHOOLS_URL: schools.url,
      UNIVERSITY_URL: university.url,
      SKB_URL: skb.url,
      JWT_SECRET: 'gateway-test-jwt-secret-0123456789',
      GATEWAY_SECRET: 'gateway-test-shared-secret-0123456789',
      PERSISTED_QUERIES: 'required',
      PERSISTED_QUERIES_MANIFEST: manifest,
      APOLLO_TELEMETRY_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  gateway.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  gateway.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  await until(async () => (output.join('').includes('all workers ready') ? true : undefined), 'both workers were not ready', 30_000);
}, 40_000);

afterAll(async () => {
  if (gateway.exitCode === null) gateway.kill('SIGKILL');
  await Promise.all([schools, university, skb].map((s) => s.close()));
});

describe('GATEWAY_WORKERS=2', () => {
  it('serves one port from two worker processes', async () => {
    expect([...(await workersSeen(8))].sort()).toEqual([1, 2]);
    expect(JSON.parse((await request('/healthz')).body)).toMatchObject({ status: 'ok', service: 'gateway', workers: 2 });
  });

  it('runs the workers with a single-threaded garbage collector when they fill the cores', () => {
    const primary = gateway.pid!;
    const children = readFileSync(`/proc/${primary}/task/${primary}/children`, 'utf8').trim().split(/\s+/).map(Number);
    expect(children).toHaveLength(2);
    for (const child of children) {
      const argv = readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0');
      expect(argv.includes('--single-threaded-gc')).toBe(2 >= availableParallelism());
    }
  });

  it('answers a persisted query by hash from the manifest on every worker, and refuses free text', async () => {
    const byHash = JSON.stringify({ operationName: 'Venues', extensions: { persistedQuery: { version: 1, sha256Hash: HASH } } });
    const answers = await Promise.all(Array.from({ length: 6 }, () => request('/graphql', { method: 'POST', body: byHash })));
    for (const answer of answers)
      expect(JSON.parse(answer.body)).toEqual({ data: { venues: [{ id: 'v1', name: 'Aula SKB Balikpapan Selatan' }] } });
    const free = await request('/graphql', { method: 'POST', body: JSON.stringify({ query: '{ venues { id } }' }) });
    expect(free.status).toBe(400);
  });

  it('reports metrics summed over both workers, whichever worker is asked', async () => {
    const before = await requestsCounted();
    const byHash = JSON.stringify({ operationName: 'Venues', extensions: { persistedQuery: { version: 1, sha256Hash: HASH } } });
    for (let i = 0; i < 10; i++) await request('/graphql', { method: 'POST', body: byHash });
    // Each /metrics request may land on either worker: every one sees the total.
    for (let i = 0; i < 4; i++) expect(await requestsCounted()).toBe(before + 10);
  });

  it('starts another worker when one crashes, and keeps serving meanwhile', async () => {
    const primary = gateway.pid!;
    const children = readFileSync(`/proc/${primary}/task/${primary}/children`, 'utf8').trim().split(/\s+/).map(Number);
    expect(children).toHaveLength(2);
    process.kill(children[0], 'SIGKILL');
    await until(
      async () => (output.join('').includes('a gateway worker exited; starting another') ? true : undefined),
      'no restart was logged',
    );
    expect((await request('/healthz')).status).toBe(200);
    const seen = await until(async () => {
      const ids = await workersSeen(8);
      return ids.size === 2 && !ids.has(1) !== !ids.has(2) ? ids : undefined;
    }, 'the replacement worker did not serve');
    // Worker ids are never reused: the replacement is worker 3.
    expect(seen.has(3)).toBe(true);
  });

  it('stops on SIGTERM: every worker drains, the primary logs "stopped" and exits 0', async () => {
    const exited = new Promise<number | null>((resolve) => gateway.once('exit', (code) => resolve(code)));
    gateway.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = output
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; worker?: number });
    expect(lines.filter((l) => l.msg === 'stopped' && l.worker !== undefined)).toHaveLength(2);
    expect(lines.at(-1)).toMatchObject({ msg: 'stopped', exitCode: 0 });
  }, 30_000);
});

describe('workerExecArgv', () => {
  it('adds --single-threaded-gc when the workers are at least as many as the cores', () => {
    expect(workerExecArgv(['--max-semi-space-size=32'], 2, 2)).toEqual(['--max-semi-space-size=32', '--single-threaded-gc']);
    expect(workerExecArgv([], 4, 2)).toEqual(['--single-threaded-gc']);
    expect(workerExecArgv([], 2, 8)).toEqual([]);
  });

  it("leaves a choice given on node's command line alone", () => {
    expect(workerExecArgv(['--no-single-threaded-gc'], 2, 2)).toEqual(['--no-single-threaded-gc']);
    expect(workerExecArgv(['--inspect', '--single_threaded_gc'], 2, 2)).toEqual(['--inspect', '--single_threaded_gc']);
  });
});

describe('restart back-off', () => {
  it('waits 0.5 s after one crash, doubling per crash in a row, never more than 30 s', () => {
    expect([1, 2, 3, 4, 7, 20].map(restartDelayMs)).toEqual([500, 1_000, 2_000, 4_000, 30_000, 30_000]);
  });

  it('counts again from one after a process ran for a minute', () => {
    expect(nextCrashCount(5, 1_000)).toBe(6);
    expect(nextCrashCount(5, 61_000)).toBe(1);
  });
});
