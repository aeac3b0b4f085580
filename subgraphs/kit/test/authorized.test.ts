import 'reflect-metadata';
import { execute, parse, type ExecutionResult, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root, buildSchema } from 'type-graphql';
import { Authorized, Rule, enforceRules, viewerFromClaims, type AccessContext, type Viewer } from '../src';

// A person-level type, with one field open to any token and one personal field.
@Authorized(Rule.PERSONS)
@ObjectType()
class Person {
  @Field()
  name!: string;

  @Authorized(Rule.AUTHENTICATED)
  @Field()
  region!: string;

  @Authorized(Rule.PERSONAL)
  @Field(() => String, { nullable: true })
  birthDate!: string | null;

  ownerOrg!: string;
}

@ObjectType()
class Catalogue {
  @Field()
  title!: string;
}

const PEOPLE = [
  Object.assign(new Person(), { name: 'Siti', region: '64.71', birthDate: '1990-01-02', ownerOrg: 'school:64710001' }),
  Object.assign(new Person(), { name: 'Ani', region: '64.71', birthDate: '1991-03-04', ownerOrg: 'school:64710002' }),
];

// A resolver class under a rule: its queries and field resolvers, unless one carries its own.
@Authorized(Rule.PERSONS)
@Resolver(() => Person)
class PersonResolver {
  @Query(() => [Person], { nullable: true })
  people(): Person[] {
    return PEOPLE;
  }

  @Authorized(Rule.STATISTICS)
  @Query(() => Number, { nullable: true })
  headcount(): number {
    return PEOPLE.length;
  }

  @FieldResolver(() => String)
  greeting(@Root() person: Person, @Ctx() ctx: AccessContext): string {
    return `${person.name} seen by ${ctx.viewer?.org}`;
  }
}

@Resolver()
class CatalogueResolver {
  @Query(() => Catalogue)
  catalogue(): Catalogue {
    return Object.assign(new Catalogue(), { title: 'Diklat Dasar' });
  }
}

const viewer = (org: string): Viewer => viewerFromClaims({ sub: 's', org, roles: ['staff'] });
const school = viewer('school:64710001');
const analyst = viewer('government:kaltim');

let schema: GraphQLSchema;
let placed: Map<string, readonly string[]>;

beforeAll(async () => {
  schema = await buildSchema({ resolvers: [PersonResolver, CatalogueResolver], skipCheck: true });
  placed = enforceRules(schema);
});

function run(query: string, v: Viewer | null): ExecutionResult {
  const result = execute({ schema, document: parse(query), contextValue: { viewer: v, fromGateway: false } });
  // Every resolver here is synchronous, and so is every check: no middleware turns a field into a promise.
  expect(result).not.toBeInstanceOf(Promise);
  return result as ExecutionResult;
}

const codes = (result: ExecutionResult): string[] => (result.errors ?? []).map((e) => `${e.path?.join('.')}: ${e.extensions.code}`);

describe("the kit's @Authorized", () => {
  it('places a field its own rule, else its type’s or resolver class’s, and nothing on open fields', () => {
    expect(Object.fromEntries(placed)).toEqual({
      'Query.people': [Rule.PERSONS],
      'Query.headcount': [Rule.STATISTICS],
      'Person.name': [Rule.PERSONS],
      'Person.region': [Rule.AUTHENTICATED],
      'Person.birthDate': [Rule.PERSONAL],
      'Person.greeting': [Rule.PERSONS],
    });
  });

  it('lets a partner read person-level fields, synchronously, and nulls another school’s personal field without an error', () => {
    const result = run('{ people { name region birthDate greeting } catalogue { title } }', school);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      people: [
        { name: 'Siti', region: '64.71', birthDate: '1990-01-02', greeting: 'Siti seen by school:64710001' },
        { name: 'Ani', region: '64.71', birthDate: null, greeting: 'Ani seen by school:64710001' },
      ],
      catalogue: { title: 'Diklat Dasar' },
    });
  });

  it('refuses government tokens person-level data with FORBIDDEN naming the field, and allows what is open to them', () => {
    expect(codes(run('{ people { name } }', analyst))).toEqual(['people: FORBIDDEN']);
    const result = run('{ headcount catalogue { title } }', analyst);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ headcount: 2, catalogue: { title: 'Diklat Dasar' } });
  });

  it('refuses anonymous callers with UNAUTHENTICATED, field by field, and leaves the catalogue open', () => {
    const result = run('{ people { name } headcount catalogue { title } }', null);
    expect(codes(result)).toEqual(['people: UNAUTHENTICATED', 'headcount: UNAUTHENTICATED']);
    expect(result.errors?.[0].message).toBe('Query.people needs a token (Authorization: Bearer <JWT>)');
    expect(result.data).toEqual({ people: null, headcount: null, catalogue: { title: 'Diklat Dasar' } });
  });

  it('checks each field of a type reached without its root check (a reference, a new path): the type’s rule holds', () => {
    // As if a field returned a Person without any rule of its own: the fields refuse government tokens themselves.
    const person = schema.getType('Person') as GraphQLObjectType;
    const name = person.getFields().name;
    const info = { parentType: person, fieldName: 'name' } as never;
    expect(() => name.resolve!(PEOPLE[0], {}, { viewer: analyst, fromGateway: false }, info)).toThrow(
      'Person.name is person-level data: government tokens read statistics only',
    );
    expect(name.resolve!(PEOPLE[0], {}, { viewer: school, fromGateway: false }, info)).toBe('Siti');
  });
});
