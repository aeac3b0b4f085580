import 'reflect-metadata';
import { DriverException } from '@mikro-orm/core';
import { parse } from 'graphql';
import { Arg, Query, Resolver } from 'type-graphql';
import {
  ConfigError,
  createSubgraphServer,
  loadSubgraphConfig,
  nulCharacterField,
  type Orm,
  type RunningService,
  type SubgraphConfig,
} from '../src';

/**
 * Issue 15, first contact, in every subgraph: no stack trace unless the
 * operator asks for one (EXPOSE_STACKTRACES), no SQL in any message in any
 * mode, NUL characters in text refused as the client's mistake, and a JSON
 * 404 for paths the service does not serve.
 */

@Resolver()
class ProbeResolver {
  @Query(() => Boolean)
  broken(): boolean {
    throw new Error('something unexpected');
  }

  @Query(() => Boolean)
  refusedByDatabase(): boolean {
    const driver = Object.assign(
      new Error(
        'select "t"."full_name" from "teacher" as "t" where "t"."full_name" ilike $1 - invalid byte sequence for encoding "UTF8": 0x00',
      ),
      {
        code: '22021',
        severity: 'ERROR',
      },
    );
    throw new DriverException(driver);
  }

  @Query(() => String)
  echo(@Arg('text') text: string): string {
    return text;
  }
}

const DATABASE_URL = 'postgres://nobody@127.0.0.1:1/none';
// Only the request context touches the ORM here: a fork per request, never a query.
const orm = { em: { fork: () => ({}) }, close: async () => undefined } as unknown as Orm;

function configFor(env: Record<string, string>): SubgraphConfig {
  return loadSubgraphConfig('schools', {
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    SCHOOLS_PORT: '0',
    SCHOOLS_DATABASE_URL: DATABASE_URL,
    ...env,
  });
}

async function serve(env: Record<string, string>): Promise<RunningService> {
  const server = await createSubgraphServer(
    { name: 'schools', resolvers: [ProbeResolver], references: {}, createLoaders: () => ({}) },
    configFor(env),
    orm,
  );
  return server.listen();
}

interface Answer {
  status: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions: Record<string, unknown> }> };
}

async function ask(service: RunningService, query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(service.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

describe('EXPOSE_STACKTRACES', () => {
  it('is off by default in every mode, on when set outside production, and refused in production', () => {
    for (const NODE_ENV of ['development', 'test']) {
      expect(configFor({ NODE_ENV }).exposeStacktraces).toBe(false);
      expect(configFor({ NODE_ENV, EXPOSE_STACKTRACES: 'true' }).exposeStacktraces).toBe(true);
    }
    const production = {
      NODE_ENV: 'production',
      // Never fetched: no token is sent in this test.
      JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json',
      CURSOR_SECRET: 'a-production-cursor-secret-0123',
      GATEWAY_SECRET: 'a-production-gateway-secret-0123',
    };
    expect(configFor(production).exposeStacktraces).toBe(false);
    expect(() => configFor({ ...production, EXPOSE_STACKTRACES: 'true' })).toThrow(ConfigError);
    expect(() => configFor({ ...production, EXPOSE_STACKTRACES: 'true' })).toThrow(/EXPOSE_STACKTRACES/);
    expect(() => configFor({ EXPOSE_STACKTRACES: 'yes' })).toThrow(ConfigError);
  });
});

describe('error answers of a subgraph', () => {
  const services: RunningService[] = [];
  let development: RunningService;
  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
  });
  beforeAll(async () => {
    development = await serve({ NODE_ENV: 'development' });
    services.push(development);
  });

  it('carry no stack trace in development unless EXPOSE_STACKTRACES asks for one', async () => {
    const { body } = await ask(development, '{ broken }');
    expect(body.errors?.[0].message).toBe('something unexpected');
    expect(body.errors?.[0].extensions.stacktrace).toBeUndefined();
    const exposing = await serve({ NODE_ENV: 'development', EXPOSE_STACKTRACES: 'true' });
    services.push(exposing);
    const exposed = await ask(exposing, '{ broken }');
    expect(exposed.body.errors?.[0].extensions.stacktrace).toEqual(expect.arrayContaining([expect.stringMatching(/something unexpected/)]));
  });

  it('never carry a driver message (the SQL statement), in development either, stack traces on or off', async () => {
    const exposing = await serve({ NODE_ENV: 'development', EXPOSE_STACKTRACES: 'true' });
    services.push(exposing);
    for (const service of [development, exposing]) {
      const { body } = await ask(service, '{ refusedByDatabase }');
      expect(body.errors?.[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(body)).not.toMatch(/select|full_name|teacher|0x00|stacktrace/i);
    }
  });

  it('refuse a NUL character in text as BAD_USER_INPUT naming the field, in the query text or in a variable', async () => {
    const literal = await ask(development, '{ echo(text: "a\\u0000b") }');
    expect(literal.status).toBe(400);
    expect(literal.body.errors).toEqual([
      { message: 'text: must not contain a NUL character (U+0000)', extensions: { code: 'BAD_USER_INPUT', field: 'text' } },
    ]);
    const variable = await ask(development, 'query($t: String!) { echo(text: $t) }', { t: 'a\u0000b' });
    expect(variable.body.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'text' });
    expect((await ask(development, '{ echo(text: "a\\tb") }')).body).toEqual({ data: { echo: 'a\tb' } });
  });

  it('answer a path the service does not serve with a JSON 404', async () => {
    const origin = development.url.replace(/\/graphql$/, '');
    for (const [method, path] of [
      ['GET', '/nope'],
      ['POST', '/nope/deeper'],
      ['GET', '/'],
    ] as const) {
      const response = await fetch(`${origin}${path}`, { method });
      expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({
        path,
        status: 404,
        type: expect.stringMatching(/application\/json/),
      });
      expect(await response.json()).toEqual({
        errors: [{ message: expect.stringMatching(/^Nothing is served at /), extensions: { code: 'NOT_FOUND' } }],
      });
    }
  });
});

describe('nulCharacterField', () => {
  it('names the argument and input fields leading to the text, through variables, lists and defaults', () => {
    const filterDocument = parse(
      'query($f: TeacherFilter, $n: String = "x\\u0000") { teachers(filter: $f) { totalCount } other: teachers(filter: { nameContains: $n }) { totalCount } }',
    );
    expect(nulCharacterField(filterDocument, { f: { districtCode: '64.71', nameContains: 'a\u0000' } })).toBe('filter.nameContains');
    expect(nulCharacterField(filterDocument, { f: null, n: 'fine' })).toBeNull();
    expect(nulCharacterField(filterDocument, { f: null })).toBe('filter.nameContains');
    expect(nulCharacterField(parse('query($e: [String!]) { lecturer(expertise: $e) { id } }'), { e: ['ok', 'x\u0000'] })).toBe(
      'expertise[1]',
    );
    expect(nulCharacterField(parse('{ a(input: { title: "ok", topics: ["\\u0000"] }) }'))).toBe('input.topics');
    // Given the source text, a document that cannot hold NUL is not walked; one with an escape is.
    expect(nulCharacterField(parse('{ a(t: "\\u{0}") }'), null, '{ a(t: "\\u{0}") }')).toBe('t');
    expect(nulCharacterField(parse('{ a(t: "\\u0000") }'), null, '{ a(t: "\\u0000") }')).toBe('t');
    expect(nulCharacterField(parse('{ a(t: "ok") }'), { t: 'x' }, '{ a(t: "ok") }')).toBeNull();
    // A variable the document never uses is never read.
    expect(nulCharacterField(parse('{ a }'), { unused: '\u0000' })).toBeNull();
  });
});
