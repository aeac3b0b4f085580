import { ConfigError, type RunningService } from '@mitra/runtime';
import { createGatewayServer } from '../src/server';
import { startFakeSubgraph, type FakeSubgraph } from './fake-subgraph';
import { testGatewayConfig } from './test-gateway';

/**
 * Issue 15, first contact, at the gateway against stand-in subgraphs: no
 * stack trace unless the operator asks for one, limit refusals that name
 * the limit (not "Syntax Error"), NUL characters refused before planning,
 * GET queries as urql and graphql-request send them, and JSON 404s.
 */

let schools: FakeSubgraph;
let university: FakeSubgraph;
let skb: FakeSubgraph;
const running: RunningService[] = [];

const configFor = (env: Record<string, string> = {}) => testGatewayConfig({ schools, university, skb }, env);

async function gateway(env: Record<string, string> = {}): Promise<string> {
  const service = await (await createGatewayServer(configFor(env))).listen();
  running.push(service);
  return `http://127.0.0.1:${service.port}`;
}

interface Body {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
}

async function post(base: string, query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: Body }> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Body };
}

let development: string;

beforeAll(async () => {
  [schools, university, skb] = await Promise.all([
    startFakeSubgraph('schools', 1),
    startFakeSubgraph('university', 1),
    startFakeSubgraph('skb', 1),
  ]);
  development = await gateway({ NODE_ENV: 'development' });
});

afterAll(async () => {
  await Promise.all(running.map((service) => service.stop()));
  await Promise.all([schools, university, skb].map((subgraph) => subgraph?.close()));
});

describe('stack traces', () => {
  it('are in no answer in development unless EXPOSE_STACKTRACES asks for them', async () => {
    const { body } = await post(development, '{ schoolsBroken }');
    expect(body.errors?.[0].message).toBe('relation "teacher" does not exist');
    expect(body.errors?.[0].extensions.stacktrace).toBeUndefined();
    // What a careless subgraph adds (its own stack) does not pass either.
    const rejected = await post(development, '{ schoolsRejects(code: "xx") }');
    expect(JSON.stringify(rejected.body)).not.toMatch(/stacktrace|at db\.ts/);
    const exposing = await gateway({ NODE_ENV: 'development', EXPOSE_STACKTRACES: 'true' });
    const exposed = await post(exposing, '{ schoolsBroken }');
    expect(Array.isArray(exposed.body.errors?.[0].extensions.stacktrace)).toBe(true);
  });

  it('are refused in production, at start-up', () => {
    const production = { NODE_ENV: 'production', EXPOSE_STACKTRACES: 'true' };
    expect(() => configFor(production)).toThrow(ConfigError);
    expect(() => configFor(production)).toThrow(/EXPOSE_STACKTRACES/);
    expect(configFor({ NODE_ENV: 'development' }).exposeStacktraces).toBe(false);
  });
});

describe('limit refusals', () => {
  it('name the limit and its setting, without graphql-armor\'s "Syntax Error", with extensions.limit', async () => {
    const base = await gateway({ MAX_QUERY_COST: '5', MAX_QUERY_DEPTH: '1', MAX_QUERY_ALIASES: '1', MAX_QUERY_DIRECTIVES: '1' });
    const cases: Array<[string, string, RegExp]> = [
      ['{ lecturers { id fullName } venues { id name } }', 'cost', /^Query Cost limit of 5 exceeded, found \d+ \(MAX_QUERY_COST\)\.$/],
      ['{ district(code: "64.71") { name trainedCount } }', 'depth', /^Query depth limit of 1 exceeded, found 2 \(MAX_QUERY_DEPTH\)\.$/],
      ['{ a: venues { id } b: venues { id } }', 'aliases', /^Aliases limit of 1 exceeded, found 2 \(MAX_QUERY_ALIASES\)\.$/],
      [
        '{ venues { id @include(if: true) name @include(if: true) } }',
        'directives',
        /^Directives limit of 1 exceeded, found 2 \(MAX_QUERY_DIRECTIVES\)\.$/,
      ],
    ];
    for (const [query, limit, message] of cases) {
      const { status, body } = await post(base, query);
      expect({ query, status }).toEqual({ query, status: 400 });
      const refusal = body.errors?.find((e) => e.extensions.limit === limit);
      expect({ limit, refusal }).toEqual({
        limit,
        refusal: { message: expect.stringMatching(message), extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit } },
      });
      for (const error of body.errors ?? []) expect(error.message).not.toMatch(/Syntax Error/);
    }
  });
});

describe('text with a NUL character', () => {
  it('is BAD_USER_INPUT naming the field, refused before any subgraph is asked', async () => {
    schools.received.length = 0;
    const literal = await post(development, '{ schoolsRejects(code: "a\\u0000b") }');
    expect(literal.status).toBe(400);
    expect(literal.body.errors).toEqual([
      { message: 'code: must not contain a NUL character (U+0000)', extensions: { code: 'BAD_USER_INPUT', field: 'code' } },
    ]);
    const variable = await post(development, 'query($c: String!) { schoolsRejects(code: $c) }', { c: '\u0000' });
    expect(variable.body.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'code' });
    expect(schools.received).toHaveLength(0);
  });
});

describe('GET queries', () => {
  it('are answered as urql and graphql-request send them: query, variables and operationName in the URL, no special header', async () => {
    const params = new URLSearchParams({
      query: 'query Place($code: ID!) { district(code: $code) { name } }',
      variables: JSON.stringify({ code: '64.71' }),
      operationName: 'Place',
    });
    const response = await fetch(`${development}/graphql?${params}`, {
      headers: { accept: 'application/graphql-response+json, application/json' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { district: { name: 'Kota Balikpapan' } } });
  });

  it('still leave the explorer to a browser', async () => {
    const response = await fetch(`${development}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('do not open the door to other content types on POST', async () => {
    skb.received.length = 0;
    const response = await fetch(`${development}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ venues { id } }' }),
    });
    expect(response.status).toBe(400);
    expect(skb.received).toHaveLength(0);
  });
});

describe('paths the gateway does not serve', () => {
  it.each([
    ['GET', '/nope'],
    ['GET', '/exports/nope'],
    ['POST', '/nope'],
    ['GET', '/explorer/assets/nope.js'],
  ])('%s %s is a JSON 404 with code NOT_FOUND', async (method, where) => {
    const response = await fetch(`${development}${where}`, { method });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toEqual({
      errors: [{ message: `Nothing is served at ${method} ${where}`, extensions: { code: 'NOT_FOUND' } }],
    });
  });
});
