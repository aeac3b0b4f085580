import 'reflect-metadata';
import { execute, parse, type ExecutionResult, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { Arg, Ctx, Field, FieldResolver, Info, Int, ObjectType, Query, Resolver, Root, buildSchema } from 'type-graphql';
import { callFieldResolversDirectly } from '../src/direct-resolvers';

@ObjectType()
class Item {
  @Field()
  name!: string;
}

interface Ctx {
  who: string;
}

/** Every instance of the resolver class, in the order they were made. */
const instances: object[] = [];

@Resolver(() => Item)
class ItemResolver {
  constructor() {
    instances.push(this);
  }

  @Query(() => [Item])
  items(): Item[] {
    // One instance of the class, one plain object: type-graphql makes the second an Item before a field resolver sees it.
    return [Object.assign(new Item(), { name: 'Siti' }), { name: 'Ani' } as Item];
  }

  @FieldResolver(() => String)
  label(@Root() item: Item, @Ctx() ctx: Ctx): string {
    return `${item.name} for ${ctx.who}`;
  }

  @FieldResolver(() => String)
  where(@Info() info: GraphQLResolveInfo, @Root() item: Item, @Ctx() ctx: Ctx): string {
    return `${String(info.path.prev?.key)}:${info.fieldName}:${item.name}:${ctx.who}`;
  }

  @FieldResolver(() => Boolean)
  isItem(@Root() item: Item): boolean {
    return item instanceof Item;
  }

  @FieldResolver(() => String)
  constant(): string {
    return 'same';
  }

  @FieldResolver(() => Int)
  instance(): number {
    return instances.indexOf(this);
  }

  @FieldResolver(() => String)
  shout(@Root() item: Item, @Arg('suffix') suffix: string): string {
    return `${item.name.toUpperCase()}${suffix}`;
  }
}

const QUERY = '{ items { name label where isItem constant shout(suffix: "!") } }';
// type-graphql checks an argument asynchronously: the answer may be a promise.
const run = async (schema: GraphQLSchema, query = QUERY): Promise<ExecutionResult> =>
  await execute({ schema, document: parse(query), contextValue: { who: 'school:64710001' } });

describe('field resolvers called directly', () => {
  let typeGraphql: GraphQLSchema;
  let direct: GraphQLSchema;
  let placed: string[];

  beforeAll(async () => {
    typeGraphql = await buildSchema({ resolvers: [ItemResolver], skipCheck: true });
    direct = await buildSchema({ resolvers: [ItemResolver], skipCheck: true });
    placed = callFieldResolversDirectly(direct, [ItemResolver]);
  });

  it('places the methods whose parameters are only root, context and info, and leaves those with arguments to type-graphql', () => {
    expect(placed.sort()).toEqual(['Item.constant', 'Item.instance', 'Item.isItem', 'Item.label', 'Item.where']);
  });

  it('answers what type-graphql answers, parameters in their order, a root of another class made an instance first', async () => {
    const answer = await run(direct);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({
      items: [
        {
          name: 'Siti',
          label: 'Siti for school:64710001',
          where: '0:where:Siti:school:64710001',
          isItem: true,
          constant: 'same',
          shout: 'SITI!',
        },
        {
          name: 'Ani',
          label: 'Ani for school:64710001',
          where: '1:where:Ani:school:64710001',
          isItem: true,
          constant: 'same',
          shout: 'ANI!',
        },
      ],
    });
    expect(await run(typeGraphql)).toEqual(answer);
  });

  it("runs on the instance made when they were placed, not on type-graphql's", async () => {
    // Placing made instance 0 (no schema had run anything yet); type-graphql's container makes its own at the first query.
    expect((await run(direct, '{ items { instance } }')).data).toEqual({ items: [{ instance: 0 }, { instance: 0 }] });
    const [first] = ((await run(typeGraphql, '{ items { instance } }')).data as { items: Array<{ instance: number }> }).items;
    expect(first.instance).toBeGreaterThan(0);
  });

  it('places nothing for a resolver class the schema was not built from', async () => {
    const other = await buildSchema({ resolvers: [ItemResolver], skipCheck: true });
    expect(callFieldResolversDirectly(other, [])).toEqual([]);
  });
});
