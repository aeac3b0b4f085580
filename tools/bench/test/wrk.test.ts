import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chooseLoadTool, loadWrk, luaString, parseWrkOutput, runFromSummary, wrkVersion } from '../src/wrk';

// wrk is Debian's package `wrk`; .ci/run installs it. Without it these tests fail, saying so.
beforeAll(() => {
  if (!wrkVersion()) throw new Error('wrk is not installed (apt-get install wrk): the bench load generator cannot be tested');
});

describe('luaString', () => {
  it('keeps any text verbatim, closing brackets and a leading newline included', () => {
    expect(luaString('plain')).toBe('[[plain]]');
    expect(luaString('a]]b')).toBe('[=[a]]b]=]');
    expect(luaString('x]=]y]]')).toBe('[==[x]=]y]]]==]');
    expect(luaString('\nstarts')).toBe('[[\n\nstarts]]');
  });
});

describe('parseWrkOutput and runFromSummary', () => {
  it('refuses output without the summary line', () => {
    expect(() => parseWrkOutput('Running 1s test @ http://127.0.0.1:1/\n')).toThrow(/no summary/);
  });

  it('rebuilds one latency per good answer from the quantiles and counts every kind of error', () => {
    const quantilesUs = Array.from({ length: 1000 }, (_, i) => 1000 + i);
    const run = runFromSummary({
      requests: 110,
      durationUs: 2_000_000,
      connect: 0,
      read: 1,
      write: 0,
      status: 4,
      timeout: 2,
      mismatches: 6,
      quantilesUs,
    });
    expect(run.latencies).toHaveLength(100);
    expect(run.latencies[0]).toBeCloseTo(1.005, 3);
    expect(run.latencies[99]).toBeCloseTo(1.995, 3);
    expect(run.seconds).toBe(2);
    expect(run.errors).toBe(13);
    expect(run.firstError).toBe('wrk: 4 non-2xx, 6 with GraphQL errors, 2 timeouts, 1 socket errors');
  });
});

describe('loadWrk against a server on 127.0.0.1', () => {
  let server: http.Server;
  let url: string;
  const seen: Array<{ id: string; auth: string; body: string }> = [];
  let mode: 'good' | 'every-third-errors' | 'status-500' = 'good';

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ id: String(req.headers['x-request-id']), auth: String(req.headers.authorization), body });
        const n = seen.length;
        if (mode === 'status-500') return res.writeHead(500).end('{"errors":[{"message":"boom"}]}');
        const answer = mode === 'every-third-errors' && n % 3 === 0 ? '{"errors":[{"message":"no"}],"data":null}' : '{"data":{"ok":true}}';
        res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
  });

  it('sends the body and headers as given, a request id of its own each time, and times good answers', async () => {
    mode = 'good';
    const body = JSON.stringify({ query: 'query Q { a(b: "]]") }', variables: { text: 'x]=]y' } });
    const run = await loadWrk({
      url,
      headers: { 'content-type': 'application/json', authorization: 'Bearer t.k.n' },
      body,
      connections: 2,
      seconds: 1,
    });
    expect(run.errors).toBe(0);
    expect(run.latencies.length).toBeGreaterThan(20);
    expect(run.seconds).toBeGreaterThan(0.9);
    expect(run.seconds).toBeLessThan(2);
    expect(run.latencies.every((ms) => ms > 0)).toBe(true);
    expect(new Set(seen.map((s) => s.body))).toEqual(new Set([body]));
    expect(new Set(seen.map((s) => s.auth))).toEqual(new Set(['Bearer t.k.n']));
    expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
    expect(seen[0].id).toMatch(/^bench-\d+-\d+-\d+$/);
  });

  it('counts a 2xx answer with GraphQL errors as an error, not as a figure', async () => {
    mode = 'every-third-errors';
    const run = await loadWrk({ url, headers: {}, body: '{}', connections: 1, seconds: 1 });
    expect(run.errors).toBeGreaterThan(0);
    // wrk stops with answers in flight: the server may have answered one more than wrk counted.
    expect(Math.abs(run.errors - Math.floor(seen.length / 3))).toBeLessThanOrEqual(1);
    expect(run.latencies.length + run.errors).toBeLessThanOrEqual(seen.length);
    expect(run.firstError).toMatch(/with GraphQL errors/);
  });

  it('counts non-2xx answers as errors', async () => {
    mode = 'status-500';
    const run = await loadWrk({ url, headers: {}, body: '{}', connections: 1, seconds: 1 });
    expect(run.latencies).toHaveLength(0);
    expect(run.errors).toBeGreaterThan(0);
    expect(run.firstError).toMatch(
      /^wrk: \d+ non-2xx, 0 with GraphQL errors, .*; one more request: HTTP 500 \{"errors":\[\{"message":"boom"\}\]\}$/,
    );
  });
});

describe('chooseLoadTool', () => {
  it('picks wrk when installed, autocannon when asked for', () => {
    expect(chooseLoadTool('auto', '9.0.0')).toEqual({ name: 'wrk', label: wrkVersion() });
    expect(chooseLoadTool('autocannon', '9.0.0')).toEqual({ name: 'autocannon', label: 'autocannon 9.0.0' });
  });
});
