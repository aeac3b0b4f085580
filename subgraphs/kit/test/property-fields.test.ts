import 'reflect-metadata';
import { parse, type GraphQLObjectType } from 'graphql';
import { Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { buildFederatedSchema } from '../src';
import { executeCompiled } from '../src/compiled-execution';

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
    const result = await executeCompiled({ schema, document: parse('{ probes { id plain renamed shout computed } }'), contextValue: {} });
    expect(result).toEqual({ data: { probes: [{ id: 'a', plain: 'one', renamed: 'stored', shout: 'ONE', computed: 'a-one' }] } });
  });
});
