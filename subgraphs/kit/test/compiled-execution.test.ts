import 'reflect-metadata';
import { parse, type GraphQLObjectType } from 'graphql';
import { compileQuery } from 'graphql-jit';
import type * as GraphqlJit from 'graphql-jit';
import { Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { buildFederatedSchema } from '../src';
import { executeCompiled } from '../src/compiled-execution';

// graphql-jit itself, counting its compilations.
jest.mock('graphql-jit', () => {
  const actual = jest.requireActual<typeof GraphqlJit>('graphql-jit');
  return { ...actual, compileQuery: jest.fn(actual.compileQuery) };
});
const compile = compileQuery as jest.MockedFunction<typeof compileQuery>;

@ObjectType()
class Probe {
  @Field(() => ID)
  id!: string;

  @Field()
  plain!: string;

  /** Answered under another name than the property's: type-graphql's resolver must stay. */
  @Field({ name: 'renamed' })
  storedAs!: string;

  /** A getter is a field resolver to type-graphql: it keeps type-graphql's resolver. */
  @Field()
  get shout(): string {
    return this.plain.toUpperCase();
  }

  @Field()
  computed!: string;
}

@Resolver(() => Probe)
class ProbeResolver {
  @Query(() => [Probe])
  probes(): Probe[] {
    return [Object.assign(new Probe(), { id: 'a', plain: 'one', storedAs: 'stored' })];
  }

  @FieldResolver(() => String)
  computed(@Root() probe: Probe): string {
    return `${probe.id}-${probe.plain}`;
  }
}

describe('fields that read a property', () => {
  it('read it without a resolver; renamed fields, getters and field resolvers keep theirs; the answer is unchanged', async () => {
    const schema = await buildFederatedSchema({ name: 'schools', resolvers: [ProbeResolver], references: {}, createLoaders: () => ({}) });
    const fields = (schema.getType('Probe') as GraphQLObjectType).getFields();
    expect(Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.resolve !== undefined]))).toEqual({
      id: false,
      plain: false,
      renamed: true,
      shout: true,
      computed: true,
    });
    const result = await executeCompiled({
      schema,
      document: parse('{ probes { id plain renamed shout computed } }'),
      contextValue: {},
      interpretedRuns: 0,
    });
    expect(result).toEqual({ data: { probes: [{ id: 'a', plain: 'one', renamed: 'stored', shout: 'ONE', computed: 'a-one' }] } });
  });
});

describe('compiled queries', () => {
  it('compile a document on its second execution, once, with the same answer each time', async () => {
    const schema = await buildFederatedSchema({ name: 'schools', resolvers: [ProbeResolver], references: {}, createLoaders: () => ({}) });
    compile.mockClear();
    const document = parse('{ probes { id computed } }');
    const answers = [];
    const compiledAfter = [];
    for (let i = 0; i < 3; i++) {
      answers.push(await executeCompiled({ schema, document, contextValue: {} }));
      compiledAfter.push(compile.mock.calls.length);
    }
    expect(compiledAfter).toEqual([0, 1, 1]);
    expect(answers).toEqual(Array(3).fill({ data: { probes: [{ id: 'a', computed: 'a-one' }] } }));
    // A mutation, or a query refused for its variables, never compiles.
    const refused = await executeCompiled({
      schema,
      document: parse('query ($n: ID!) { probes { id } }'),
      variableValues: {},
      contextValue: {},
      interpretedRuns: 0,
    });
    expect(refused.errors?.map((e) => e.message)).toEqual(['Variable "$n" of required type "ID!" was not provided.']);
    expect(compile.mock.calls.length).toBe(1);
  });
});
