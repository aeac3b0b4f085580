import { gql } from '../harness/client';
import { hubUrls } from '../harness/env';
import { startExtraGateway, type ExtraGateway } from '../harness/extra-gateway';
import { CALLERS, tokenFor } from '../harness/tokens';

/**
 * Issue 15, first contact: what a newcomer's first requests meet. No stack
 * trace or SQL in any answer (a gateway in development mode too), GET
 * queries as urql and graphql-request send them, JSON 404s.
 */

const originOf = (url: string) => url.replace(/\/graphql$/, '');
const LEAKS = /stacktrace|select |from "|ilike|invalid byte sequence|\n\s+at /i;
const NUL_FILTER = '{ teachers(filter: { nameContains: "a\\u0000b" }) { totalCount } }';

let development: ExtraGateway;
let token: string;

beforeAll(async () => {
  token = await tokenFor(CALLERS['school admin']);
  development = await startExtraGateway({ NODE_ENV: 'development' });
});

afterAll(async () => {
  await development?.stop();
});

describe('a gateway in development mode (npm start)', () => {
  it('puts no stack trace in an answer unless EXPOSE_STACKTRACES asks for one', async () => {
    for (const query of ['{ teacher(id: "not-an-id") { id } }', '{ nope }', '{ teachers(first: 1000) { totalCount } }']) {
      const { body } = await gql(query, undefined, { url: development.url, token });
      expect(body.errors?.length).toBeGreaterThan(0);
      expect({ query, text: JSON.stringify(body) }).toEqual({ query, text: expect.not.stringMatching(LEAKS) });
    }
  });

  it('refuses a NUL character in a text filter as BAD_USER_INPUT naming the field, with no SQL', async () => {
    for (const url of [development.url, hubUrls().gateway]) {
      const { status, body } = await gql(NUL_FILTER, undefined, { url, token });
      expect(status).toBe(400);
      expect(body.errors).toEqual([
        {
          message: 'filter.nameContains: must not contain a NUL character (U+0000)',
          extensions: { code: 'BAD_USER_INPUT', field: 'filter.nameContains' },
        },
      ]);
    }
    const inVariable = await gql(
      'query($f: TeacherFilter) { teachers(filter: $f) { totalCount } }',
      { f: { nameContains: 'Siti\u0000' } },
      { url: development.url, token },
    );
    expect(inVariable.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.nameContains' });
  });

  it('and so does a subgraph asked directly', async () => {
    const { status, body } = await gql(NUL_FILTER, undefined, { url: hubUrls().subgraphs.schools, token });
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'filter.nameContains' } });
    expect(JSON.stringify(body)).not.toMatch(LEAKS);
  });
});

describe('GET queries', () => {
  const get = (params: Record<string, string>, accept = 'application/graphql-response+json, application/json') =>
    fetch(`${hubUrls().gateway}?${new URLSearchParams(params)}`, { headers: { accept, authorization: `Bearer ${token}` } });

  it('are answered as urql sends them: query, variables and operationName in the URL, no special header', async () => {
    const response = await get({
      query: 'query Balikpapan($code: ID!) { district(code: $code) { code name } }',
      variables: JSON.stringify({ code: '64.71' }),
      operationName: 'Balikpapan',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { district: { code: '64.71', name: 'Kota Balikpapan' } } });
  });

  it('never run a mutation', async () => {
    const response = await get({
      query: 'mutation Cancel { cancelRegistration(registrationId: "00000000-0000-4000-8000-000000000000") { id } }',
      operationName: 'Cancel',
    });
    expect(response.status).toBe(405);
    const body = (await response.json()) as { errors: Array<{ message: string }> };
    expect(body.errors[0].message).toMatch(/GET requests only support query operations/);
  });

  it('leave the explorer to a browser', async () => {
    const response = await fetch(hubUrls().gateway, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
  });
});

describe('paths nothing serves', () => {
  it.each([
    ['the gateway', () => hubUrls().gateway, '/nope'],
    ['the gateway', () => hubUrls().gateway, '/exports/nope'],
    ['the schools subgraph', () => hubUrls().subgraphs.schools, '/nope'],
    ['the skb subgraph', () => hubUrls().subgraphs.skb, '/nope'],
  ])('answer JSON 404 NOT_FOUND at %s: %s', async (_name, url, path) => {
    const response = await fetch(`${originOf(url())}${path}`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toEqual({ errors: [{ message: `Nothing is served at GET ${path}`, extensions: { code: 'NOT_FOUND' } }] });
  });
});
