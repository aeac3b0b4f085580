import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { ConfigError, GATEWAY_SECRET_HEADER, loadAuthConfig, signToken, type RunningService } from '@mitra/runtime';
import { loadGatewayConfig } from '../src/config';
import { createGatewayServer, SupergraphMissingError } from '../src/server';
import { startFakeSubgraph, type FakeSubgraph } from './fake-subgraph';
import { GATEWAY_SECRET, JWT_SECRET, SUPERGRAPH, testGatewayConfig } from './test-gateway';

const auth = loadAuthConfig({ NODE_ENV: 'test', JWT_SECRET, GATEWAY_SECRET });

let schools: FakeSubgraph;
let university: FakeSubgraph;
let skb: FakeSubgraph;
let gateway: RunningService;
let base: string;

function configFor(env: Record<string, string> = {}) {
  return testGatewayConfig({ schools, university, skb }, { READINESS_TIMEOUT_MS: '300', ...env });
}

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: unknown[]; extensions: Record<string, unknown> }>;
  extensions?: Record<string, unknown>;
}

async function query(source: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: source }),
  });
  return { response, body: (await response.json()) as GraphQLBody };
}

beforeAll(async () => {
  [schools, university, skb] = await Promise.all([
    startFakeSubgraph('schools', 2),
    startFakeSubgraph('university', 5),
    startFakeSubgraph('skb', 3),
  ]);
  gateway = await (await createGatewayServer(configFor())).listen();
  base = `http://127.0.0.1:${gateway.port}`;
});

afterAll(async () => {
  await gateway?.stop();
  await Promise.all([schools, university, skb].map((subgraph) => subgraph?.close()));
});

beforeEach(() => {
  for (const subgraph of [schools, university, skb]) {
    subgraph.received.length = 0;
    subgraph.ready = true;
  }
});

describe('routing and forwarding', () => {
  it('joins root fields of two subgraphs and forwards the caller headers to each, with the gateway secret', async () => {
    const token = await signToken(auth, { org: 'school:64710001', roles: ['admin'] });
    const { response, body } = await query('{ district(code: "64.71") { name } venues { name } }', {
      authorization: `Bearer ${token}`,
      'x-request-id': 'trace-42',
      'x-mitra-debug': 'sql',
    });
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ district: { name: 'Kota Balikpapan' }, venues: [{ name: 'Aula SKB Balikpapan Selatan' }] });
    expect(response.headers.get('x-request-id')).toBe('trace-42');
    for (const subgraph of [schools, skb]) {
      expect(subgraph.received).toHaveLength(1);
      expect(subgraph.received[0]).toMatchObject({
        authorization: `Bearer ${token}`,
        'x-request-id': 'trace-42',
        'x-mitra-debug': 'sql',
        [GATEWAY_SECRET_HEADER]: GATEWAY_SECRET,
      });
    }
    expect(university.received).toHaveLength(0);
  });

  it('generates a request id when the client sends none or an unusable one', async () => {
    const { response } = await query('{ venues { id } }', { 'x-request-id': 'no spaces <allowed>' });
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(skb.received[0]['x-request-id']).toBe(id);
  });
});

describe('identity', () => {
  const claims = { sub: 'u', org: 'school:64710001', roles: ['admin'], iss: 'mitra-graph', aud: 'mitra-graph' };
  const hs256 = (payload: Record<string, unknown>, secret = JWT_SECRET) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
  const now = () => Math.floor(Date.now() / 1000);

  it.each<[string, () => Promise<string>, RegExp]>([
    ['a forged token', async () => `Bearer ${await hs256({ ...claims, exp: now() + 60 }, 'another-secret-0123456789')}`, /signature is invalid/],
    ['an expired token', async () => `Bearer ${await hs256({ ...claims, exp: now() - 60 })}`, /expired/],
    ['alg: none', async () => `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, exp: now() + 60 })).toString('base64url')}.`, /alg: none/],
    ['a Basic header', async () => 'Basic dXNlcjpwYXNz', /Bearer <token>/],
  ])('refuses %s with 401 UNAUTHENTICATED before any subgraph is asked', async (_name, header, message) => {
    const { response, body } = await query('{ district(code: "64.71") { name } venues { name } }', { authorization: await header() });
    expect(response.status).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(body.errors?.[0].message).toMatch(message);
    for (const subgraph of [schools, university, skb]) expect(subgraph.received).toHaveLength(0);
  });

  it('lets an anonymous caller through (the subgraphs decide per field) and still proves itself to them', async () => {
    const { body } = await query('{ venues { name } }');
    expect(body.errors).toBeUndefined();
    expect(skb.received[0].authorization).toBeUndefined();
    expect(skb.received[0][GATEWAY_SECRET_HEADER]).toBe(GATEWAY_SECRET);
  });

  it('refuses to start in production without JWT_SECRET or JWKS_URL, and without GATEWAY_SECRET', () => {
    const production = (env: Record<string, string>) => () =>
      loadGatewayConfig({ NODE_ENV: 'production', SUPERGRAPH_PATH: SUPERGRAPH, ...env });
    expect(production({})).toThrow(ConfigError);
    expect(production({ GATEWAY_SECRET })).toThrow(/JWT_SECRET \(HS256\) or JWKS_URL/);
    expect(production({ JWT_SECRET })).toThrow(/GATEWAY_SECRET must be set/);
    expect(production({ JWT_SECRET, GATEWAY_SECRET })().auth).toMatchObject({ jwtSecret: JWT_SECRET, gatewaySecret: GATEWAY_SECRET });
  });
});

describe('worker settings', () => {
  it('default to one worker per core, take GATEWAY_WORKERS, and refuse nonsense', () => {
    expect(configFor().workers).toBe(availableParallelism());
    expect(configFor({ GATEWAY_WORKERS: '3' }).workers).toBe(3);
    expect(() => configFor({ GATEWAY_WORKERS: '0' })).toThrow(/GATEWAY_WORKERS/);
    expect(() => configFor({ GATEWAY_WORKERS: 'many' })).toThrow(/GATEWAY_WORKERS/);
  });

  it('explain that the Hive engine is gone when GATEWAY_ENGINE asks for it', () => {
    expect(configFor({ GATEWAY_ENGINE: 'apollo' }).port).toBe(0);
    expect(() => configFor({ GATEWAY_ENGINE: 'hive' })).toThrow(/GATEWAY_ENGINE: only "apollo" remains \(the Hive engine was removed; the scale path is a Rust router: docs\/router\.md\)/);
  });
});

describe('SQL statement counts', () => {
  it('sums each subgraph over the request and names untouched ones with 0', async () => {
    const { body } = await query('{ district(code: "64.71") { code } venues { id } }', { 'x-mitra-debug': 'sql' });
    expect(body.extensions).toEqual({ sqlStatements: { schools: 2, university: 0, skb: 3 } });
  });

  it('add up every fetch from the same subgraph', async () => {
    // skb is fetched twice: once for venues, once for the District entity it extends.
    const { body } = await query('{ district(code: "64.71") { name trainedCount } venues { id } }', { 'x-mitra-debug': 'sql' });
    expect(body.data).toEqual({ district: { name: 'Kota Balikpapan', trainedCount: 7 }, venues: [{ id: 'v1' }] });
    expect(skb.received).toHaveLength(2);
    expect(body.extensions).toEqual({ sqlStatements: { schools: 2, university: 0, skb: 6 } });
  });

  it('are absent unless the client asks for them', async () => {
    const { body } = await query('{ venues { id } }');
    expect(body.extensions?.sqlStatements).toBeUndefined();
    expect(skb.received[0]['x-mitra-debug']).toBeUndefined();
  });

  it('are never reported in production', async () => {
    const production = await (await createGatewayServer(configFor({ NODE_ENV: 'production' }))).listen();
    try {
      const response = await fetch(`http://127.0.0.1:${production.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-mitra-debug': 'sql' },
        body: JSON.stringify({ query: '{ venues { id } }' }),
      });
      const body = (await response.json()) as GraphQLBody;
      expect(body.extensions?.sqlStatements).toBeUndefined();
    } finally {
      await production.stop();
    }
  });
});

describe('errors', () => {
  it('keeps a subgraph error that has a code', async () => {
    const { body } = await query('{ schoolsRejects(code: "xx") }');
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({
      message: 'code: xx is not a district code',
      path: ['schoolsRejects'],
      extensions: { code: 'BAD_USER_INPUT', field: 'code' },
    });
    expect(body.errors?.[0].extensions.stacktrace).toBeUndefined();
  });

  it('drops what a subgraph error carries beyond its code and field (stack, SQL) outside development', async () => {
    const { body } = await query('{ schoolsRejects(code: "xx") }');
    const { extensions } = body.errors?.[0] ?? { extensions: {} };
    expect(Object.keys(extensions).sort()).toEqual(['code', 'field', 'serviceName']);
    expect(JSON.stringify(body)).not.toMatch(/select|exception/);
  });

  it('masks an uncoded subgraph error outside development', async () => {
    const { body } = await query('{ schoolsBroken }');
    expect(body.errors).toEqual([
      expect.objectContaining({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
    ]);
    expect(JSON.stringify(body)).not.toContain('relation');
  });

  it('names a subgraph that does not answer in time, and still returns the other data', async () => {
    const { body } = await query('{ slowVenues { id } district(code: "64.71") { code } }');
    expect(body.data?.district).toEqual({ code: '64.71' });
    expect(body.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', serviceName: 'skb' }) }),
    ]);
    expect(body.errors?.[0].message).toMatch(/skb service did not answer within 300 ms/);
    // Where the hole is: the root field the failed fetch was for.
    expect(body.errors?.[0].path).toEqual(['slowVenues']);
  });

  it('puts the path of the entity a failed fetch was for on its error', async () => {
    const unreachable = await (await createGatewayServer(configFor({ SKB_URL: 'http://127.0.0.1:9/graphql' }))).listen();
    try {
      const response = await fetch(`http://127.0.0.1:${unreachable.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ district(code: "64.71") { name trainedCount } }' }),
      });
      const body = (await response.json()) as GraphQLBody;
      expect(body.data).toEqual({ district: { name: 'Kota Balikpapan', trainedCount: null } });
      expect(body.errors).toEqual([
        { message: 'The skb service is unavailable', path: ['district'], extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'skb' } },
      ]);
    } finally {
      await unreachable.stop();
    }
  });

  it.each([
    [404, 'text/html', '<html><body>Not Found</body></html>'],
    [502, 'text/html', '<html><body>Bad Gateway</body></html>'],
    [200, 'text/html', '<html>a captive portal</html>'],
    [403, 'text/plain', 'denied by the proxy'],
  ])('calls a partner behind a proxy that answers HTTP %i (%s) unavailable, naming it, with the path', async (status, type, text) => {
    const proxy = http.createServer((_req, res) => res.writeHead(status, { 'content-type': type }).end(text));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const port = (proxy.address() as AddressInfo).port;
    const behindProxy = await (await createGatewayServer(configFor({ SKB_URL: `http://127.0.0.1:${port}/graphql` }))).listen();
    try {
      const response = await fetch(`http://127.0.0.1:${behindProxy.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ district(code: "64.71") { code } slowVenues { id } }' }),
      });
      const body = (await response.json()) as GraphQLBody;
      expect(body.data).toEqual({ district: { code: '64.71' }, slowVenues: null });
      expect(body.errors).toEqual([
        expect.objectContaining({ path: ['slowVenues'], extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'skb' } }),
      ]);
      expect(JSON.stringify(body)).not.toMatch(/html|proxy|127\.0\.0\.1/i);
    } finally {
      await behindProxy.stop();
      proxy.close();
    }
  });

  it('names a subgraph that cannot be reached, without its URL', async () => {
    const unreachable = await (await createGatewayServer(configFor({ SKB_URL: 'http://127.0.0.1:9/graphql' }))).listen();
    try {
      const response = await fetch(`http://127.0.0.1:${unreachable.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ venues { id } }' }),
      });
      const body = (await response.json()) as GraphQLBody;
      expect(body.errors).toEqual([
        expect.objectContaining({
          message: 'The skb service is unavailable',
          extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }),
        }),
      ]);
      expect(JSON.stringify(body)).not.toContain('127.0.0.1');
    } finally {
      await unreachable.stop();
    }
  });
});

describe('health', () => {
  it('/healthz answers while the process is up', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', service: 'gateway', workers: 1 });
  });

  it('/readyz is 200 when every subgraph is ready', async () => {
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ready',
      subgraphs: { schools: { status: 'up' }, university: { status: 'up' }, skb: { status: 'up' } },
    });
  });

  it('/readyz is 503 and names the subgraph that is not ready', async () => {
    university.ready = false;
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: 'unavailable',
      service: 'gateway',
      unavailable: ['university'],
      subgraphs: { university: { status: 'down', reason: 'HTTP 503' }, skb: { status: 'up' } },
    });
  });
});

describe('explorer', () => {
  it('is what a browser gets at /graphql, from local assets only', async () => {
    const response = await fetch(`${base}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(assets).toHaveLength(5);
    for (const asset of assets) {
      const served = await fetch(`${base}${asset}`);
      expect({ asset, status: served.status }).toEqual({ asset, status: 200 });
      expect((await served.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  it('does not hide GET queries from clients', async () => {
    const response = await fetch(`${base}/graphql?query=${encodeURIComponent('{ venues { id } }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(await response.json()).toEqual({ data: { venues: [{ id: 'v1' }] } });
  });
});

describe('start-up', () => {
  it('refuses to start without the supergraph file, saying how to make it', async () => {
    const attempt = createGatewayServer(configFor({ SUPERGRAPH_PATH: path.join(__dirname, 'no-such.graphql') }));
    await expect(attempt).rejects.toBeInstanceOf(SupergraphMissingError);
    await expect(attempt).rejects.toThrow(/npm run compose/);
  });
});
