import { buildClientSchema, getIntrospectionQuery } from 'graphql';
import { GATEWAY_SECRET_HEADER } from '@mitra/runtime';
import { gql } from '../harness/client';
import { hubSecrets, hubUrls } from '../harness/env';

const deep = (n: number) => `${'prerequisite { '.repeat(n)}id${' }'.repeat(n)}`;

async function post(body: string): Promise<{ status: number; json: any }> {
  const response = await fetch(process.env.MITRA_GATEWAY_URL!, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, json: await response.json().catch(() => null) };
}

// Abusive operations are refused before planning, with a clear coded error.
describe('operation limits at the gateway', () => {
  it('accepts an ordinary catalogue query', async () => {
    const { body } = await gql('{ trainingPrograms { code prerequisite { code } } }');
    expect(body.errors).toBeUndefined();
  });

  it('answers the standard introspection query, as explorers, IDEs and code generators send it (outside production)', async () => {
    const { status, body } = await gql(
      getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true }),
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const schema = buildClientSchema(body.data);
    expect(Object.keys(schema.getQueryType()!.getFields())).toEqual(
      expect.arrayContaining(['teachers', 'district', 'trainingPrograms', 'venues']),
    );
  });

  it('still refuses introspection nested to cost the gateway (graphql-js MaxIntrospectionDepthRule)', async () => {
    const nested = `{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }`;
    const { status, body } = await gql(nested);
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0].message).toBe('Maximum introspection depth exceeded');
  });

  it('refuses an operation deeper than the limit', async () => {
    const { body } = await gql(`{ trainingPrograms { ${deep(12)} } }`);
    // The document is valid GraphQL: no "Syntax Error" (graphql-armor's wording), the limit and its setting instead.
    expect(body.errors[0].message).toBe('Query depth limit of 12 exceeded, found 14 (MAX_QUERY_DEPTH).');
    expect(body.errors[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth' });
    expect(body.data).toBeUndefined();
  });

  it.each([
    ['a named fragment', `query { ...Deep } fragment Deep on Query { trainingPrograms { ${deep(12)} } }`],
    ['a fragment called __schema', `query { ...__schema } fragment __schema on Query { trainingPrograms { ${deep(12)} } }`],
    [
      'nested fragments',
      `query { trainingPrograms { ...A } } fragment A on TrainingProgram { prerequisite { ...B } } fragment B on TrainingProgram { ${deep(11)} }`,
    ],
  ])('refuses depth hidden in %s', async (_name, query) => {
    const { body } = await gql(query);
    expect(body.errors?.[0]?.message).toMatch(/depth limit/);
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: code`).join(' ');
    const { body } = await gql(`{ trainingPrograms { ${aliases} } }`);
    expect(body.errors[0].message).toBe('Aliases limit of 30 exceeded, found 31 (MAX_QUERY_ALIASES).');
    expect(body.errors[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'aliases' });
  });

  it('refuses too many root fields, also when they hide in fragments', async () => {
    const fields = Array.from({ length: 16 }, (_, i) => `f${i}: venues { id }`);
    const direct = await gql(`{ ${fields.join(' ')} }`);
    expect(direct.body.errors[0].message).toMatch(/16 root fields; at most 15 are allowed \(MAX_ROOT_FIELDS\)/);
    expect(direct.body.errors[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'rootFields' });
    const viaFragment = await gql(`{ ...F ${fields.slice(0, 8).join(' ')} } fragment F on Query { ${fields.slice(8).join(' ')} }`);
    expect(viaFragment.body.errors[0].message).toMatch(/16 root fields; at most 15/);
  });

  it('refuses too many directives and too many tokens', async () => {
    const directives = Array.from({ length: 21 }, () => '@include(if: true)').join(' ');
    const d = await gql(`{ venues { id ${directives} } }`);
    expect(d.body.errors[0].message).toBe('Directives limit of 20 exceeded, found 21 (MAX_QUERY_DIRECTIVES).');
    expect(d.body.errors[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'directives' });
    const variables = Array.from({ length: 700 }, (_, i) => `$v${i}: Int`).join(' ');
    const t = await gql(`query Long(${variables}) { venues { id } }`);
    expect(t.body.errors[0].message).toMatch(/Token limit of 2000 exceeded/);
    // Refused as the client's fault, not a server error (graphql-armor's own check answered 500).
    expect(t.status).toBe(400);
    expect(t.body.errors[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'tokens' });
  });

  it('refuses an operation that would cost more than the limit, naming the limit (not "Syntax Error")', async () => {
    const page =
      'edges { node { fullName nuptk birthDate school { npsn name address district { code name } } qualifications { level institution } } }';
    const pages = Array.from({ length: 10 }, (_, i) => `p${i}: teachers(first: 100) { ${page} }`).join(' ');
    const { status, body } = await gql(`{ ${pages} }`);
    expect(status).toBe(400);
    const cost = body.errors.find((e: { extensions: { limit?: string } }) => e.extensions.limit === 'cost');
    expect(cost).toEqual({
      message: expect.stringMatching(/^Query Cost limit of 60000 exceeded, found \d+ \(MAX_QUERY_COST\)\.$/),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost' },
    });
    for (const e of body.errors) expect(e.message).not.toMatch(/Syntax Error/);
  });

  it('refuses a body larger than the limit with 413 and a coded error', async () => {
    const { status, json } = await post(JSON.stringify({ query: '{ venues { id } }', variables: { pad: 'x'.repeat(200_000) } }));
    expect(status).toBe(413);
    expect(json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers a body that is not JSON with 400 and no stack trace', async () => {
    const { status, json } = await post('{"query": ');
    expect(status).toBe(400);
    expect(JSON.stringify(json)).not.toMatch(/at .*\.js/);
  });

  it('refuses batched HTTP requests', async () => {
    const { status, json } = await post(JSON.stringify([{ query: '{ venues { id } }' }, { query: '{ venues { id } }' }]));
    expect(status).toBe(400);
    expect(json.errors[0].message).toMatch(/batching/i);
  });

  // Found by tests/e2e/fuzz.e2e.ts: the query planner walks a nested list literal twice per level, and a custom
  // scalar (Date) takes any literal at the gateway, so this held the gateway's only thread for good.
  it('refuses a value nested deeper than MAX_VALUE_DEPTH before planning it', async () => {
    const nested = `${'['.repeat(40)}"2024-01-01"${']'.repeat(40)}`;
    const { status, body } = await gql(`{ trainingEvents(filter: { startsBefore: ${nested} }) { totalCount } }`);
    expect(status).toBe(400);
    expect(body.errors[0].message).toBe('Argument "filter" nests lists or objects more than 8 levels deep (MAX_VALUE_DEPTH).');
    // The gateway is still there for everyone else.
    expect((await gql('{ venues { id } }')).body.errors).toBeUndefined();
  });

  // Found by tests/e2e/fuzz.e2e.ts on an earlier second engine, whose Rust planner could not read an integer literal beyond
  // 64 bits (valid GraphQL where an ID is expected) and answered 500. Apollo reads it as the ID "17620411307234542000".
  it('answers an integer literal beyond 64 bits where an ID is expected without a 5xx, coded', async () => {
    const { status, body } = await gql('{ lecturer(id: 17620411307234542000) { id } }');
    expect(status).toBeLessThan(500);
    expect(body.errors?.length).toBeGreaterThan(0);
    for (const e of body.errors) expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'NOT_FOUND']).toContain(e.extensions.code);
  });

  it('refuses a fragment bomb at once', async () => {
    const fragments = Array.from(
      { length: 30 },
      (_, i) => `fragment F${i} on Query { ${i < 29 ? `...F${i + 1} ...F${i + 1}` : 'venues { id }'} }`,
    ).join(' ');
    const { status, body } = await gql(`query { ...F0 } ${fragments}`);
    expect(status).toBe(400);
    // Our root-field rule counts each fragment once, so it answers at once (armor's cost rule reports the bomb too).
    const messages: string[] = body.errors.map((e: { message: string }) => e.message);
    expect(messages).toContain('The operation selects 536870912 root fields; at most 15 are allowed (MAX_ROOT_FIELDS).');
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('hides field suggestions outside development', async () => {
    const { body } = await gql('{ venuez { id } }');
    expect(body.errors[0].message).not.toMatch(/Did you mean/);
    expect(body.errors[0].extensions.stacktrace).toBeUndefined();
  });
});

describe('hostile input that must be a 4xx, never a 500', () => {
  const deep = (n: number) => `${'['.repeat(n)}"2024-01-01"${']'.repeat(n)}`;

  it.each([
    ['a variable the document uses', 'query($d: Date) { trainingEvents(filter: { startsBefore: $d }) { totalCount } }'],
    ['a variable the document never reads', '{ venues { name } }'],
  ])('refuses a value nested deeper than MAX_VALUE_DEPTH in %s', async (_what, query) => {
    const { status, json } = await post(`{"query":${JSON.stringify(query)},"variables":{"d":${deep(5_000)}}}`);
    expect(status).toBe(400);
    expect(json).toEqual({
      errors: [
        {
          message: 'Variable "$d" nests lists or objects more than 8 levels deep (MAX_VALUE_DEPTH).',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'valueDepth' },
        },
      ],
    });
  });

  it('still reads a variable nested within the limit', async () => {
    const { status, json } = await post(
      JSON.stringify({
        query: 'query($d: Date) { trainingEvents(filter: { startsBefore: $d }) { totalCount } }',
        variables: { d: '2024-01-01' },
      }),
    );
    expect(status).toBe(200);
    expect(json.data.trainingEvents.totalCount).toEqual(expect.any(Number));
  });

  it('refuses a subscription as a bad request', async () => {
    const { status, json } = await post(JSON.stringify({ query: 'subscription { venues { name } }' }));
    expect(status).toBe(400);
    expect(json.errors).toEqual([
      expect.objectContaining({
        message: 'Subscriptions are not served by this hub: use a query (or poll).',
        extensions: expect.objectContaining({ code: 'BAD_REQUEST' }),
      }),
    ]);
  });

  it.each([
    ['the gateway', 'skip', () => hubUrls().gateway],
    ['the gateway', 'include', () => hubUrls().gateway],
    ['a subgraph asked directly', 'skip', () => hubUrls().subgraphs.university],
  ])(
    'refuses at %s an @%s whose `if` variable is sent as null (validation lets a defaulted one through)',
    async (_where, directive, url) => {
      const query = `query($v: Boolean = true) { lecturers { id fullName @${directive}(if: $v) } }`;
      const response = await fetch(url(), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables: { v: null } }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        errors: [
          expect.objectContaining({
            message: `Argument "if" of @${directive} must be true or false, but variable "$v" is null.`,
            extensions: { code: 'BAD_USER_INPUT', field: 'if' },
          }),
        ],
      });
      // Left out, the default decides; true and false as ever.
      for (const variables of [{}, { v: false }, { v: true }]) {
        const answer = await fetch(url(), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables }),
        });
        expect(answer.status).toBe(200);
        const { data } = (await answer.json()) as { data: { lecturers: Array<Record<string, string>> } };
        const shown = directive === 'skip' ? (variables as { v?: boolean }).v === false : (variables as { v?: boolean }).v !== false;
        expect(data.lecturers.length).toBeGreaterThan(0);
        for (const lecturer of data.lecturers) expect('fullName' in lecturer).toBe(shown);
      }
    },
  );

  it.each([
    ['the gateway', () => hubUrls().gateway],
    ['a subgraph', () => hubUrls().subgraphs.skb],
  ])('answers a body in another charset with 415 at %s', async (_where, url) => {
    const response = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=latin1' },
      body: '{"query":"{ __typename }"}',
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'The request body must be JSON in UTF-8, not compressed (content-type: application/json).',
          extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
        },
      ],
    });
  });
});

describe('request bodies at a subgraph', () => {
  // A valid client query with nested lists can make the gateway send a subgraph more than 1 MB of entity
  // representations (found by the fuzz test, seed 110854334): the gateway may send more than anyone else.
  const padded = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1_200_000) } });
  const send = (headers: Record<string, string>) =>
    fetch(hubUrls().subgraphs.skb, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: padded });

  it('refuses more than MAX_BODY_SIZE from a caller without the gateway secret, as the gateway does', async () => {
    const response = await send({});
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [{ message: 'The request body is larger than 100kb (MAX_BODY_SIZE).', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
  });

  it('accepts it from the gateway', async () => {
    const response = await send({ [GATEWAY_SECRET_HEADER]: hubSecrets().gatewaySecret });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('the gateway’s operation limits at each subgraph, for callers without its secret', () => {
  const aliases = `{ ${Array.from({ length: 3_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
  const direct = (url: string, query: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

  it.each(['schools', 'university', 'skb'] as const)(
    '%s refuses 3,000 aliases at once, coded, and still answers the gateway',
    async (name) => {
      const url = hubUrls().subgraphs[name];
      const started = performance.now();
      const refused = await direct(url, aliases);
      const elapsed = performance.now() - started;
      expect(refused.status).toBe(400);
      // 9,000 tokens: refused by the cheapest check, the token count, before the document is parsed.
      expect(((await refused.json()) as { errors: unknown[] }).errors[0]).toMatchObject({
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'tokens' },
      });
      // Refused before any resolver: a bound for a loaded CI machine, not a benchmark.
      expect(elapsed).toBeLessThan(2_000);
      const fromGateway = await direct(url, '{ a: __typename b: __typename }', { [GATEWAY_SECRET_HEADER]: hubSecrets().gatewaySecret });
      expect(await fromGateway.json()).toEqual({ data: { a: 'Query', b: 'Query' } });
    },
  );

  it('refuses one alias more than MAX_QUERY_ALIASES straight at the skb', async () => {
    const response = await direct(hubUrls().subgraphs.skb, `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: venues { id }`).join(' ')} }`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: unknown[] }).errors[0]).toMatchObject({
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'aliases' },
    });
  });

  it('refuses an operation deeper than MAX_QUERY_DEPTH straight at the university', async () => {
    const response = await direct(hubUrls().subgraphs.university, `{ trainingPrograms { ${deep(12)} } }`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: unknown[] }).errors[0]).toMatchObject({
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth' },
    });
  });
});
