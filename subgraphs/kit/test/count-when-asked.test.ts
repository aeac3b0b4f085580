import 'reflect-metadata';
import { GraphQLInt, GraphQLList, GraphQLObjectType, GraphQLSchema, GraphQLString, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { countWhenAsked, selects } from '../src/pagination';

/** A connection whose resolver records what `selects` saw and when its count ran, answered by graphql-js and by graphql-jit. */
function connectionSchema(seen: { selects?: boolean; counted: string[] }, count: () => Promise<number>): GraphQLSchema {
  const Item: GraphQLObjectType = new GraphQLObjectType({
    name: 'Item',
    fields: () => ({ name: { type: GraphQLString }, others: { type: Connection } }),
  });
  const Connection: GraphQLObjectType = new GraphQLObjectType({
    name: 'Connection',
    fields: () => ({
      items: { type: new GraphQLList(Item) },
      totalCount: { type: GraphQLInt, resolve: (c: { count: () => Promise<number> }) => c.count() },
    }),
  });
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        list: {
          type: Connection,
          resolve: async (_root, _args, _ctx, info: GraphQLResolveInfo) => {
            seen.selects = selects(info, 'totalCount');
            const counting = countWhenAsked(info, () => {
              seen.counted.push('count started');
              return count();
            });
            seen.counted.push('page read');
            await new Promise((r) => setImmediate(r));
            return { items: [{ name: 'a', others: null }], count: counting };
          },
        },
      },
    }),
  });
}

const engines = {
  'graphql-js': (schema: GraphQLSchema, query: string) => execute({ schema, document: parse(query) }),
  'graphql-jit': (schema: GraphQLSchema, query: string) => {
    const compiled = compileQuery(schema, parse(query));
    if (!isCompiledQuery(compiled)) throw new Error(JSON.stringify(compiled));
    return compiled.query(undefined, {}, {});
  },
};

describe.each(Object.entries(engines))('countWhenAsked, answered by %s', (_engine, run) => {
  it.each([
    ['asked directly', '{ list { totalCount items { name } } }', true],
    ['asked in a named fragment', '{ list { ...F } } fragment F on Connection { items { name } totalCount }', true],
    ['asked in an inline fragment', '{ list { ... on Connection { totalCount } } }', true],
    ['asked under an alias', '{ list { n: totalCount } }', true],
    ['not asked', '{ list { items { name } } }', false],
    ['asked only deeper, of another connection', '{ list { items { others { totalCount } } } }', false],
    ['a fragment spread twice', '{ list { ...F ...F } } fragment F on Connection { items { name } }', false],
  ])('%s: counts at once, beside the page, only when totalCount is selected', async (_case, query, asked) => {
    const seen: { selects?: boolean; counted: string[] } = { counted: [] };
    const result = await run(
      connectionSchema(seen, async () => 42),
      query,
    );
    expect(result.errors).toBeUndefined();
    expect(seen.selects).toBe(asked);
    expect(seen.counted).toEqual(asked ? ['count started', 'page read'] : ['page read']);
    if (asked) expect(JSON.stringify(result.data)).toContain('42');
  });

  it('a count that fails is an error of totalCount only, the page still answered', async () => {
    const failing = () => Promise.reject(new Error('count failed'));
    const asked = await run(connectionSchema({ counted: [] }, failing), '{ list { totalCount items { name } } }');
    expect(asked.errors?.map((e) => [e.message, e.path])).toEqual([['count failed', ['list', 'totalCount']]]);
    expect(asked.data).toEqual({ list: { totalCount: null, items: [{ name: 'a' }] } });
  });
});
