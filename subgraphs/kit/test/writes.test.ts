import { ApolloServer } from '@apollo/server';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  DateScalar,
  createLogger,
  daysBetween,
  formatErrorFor,
  ormErrorTranslator,
  requireDateBetween,
  requireNotNull,
  shiftYears,
  type ServiceConfig,
} from '../src';

/**
 * The one translation point of errors, through a real Apollo Server: values
 * refused before any resolver runs name their field as the resolvers' own
 * checks do, and database refusals become CONFLICT without SQL.
 */
const typeDefs = /* GraphQL */ `
  scalar Date
  input EventInput {
    title: String
    startsOn: Date
    endsOn: Date
  }
  type Query {
    ok: Boolean
  }
  type Mutation {
    create(input: EventInput!, day: Date): Boolean
    duplicate(constraint: String!): Boolean
    stale: Boolean
  }
`;

function uniqueViolation(constraint: string): UniqueConstraintViolationException {
  const pgError = Object.assign(new Error(`insert into "teacher" ... duplicate key value violates unique constraint "${constraint}"`), {
    code: '23505',
    constraint,
  });
  return new UniqueConstraintViolationException(pgError);
}

const config = { nodeEnv: 'test' } as ServiceConfig;
const server = new ApolloServer({
  typeDefs,
  resolvers: {
    Date: DateScalar,
    Mutation: {
      create: () => true,
      duplicate: (_: unknown, { constraint }: { constraint: string }) => {
        throw uniqueViolation(constraint);
      },
      stale: () => {
        throw new OptimisticLockError('The optimistic lock on entity Teacher failed');
      },
    },
  },
  formatError: formatErrorFor(
    config,
    createLogger('test', 'silent'),
    ormErrorTranslator({ teacher_nuptk_unique: { field: 'input.nuptk', message: 'input.nuptk: another teacher already has this NUPTK' } }),
  ),
});

beforeAll(() => server.start());
afterAll(() => server.stop());

async function errorsOf(query: string, variables?: Record<string, unknown>) {
  const response = await server.executeOperation({ query, variables });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return (response.body.singleResult.errors ?? []).map((e) => ({
    code: e.extensions?.code,
    field: e.extensions?.field,
    message: e.message,
  }));
}

describe('values refused before any resolver runs', () => {
  it('an impossible date in the query text is BAD_USER_INPUT naming the input field', async () => {
    const [error] = await errorsOf('mutation { create(input: { title: "x", startsOn: "2027-02-30" }) }');
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.startsOn' });
    expect(error.message).toMatch(/calendar date/);
  });

  it('in a variable, it names the argument the variable is passed to, whatever the client called it', async () => {
    expect(await errorsOf('mutation($whatever: EventInput!) { create(input: $whatever) }', { whatever: { endsOn: '2023-02-29' } })).toEqual(
      [expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.endsOn' })],
    );
    expect(await errorsOf('mutation($d: Date) { create(input: {}, day: $d) }', { d: '2022-13-01' })).toEqual([
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'day' }),
    ]);
    expect(await errorsOf('mutation($s: Date) { create(input: { startsOn: $s }) }', { s: 'yesterday' })).toEqual([
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.startsOn' }),
    ]);
  });

  it('other validation failures keep their code', async () => {
    const [error] = await errorsOf('mutation { create(input: { title: 5 }) }');
    expect(error.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('database refusals', () => {
  it('a known unique index is CONFLICT naming its field, without SQL', async () => {
    expect(await errorsOf('mutation { duplicate(constraint: "teacher_nuptk_unique") }')).toEqual([
      { code: 'CONFLICT', field: 'input.nuptk', message: 'input.nuptk: another teacher already has this NUPTK' },
    ]);
  });

  it('an unknown unique index is still CONFLICT, with a neutral message', async () => {
    const [error] = await errorsOf('mutation { duplicate(constraint: "something_else_unique") }');
    expect(error).toEqual({ code: 'CONFLICT', field: undefined, message: 'A row with the same unique value already exists' });
  });

  it('a lost optimistic lock is CONFLICT on the version', async () => {
    expect(await errorsOf('mutation { stale }')).toEqual([expect.objectContaining({ code: 'CONFLICT', field: 'version' })]);
  });
});

describe('date helpers', () => {
  it('moves dates by whole years, 29 February included', () => {
    expect(shiftYears('2026-11-27', -17)).toBe('2009-11-27');
    expect(shiftYears('2024-02-29', -1)).toBe('2023-02-28');
    expect(shiftYears('2024-02-29', -4)).toBe('2020-02-29');
  });

  it('counts days between calendar dates', () => {
    expect(daysBetween('2022-11-14', '2022-11-15')).toBe(1);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2022-11-15', '2022-11-14')).toBe(-1);
  });

  it('checks a range inclusively and names the field', () => {
    expect(requireDateBetween('2000-01-01', '2000-01-01', '2000-12-31', 'd', 'x')).toBe('2000-01-01');
    expect(() => requireDateBetween('2001-01-01', '2000-01-01', '2000-12-31', 'input.d', 'a day of 2000')).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'input.d' } }),
    );
  });

  it('tells "left out" from "null" for required columns', () => {
    expect(requireNotNull(undefined, 'f')).toBeUndefined();
    expect(requireNotNull('x', 'f')).toBe('x');
    expect(() => requireNotNull(null, 'input.title')).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'input.title' } }),
    );
  });
});
