import type { RunningService } from '@mitra/runtime';
import { createGatewayServer } from '../src/server';
import { startFakeSubgraph, type FakeSubgraph } from './fake-subgraph';
import { testGatewayConfig } from './test-gateway';

/**
 * Issue 7 at the gateway, against stand-in subgraphs: /metrics and who may
 * read it, the fetch metric's outcomes, and hostile documents that must be
 * refused with a 4xx, never a 500.
 */

const METRICS_TOKEN = 'metrics-test-token-0123456789';

let schools: FakeSubgraph;
let university: FakeSubgraph;
let skb: FakeSubgraph;
const running: RunningService[] = [];

async function gateway(env: Record<string, string> = {}): Promise<string> {
  const config = testGatewayConfig({ schools, university, skb }, env);
  const service = await (await createGatewayServer(config)).listen();
  running.push(service);
  return `http://127.0.0.1:${service.port}`;
}

type Answer = { errors?: Array<{ message: string; extensions?: { code?: string } }> };

async function post(base: string, body: string): Promise<{ status: number; json: Answer }> {
  const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, json: (await response.json()) as Answer };
}

beforeAll(async () => {
  [schools, university, skb] = await Promise.all([
    startFakeSubgraph('schools', 1),
    startFakeSubgraph('university', 1),
    startFakeSubgraph('skb', 1),
  ]);
});

afterAll(async () => {
  await Promise.all(running.map((service) => service.stop()));
  await Promise.all([schools, university, skb].map((subgraph) => subgraph?.close()));
});

describe('/metrics', () => {
  it('is open outside production without METRICS_TOKEN', async () => {
    const base = await gateway();
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('process_cpu_user_seconds_total{service="gateway"}');
  });

  it('needs the bearer token when METRICS_TOKEN is set', async () => {
    const base = await gateway({ METRICS_TOKEN });
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789abc' } })).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(200);
  });

  it('is off in production without METRICS_TOKEN, and served with it', async () => {
    const off = await gateway({ NODE_ENV: 'production' });
    expect((await fetch(`${off}/metrics`)).status).toBe(404);
    const on = await gateway({ NODE_ENV: 'production', METRICS_TOKEN });
    expect((await fetch(`${on}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(200);
  });

  it('times every subgraph fetch by outcome: ok, errors, timeout', async () => {
    const base = await gateway();
    await post(base, JSON.stringify({ query: '{ venues { id } }' }));
    await post(base, JSON.stringify({ query: '{ schoolsRejects(code: "xx") }' }));
    await post(base, JSON.stringify({ query: '{ slowVenues { id } }' }));
    const text = await (await fetch(`${base}/metrics`)).text();
    const count = (subgraph: string, outcome: string) =>
      Number(
        text.match(
          new RegExp(
            `^mitra_subgraph_fetch_duration_seconds_count\\{[^}]*subgraph="${subgraph}",outcome="${outcome}"[^}]*\\} (\\d+)$`,
            'm',
          ),
        )?.[1] ?? 0,
      );
    expect({ ok: count('skb', 'ok'), errors: count('schools', 'errors'), timeout: count('skb', 'timeout') }).toEqual({
      ok: 1,
      errors: 1,
      timeout: 1,
    });
  });
});

describe('hostile documents are refused with 4xx, never 500', () => {
  let base: string;
  beforeAll(async () => {
    base = await gateway({ MAX_QUERY_TOKENS: '50' });
  });

  it.each([
    ['an unfinished document', '{ venues {', 'GRAPHQL_PARSE_FAILED'],
    ['a character GraphQL does not know', '{ venues { id } } \u0007', 'GRAPHQL_PARSE_FAILED'],
    ['an unterminated string', '{ district(code: "64.71) { name } }', 'GRAPHQL_PARSE_FAILED'],
    ['more tokens than MAX_QUERY_TOKENS', `{ venues { ${'id '.repeat(60)} } }`, 'GRAPHQL_VALIDATION_FAILED'],
    ['more tokens than the limit, and unfinished', `{ venues { ${'id '.repeat(60)}`, 'GRAPHQL_VALIDATION_FAILED'],
    ['an operationName the document does not define', ['query A { venues { id } }', 'B'], 'OPERATION_RESOLUTION_FAILURE'],
    ['two operations and no operationName', 'query A { venues { id } } query B { venues { name } }', 'OPERATION_RESOLUTION_FAILURE'],
  ])('%s', async (_name, document, code) => {
    const [query, operationName] = Array.isArray(document) ? document : [document];
    const { status, json } = await post(base, JSON.stringify({ query, operationName }));
    expect(status).toBe(400);
    expect(json.errors?.[0].extensions?.code).toBe(code);
    if (code === 'GRAPHQL_VALIDATION_FAILED') expect(json.errors?.[0].message).toBe('Token limit of 50 exceeded (MAX_QUERY_TOKENS).');
  });
});

describe('documents that cost the gateway exponential work are refused at once', () => {
  // Each test would hold the gateway's only thread for minutes without the fix: jest's timeout is the check.
  it('a fragment bomb: each fragment spreading the next one twice, 30 deep', async () => {
    const base = await gateway();
    const n = 30;
    const fragments = Array.from(
      { length: n },
      (_, i) => `fragment F${i} on Query { ${i + 1 < n ? `...F${i + 1} ...F${i + 1}` : 'venues { id }'} }`,
    ).join(' ');
    const { status, json } = await post(base, JSON.stringify({ query: `query { ...F0 } ${fragments}` }));
    expect(status).toBe(400);
    expect(json.errors?.map((e) => e.message)).toContain(
      'The operation selects 536870912 root fields; at most 15 are allowed (MAX_ROOT_FIELDS).',
    );
  });

  it('a fragment bomb inside a field', async () => {
    const base = await gateway();
    const n = 30;
    const fragments = Array.from(
      { length: n },
      (_, i) => `fragment V${i} on Venue { ${i + 1 < n ? `...V${i + 1} ...V${i + 1}` : 'id name'} }`,
    ).join(' ');
    const { status, json } = await post(base, JSON.stringify({ query: `query { venues { ...V0 } } ${fragments}` }));
    expect(status).toBe(400);
    expect(json.errors?.[0].message).toMatch(/Query Cost limit of \d+ exceeded/);
  });

  it('a list literal nested deeper than MAX_VALUE_DEPTH', async () => {
    const base = await gateway();
    const { status, json } = await post(
      base,
      JSON.stringify({ query: `{ district(code: ${'['.repeat(40)}"64.71"${']'.repeat(40)}) { name } }` }),
    );
    expect(status).toBe(400);
    expect(json.errors?.map((e) => e.message)).toContain(
      'Argument "code" nests lists or objects more than 8 levels deep (MAX_VALUE_DEPTH).',
    );
    const object = await post(
      base,
      JSON.stringify({ query: `query($d: ID = ${'{ a: '.repeat(9)}1${' }'.repeat(9)}) { district(code: "64.71") { name } }` }),
    );
    expect(object.json.errors?.map((e) => e.message)).toContain(
      'The default of $d nests lists or objects more than 8 levels deep (MAX_VALUE_DEPTH).',
    );
  });
});
