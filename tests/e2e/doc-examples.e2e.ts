import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  Kind,
  print,
} from 'graphql';
import type { DefinitionNode, GraphQLSchema } from 'graphql';
import { expectNoErrors, gql } from '../harness/client';
import { allDocExamples, docExamples, type DocExample, type SdlExcerpt } from '../harness/doc-examples';
import { tokenFor } from '../harness/tokens';

/**
 * Every GraphQL example of README.md and docs/*.md runs against the demo hub
 * (the harness's hub, seeded with the demo world), so none can rot.
 * The conventions (docs/architecture.md, "Examples in the docs", says the same):
 *
 * - A ```graphql fenced block is an example: one document, sent verbatim
 *   (comments included) in one POST to the gateway. It must answer without
 *   errors, and every root field of the answer must be non-null and not an
 *   empty list: a stale id or code fails.
 * - Its first lines may be comments that say how to run it:
 *   `# as: <org> <role>[,<role>]` signs a token with those claims, as
 *   `npm run token -- --org <org> --roles <role>` does (without it the request
 *   is anonymous); `# expect: CODE` documents a refusal: the answer must carry
 *   errors, each with `extensions.code` CODE.
 * - A ```json block right after it (only blank lines between) holds its
 *   variables. A ```json block whose top-level key is `data` or `errors` is
 *   the documented answer: the real answer must contain it (toMatchObject).
 * - Schema excerpts are fenced ```graphql-sdl (or are ```graphql blocks with
 *   type definitions only). They are not run: each named type, field (with
 *   its type), input field and enum value must exist in the served schema.
 * - A write that succeeds is shown as a shell session (```sh), not as a
 *   ```graphql block: the hub is shared by every end-to-end test and keeps
 *   the demo data. A mutation example is run only with `# expect:`, as a
 *   refused write changes nothing.
 */

const { examples, sdl } = allDocExamples();
const label = (e: { page: string; line: number }, name?: string) => `${e.page}:${e.line}${name ? ` ${name}` : ''}`;

describe('the examples of README.md and docs/*.md, against the demo hub', () => {
  it('are found: the README has a first query that needs no token', () => {
    const readme = examples.filter((e) => e.page === 'README.md');
    expect(readme.length).toBeGreaterThan(0);
    expect({ as: readme[0].as, expect: readme[0].expect }).toEqual({ as: undefined, expect: undefined });
  });

  it('run writes only as documented refusals', () => {
    const writes = examples.filter((e) => /^\s*mutation\b/m.test(e.query.replace(/^\s*#.*$/gm, '')) && !e.expect);
    expect(writes.map((e) => label(e))).toEqual([]);
  });

  for (const example of examples) {
    it(label(example, example.operationName), async () => {
      const token = example.as ? await tokenFor(example.as) : undefined;
      const { body } = await gql(example.query, example.variables, { token });
      if (example.expect) {
        const codes = (body.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code);
        expect(codes.length).toBeGreaterThan(0);
        expect(new Set(codes)).toEqual(new Set([example.expect]));
      } else {
        expectNoErrors(body);
        expect(emptyRootFields(body.data)).toEqual([]);
      }
      if (example.answer) expect(body).toMatchObject(example.answer);
    });
  }
});

describe('the schema excerpts of README.md and docs/*.md', () => {
  let served: Promise<GraphQLSchema> | undefined;
  const servedSchema = (): Promise<GraphQLSchema> =>
    (served ??= gql(getIntrospectionQuery()).then(({ body }) => {
      expectNoErrors(body);
      return buildClientSchema(body.data);
    }));

  for (const excerpt of sdl) {
    it(`${label(excerpt)} names only what the gateway serves`, async () => {
      expect(missingFromSchema(excerpt, await servedSchema())).toEqual([]);
    });
  }
});

/** Root fields that are null, or empty lists (or connections without edges). */
function emptyRootFields(data: Record<string, unknown>): string[] {
  return Object.entries(data)
    .filter(([, value]) => {
      if (value === null) return true;
      if (Array.isArray(value)) return value.length === 0;
      const edges = (value as { edges?: unknown[] }).edges;
      return Array.isArray(edges) && edges.length === 0;
    })
    .map(([field]) => field);
}

/** What an SDL excerpt names that the served schema lacks, or types differently. */
function missingFromSchema(excerpt: SdlExcerpt, schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const definition of excerpt.document.definitions as DefinitionNode[]) {
    if (!('name' in definition) || !definition.name || definition.kind === Kind.DIRECTIVE_DEFINITION) continue;
    const name = definition.name.value;
    const type = schema.getType(name);
    if (!type) {
      missing.push(name);
      continue;
    }
    if ('fields' in definition && definition.fields && (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) {
      const served = type.getFields();
      for (const field of definition.fields) {
        const actual = served[field.name.value];
        if (!actual) missing.push(`${name}.${field.name.value}`);
        else if (String(actual.type) !== print(field.type))
          missing.push(`${name}.${field.name.value}: ${print(field.type)} (served: ${String(actual.type)})`);
      }
    }
    if ('values' in definition && definition.values && isEnumType(type)) {
      for (const value of definition.values) if (!type.getValue(value.name.value)) missing.push(`${name}.${value.name.value}`);
    }
  }
  return missing;
}

describe('docExamples (reading the conventions)', () => {
  const page = [
    'Some prose.',
    '```graphql',
    '# as: school:64710001 admin,staff',
    'query One($n: String!) { school(npsn: $n) { name } }',
    '```',
    '',
    '```json',
    '{ "n": "64710001" }',
    '```',
    '```json',
    '{ "data": { "school": { "name": "TK" } } }',
    '```',
    '```graphql',
    '# expect: UNAUTHENTICATED',
    '{ teachers { totalCount } }',
    '```',
    'Text between.',
    '```json',
    '{ "not": "variables of the block above" }',
    '```',
    '```graphql-sdl',
    'type PageInfo { hasNextPage: Boolean! }',
    '```',
    '~~~graphql',
    'enum Tier { BASIC }',
    '~~~',
  ].join('\n');

  it('reads the token, the expected code, variables, the answer and SDL', () => {
    const { examples: found, sdl: excerpts } = docExamples('page.md', page);
    expect(found).toEqual<DocExample[]>([
      {
        page: 'page.md',
        line: 2,
        query: '# as: school:64710001 admin,staff\nquery One($n: String!) { school(npsn: $n) { name } }',
        operationName: 'One',
        as: { org: 'school:64710001', roles: ['admin', 'staff'] },
        variables: { n: '64710001' },
        answer: { data: { school: { name: 'TK' } } },
      },
      { page: 'page.md', line: 13, query: '# expect: UNAUTHENTICATED\n{ teachers { totalCount } }', expect: 'UNAUTHENTICATED' },
    ]);
    expect(excerpts.map((e) => e.line)).toEqual([21, 24]);
  });

  it('refuses a block it cannot read, naming the line', () => {
    expect(() => docExamples('p.md', '```graphql\n{ a(\n```')).toThrow(/^p\.md:1: not GraphQL/);
    expect(() => docExamples('p.md', '```graphql\n# as: school:1\n{ a }\n```')).toThrow(/^p\.md:1: cannot read "# as: school:1"/);
    expect(() => docExamples('p.md', '```graphql\n{ a }\n{ b }\n```')).toThrow(/one operation per example, found 2/);
    expect(() => docExamples('p.md', '```graphql\n{ a }\n```\n```json\n[1]\n```')).toThrow(/^p\.md:4: a JSON block/);
  });

  it('finds the SDL check failing on a field the schema lacks', () => {
    const schema = buildSchema('type Query { a: Int } enum Tier { BASIC }');
    const { sdl: excerpts } = docExamples(
      'p.md',
      '```graphql-sdl\ntype Query { a: String nope: Int } enum Tier { BASIC MAHIR } type Gone { x: Int }\n```',
    );
    expect(missingFromSchema(excerpts[0], schema)).toEqual(['Query.a: String (served: Int)', 'Query.nope', 'Tier.MAHIR', 'Gone']);
  });
});
