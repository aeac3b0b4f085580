import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type * as FederationInternals from '@apollo/federation-internals';
import { parse } from 'graphql';
import type { CompositeType, FieldSelection, Operation, Schema, SelectionSet, Type } from '@apollo/federation-internals';
import { computeResponse } from '../src/result-shaping';
import { APOLLO_GATEWAY_VERSION, apolloResultShaping, installResultShaping, uninstallResultShaping } from '../src/result-shaping-install';

/**
 * The gateway's result shaping against Apollo's own (`computeResponse` of
 * @apollo/gateway's resultShaping.js), on the same operation, variables and
 * merged data: the data, every error (message, path, code) and every thrown
 * assertion must be identical. The data are made at random from each
 * operation, with nulls where the schema forbids them, missing fields,
 * values of the wrong kind, unknown and abstract __typenames and keys the
 * client did not ask for, so that every branch of both (null propagation,
 * leaf checks, type conditions) is compared, not only well-formed answers.
 */

const gatewayRequire = createRequire(require.resolve('@apollo/gateway'));
const internals = gatewayRequire('@apollo/federation-internals') as typeof FederationInternals;
const apollos = apolloResultShaping().computeResponse;

const supergraph = fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
const apiSchema = internals.Supergraph.build(supergraph).apiSchema();

const TEACHER_FIELDS = `
  id fullName nuptk employmentStatus highestQualification meetsQualificationStandard
  school { npsn name kind district { code name } partnership { studyProgram signedOn validUntil active } }
  qualifications { level field institution graduationYear verified }
  trainingHistory { status participantName event { id title startsOn endsOn status venue { name district { name } } program { code title tier } } }
  assessments { preTestScore postTestScore gain microteachingScore passed assessedOn program { code tier } event { title } }
  highestCompletedTier`;

/** Operations of the hub's API: the dashboard's reference pages, and the shapes the algorithm branches on. */
const HUB_OPERATIONS: Array<[string, string]> = [
  [
    'page of teachers',
    `query TeacherPage($district: ID!) { teachers(first: 100, filter: { districtCode: $district }) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${TEACHER_FIELDS} } } } }`,
  ],
  ['one teacher', `query Teacher($id: ID!) { teacher(id: $id) { ${TEACHER_FIELDS} } }`],
  [
    'catalogue',
    `query Catalogue {
      trainingPrograms { id code title tier hours prerequisite { code } modules { title hours lecturer { fullName academicTitle } } }
      lecturers { id fullName academicTitle expertise }
      venues { id name capacity district { code name } }
      trainingEvents(first: 20, filter: { status: OPEN }) { totalCount edges { node { id title startsOn endsOn status venue { name } program { code title tier } } } }
    }`,
  ],
  [
    'district statistics',
    `query DistrictStatistics($code: ID!) { district(code: $code) { code name teacherCount
      training { teachersTrained byHighestTier { tier count } meanGain suppressed } } }`,
  ],
  [
    'aliases, the same field twice, __typename under an alias, @skip and @include',
    `query Mixed($withSchool: Boolean!, $skipName: Boolean = false) {
      first: teachers(first: 2) { edges { node { __typename kind: __typename id name: fullName @skip(if: $skipName) fullName
        school @include(if: $withSchool) { npsn name } school { npsn kind } ... on Teacher { id nuptk school { district { code } } } } } }
      lecturers { id ... @include(if: false) { fullName } ... @skip(if: false) { expertise } }
    }`,
  ],
  [
    'response names that Object.prototype has, one of them twice',
    `query Inherited($withSchool: Boolean!) {
      teachers(first: 2) { edges { node { __proto__: fullName constructor: school { npsn } constructor: school { name }
        toString: id hasOwnProperty: __typename valueOf: school @include(if: $withSchool) { __proto__: name } } } }
    }`,
  ],
  [
    'named fragments spread under several types, a condition variable a client may send as null',
    `query Spread($maybe: Boolean = true) {
      teachers(first: 3) { edges { node { ...Person school { npsn district { ...Place } } } } }
      venues { district { ...Place } id name @skip(if: $maybe) }
    }
    fragment Person on Teacher { id fullName school { name } }
    fragment Place on District { code name }`,
  ],
  [
    'introspection beside data',
    `query Intro { __typename lecturers { id } __schema { queryType { name } } t: __type(name: "Teacher") { name } }`,
  ],
];

/** A schema of the algorithm's own cases: interfaces, unions, non-null lists of non-null items. */
const ABSTRACT_SDL = `
  type Query { items: [Item!]! search: [Result] one: Item node(id: ID!): Node! }
  interface Node { id: ID! }
  interface Item implements Node { id: ID! label: String! }
  type Book implements Item & Node { id: ID! label: String! pages: Int! tags: [String!] }
  type Film implements Item & Node { id: ID! label: String! minutes: Float rating: Rating! }
  type Person implements Node { id: ID! name: String }
  union Result = Book | Person
  enum Rating { G PG R }
`;
const abstractSchema = internals.buildSchema(ABSTRACT_SDL);
const ABSTRACT_OPERATIONS: Array<[string, string]> = [
  [
    'fragments on interfaces and unions',
    `query Abstract($flag: Boolean!) {
      items { __typename id label ... on Book { pages tags } ... on Film { minutes rating } ... on Node { id } }
      search { __typename ... on Book { id label } ... on Person { name id } ... on Item @include(if: $flag) { label } }
      one { id ... on Film { rating } }
      node(id: "1") { id ... on Person { name } ... on Item { label } }
      again: search { ...Labelled ...Named }
      more: items { ...Labelled }
    }
    fragment Labelled on Item { id label }
    fragment Named on Person { name }`,
  ],
];

/** A small seeded generator, so that a failure names the seed that made it. */
function random(seed: number): () => number {
  let state = Math.imul(seed, 2654435761) >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  // xorshift's first numbers from a small seed are small too.
  for (let i = 0; i < 20; i++) next();
  return next;
}

type Data = Record<string, unknown>;

/** Merged subgraph data for `selectionSet`, mostly right and often wrong. */
function makeData(schema: Schema, selectionSet: SelectionSet, parentType: CompositeType, rnd: () => number, into: Data = {}): Data {
  for (const selection of selectionSet.selections()) {
    if (selection.kind === 'FragmentSelection') {
      const condition = selection.element.typeCondition;
      makeData(schema, selection.selectionSet, condition ?? parentType, rnd, into);
      continue;
    }
    const field = selection.element;
    const name = field.responseName();
    // As JSON.parse makes them: an alias such as `__proto__` or `constructor` is an own property.
    const put = (value: unknown): void =>
      void Object.defineProperty(into, name, { value, writable: true, enumerable: true, configurable: true });
    if (field.definition.isSchemaIntrospectionField()) continue;
    if (field.name === '__typename') {
      const roll = rnd();
      if (roll < 0.8) put(concreteName(schema, parentType, rnd));
      else if (roll < 0.9) put('NoSuchType');
      else if (roll < 0.95) put(null);
      else if (roll < 0.97) put('');
      continue;
    }
    const roll = rnd();
    if (roll < 0.03) continue; // missing: Apollo reads it as null
    if (roll < 0.07) {
      put(null);
      continue;
    }
    put(makeValue(schema, field.definition.type!, selection as FieldSelection, rnd, Object.hasOwn(into, name) ? into[name] : undefined));
  }
  if (rnd() < 0.1) into.__key_not_asked = 'dropped';
  return into;
}

function concreteName(schema: Schema, type: CompositeType, rnd: () => number): string {
  if (type.kind === 'ObjectType') return type.name;
  const candidates = internals.possibleRuntimeTypes(type).map((t) => t.name);
  return candidates[Math.floor(rnd() * candidates.length)] ?? type.name;
}

function makeValue(schema: Schema, type: Type, selection: FieldSelection, rnd: () => number, existing: unknown): unknown {
  switch (type.kind) {
    case 'NonNullType':
      return rnd() < 0.03 ? null : makeValue(schema, type.ofType, selection, rnd, existing);
    case 'ListType': {
      if (Array.isArray(existing)) return existing.map((e: unknown) => makeValue(schema, type.ofType, selection, rnd, e));
      const length = Math.floor(rnd() * 4);
      return Array.from({ length }, () => (rnd() < 0.05 ? null : makeValue(schema, type.ofType, selection, rnd, undefined)));
    }
    case 'ObjectType':
    case 'InterfaceType':
    case 'UnionType': {
      const object: Data = existing && typeof existing === 'object' ? (existing as Data) : {};
      const roll = rnd();
      if (object.__typename === undefined) {
        if (roll < 0.6) object.__typename = concreteName(schema, type, rnd);
        else if (roll < 0.63) object.__typename = 'NoSuchType';
        else if (roll < 0.65) object.__typename = 'String'; // a type, but not an object's
      }
      return makeData(schema, selection.selectionSet!, type, rnd, object);
    }
    case 'EnumType': {
      const values = type.values.map((v) => v.name);
      return rnd() < 0.05 ? 'NOT_A_VALUE' : values[Math.floor(rnd() * values.length)];
    }
    default: {
      const roll = rnd();
      switch (type.name) {
        case 'Int':
          return roll < 0.05 ? 1.5 : roll < 0.08 ? 'seven' : Math.floor(rnd() * 100);
        case 'Float':
          return roll < 0.05 ? 'many' : rnd() * 100;
        case 'Boolean':
          return roll < 0.05 ? 'true' : rnd() < 0.5;
        case 'String':
        case 'ID':
          return roll < 0.05 ? 42 : roll < 0.07 ? true : `v${Math.floor(rnd() * 1000)}`;
        default:
          return roll < 0.1 ? { not: 'a scalar' } : '2024-01-31';
      }
    }
  }
}

/** What one shaping gave: its data and errors, or the assertion it threw. */
function outcome(shape: typeof computeResponse, args: Parameters<typeof computeResponse>[0]): unknown {
  try {
    const { data, errors } = shape(args);
    return {
      data: JSON.parse(JSON.stringify(data ?? null)) as unknown,
      errors: (errors as Array<Error & { path?: unknown; extensions?: unknown }>).map((e) => ({
        message: e.message,
        path: e.path,
        extensions: e.extensions,
      })),
    };
  } catch (error) {
    return { threw: (error as Error).message };
  }
}

function operationOf(schema: Schema, query: string): Operation {
  return internals.operationFromDocument(schema, parse(query), { validate: true });
}

const introspectionHandling = (selection: FieldSelection) => ({ introspected: selection.element.responseName() });

describe('result shaping, against @apollo/gateway’s own', () => {
  const cases = [
    ...HUB_OPERATIONS.map(([name, query]) => [name, apiSchema, query] as const),
    ...ABSTRACT_OPERATIONS.map(([name, query]) => [name, abstractSchema, query] as const),
  ];

  it.each(cases)('%s: 400 random merged answers shape the same, errors and all', (_name, schema, query) => {
    let differed = 0;
    let threw = 0;
    let withErrors = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const rnd = random(seed);
      // A fresh operation each time, as the gateway builds one per request.
      const operation = operationOf(schema, query);
      const root = schema.schemaDefinition.rootType('query')!;
      const input = makeData(schema, operation.selectionSet, root, rnd);
      const condition = (): unknown => {
        const roll = rnd();
        // Now and then what a client may send for a nullable Boolean, or leave out: both sides must throw alike.
        return roll < 0.03 ? null : roll < 0.05 ? undefined : roll < 0.06 ? 'yes' : rnd() < 0.5;
      };
      const variables: Record<string, unknown> = { district: '12.03', id: 'x', code: '12.03', withSchool: condition(), flag: condition() };
      const maybe = condition();
      if (maybe !== undefined) variables.maybe = maybe;
      const args = { operation, variables, input, introspectionHandling };
      const theirs = outcome(apollos, args);
      const ours = outcome(computeResponse, { ...args, operation: operationOf(schema, query), input: structuredClone(input) });
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
        differed += 1;
        expect({ seed, ours }).toEqual({ seed, ours: theirs });
      }
      const shaped = theirs as { data?: unknown; errors?: unknown[] };
      if (shaped.errors?.length) withErrors += 1;
      if ('threw' in (theirs as object)) threw += 1;
    }
    expect(differed).toBe(0);
    if (query.includes('$maybe')) expect(threw).toBeGreaterThan(0);
    // The random answers reached the error paths, not only the happy one.
    expect(withErrors).toBeGreaterThan(50);
    // ...and the happy one: some answers came through whole.
    expect(withErrors).toBeLessThan(400);
  });

  it('keeps the client’s field order, aliases and __typename, and drops what was fetched for keys', () => {
    const operation = operationOf(apiSchema, `query { lecturers { kind: __typename name: fullName id } }`);
    const input = { lecturers: [{ __typename: 'Lecturer', fullName: 'Dewi', name: 'Dewi', id: 'l1', email: 'not asked' }] };
    const { data, errors } = computeResponse({ operation, variables: {}, input, introspectionHandling });
    expect(errors).toEqual([]);
    expect(JSON.stringify(data)).toBe('{"lecturers":[{"kind":"Lecturer","name":"Dewi","id":"l1"}]}');
  });

  it('answers in ordinary objects, where an alias named like a member of Object.prototype is a field like any other', () => {
    const query = `query { lecturers { __proto__: fullName constructor: id toString: academicTitle } }`;
    const input = JSON.parse('{"lecturers":[{"__proto__":"Dewi","constructor":"l1","toString":null}]}') as Record<string, unknown>;
    const { data, errors } = computeResponse({ operation: operationOf(apiSchema, query), variables: {}, input, introspectionHandling });
    expect(errors).toEqual([]);
    expect(JSON.stringify(data)).toBe('{"lecturers":[{"__proto__":"Dewi","constructor":"l1","toString":null}]}');
    const lecturer = (data as { lecturers: object[] }).lecturers[0]!;
    // Fast to serialise: an object with Object.prototype, which the alias `__proto__` did not replace.
    expect(Object.getPrototypeOf(lecturer)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    const theirs = apollos({ operation: operationOf(apiSchema, query), variables: {}, input, introspectionHandling });
    expect(JSON.stringify(data)).toBe(JSON.stringify(theirs.data));
  });

  it('nulls the nearest nullable parent of a null non-null field, with the error Apollo gives', () => {
    const operation = operationOf(apiSchema, `query { lecturers { id fullName } }`);
    const input = { lecturers: [{ id: 'l1', fullName: null }] };
    const { data, errors } = computeResponse({ operation, variables: {}, input, introspectionHandling });
    const theirs = apollos({
      operation: operationOf(apiSchema, `query { lecturers { id fullName } }`),
      variables: {},
      input,
      introspectionHandling,
    });
    expect(JSON.stringify(data)).toBe(JSON.stringify(theirs.data));
    expect(errors.map((e) => e.message)).toEqual(theirs.errors.map((e) => e.message));
    expect(errors.length).toBeGreaterThan(0);
  });
});

describe('installResultShaping', () => {
  afterEach(() => uninstallResultShaping());

  it('puts the gateway’s function where executeQueryPlan calls it, and can put Apollo’s back', () => {
    const module = apolloResultShaping();
    const before = module.computeResponse;
    expect(installResultShaping()).toEqual({ installed: true });
    expect(apolloResultShaping().computeResponse).toBe(computeResponse);
    // Twice is once.
    expect(installResultShaping()).toEqual({ installed: true });
    uninstallResultShaping();
    expect(apolloResultShaping().computeResponse).toBe(before);
    expect(before).not.toBe(computeResponse);
  });

  it('follows the @apollo/gateway version the gateway pins', () => {
    const pinned = (
      JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
    ).dependencies['@apollo/gateway'];
    expect(pinned).toBe(APOLLO_GATEWAY_VERSION);
  });
});
