import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  Kind,
  execute,
  parse,
  parseType,
  print,
  printSchema,
  type DocumentNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  type TypeNode,
  type GraphQLSchema,
} from 'graphql';
import { CursorCodec, buildFederatedSchema, migrationsOutOfOrder, printSubgraphSdl, viewerFromClaims } from '@mitra/kit';
import { definition, migrations } from '../src/subgraph';
import { TrainingEventStatus } from '../src/graphql/enums';
import { checkTransition } from '../src/graphql/validation';

const UUID = '00000000-0000-4000-8000-000000000001';

/**
 * The part of the public contract (contract/api.graphql, the repository's
 * copy) that this subgraph serves, written out here so that a change to
 * either side is seen; the last test checks this slice against the contract
 * file. The served schema may be tighter than the contract (a non-null
 * field where the contract allows null), never looser.
 */
const CONTRACT_SLICE = /* GraphQL */ `
  scalar Date
  scalar DateTime
  type PageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }

  type District {
    code: ID!
    training: TrainingCoverage
  }
  type Teacher {
    id: ID!
    trainingHistory: [Registration!]
  }
  type Lecturer {
    id: ID!
    facilitatedSessions: [EventSession!]
  }
  type TrainingProgram {
    id: ID!
    events: [TrainingEvent!]
  }

  type TrainingCoverage {
    teachersTrained: Int
    suppressed: Boolean!
  }

  type Venue {
    id: ID!
    name: String!
    address: String
    district: District
    capacity: Int!
  }
  enum TrainingEventStatus {
    PLANNED
    OPEN
    ONGOING
    COMPLETED
    CANCELLED
  }
  enum SessionKind {
    OPENING
    MATERIAL
    MICROTEACHING
    MENTORING
    EVALUATION
  }
  type EventSession {
    id: ID!
    day: Int!
    kind: SessionKind!
    topic: String!
    startsAt: DateTime!
    endsAt: DateTime!
    facilitators: [Lecturer!]!
  }
  type TrainingEvent {
    id: ID!
    title: String!
    program: TrainingProgram
    venue: Venue!
    startsOn: Date!
    endsOn: Date!
    capacity: Int!
    status: TrainingEventStatus!
    sessions: [EventSession!]!
    registrations: [Registration!]!
    attendanceRate: Float
  }
  type TrainingEventEdge {
    cursor: String!
    node: TrainingEvent!
  }
  type TrainingEventConnection {
    edges: [TrainingEventEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }
  input TrainingEventFilter {
    programId: ID
    venueId: ID
    status: TrainingEventStatus
    startsAfter: Date
    startsBefore: Date
  }
  enum RegistrationStatus {
    REGISTERED
    ATTENDED
    NO_SHOW
    CANCELLED
  }
  type Registration {
    id: ID!
    event: TrainingEvent!
    teacher: Teacher
    participantName: String!
    status: RegistrationStatus!
  }
  input TrainingEventInput {
    title: String!
    programId: ID!
    venueId: ID!
    startsOn: Date!
    endsOn: Date!
    capacity: Int!
  }

  type Query {
    venue(id: ID!): Venue
    venues: [Venue!]
    trainingEvent(id: ID!): TrainingEvent
    trainingEvents(filter: TrainingEventFilter, first: Int = 20, after: String): TrainingEventConnection
  }
  type Mutation {
    createTrainingEvent(input: TrainingEventInput!): TrainingEvent!
    registerParticipant(eventId: ID!, teacherId: ID, participantName: String): Registration!
    recordAttendance(registrationId: ID!, status: RegistrationStatus!): Registration!
  }
`;

/**
 * The part of contract version 2 (organisations and catalogue writes, issue
 * 12) that this subgraph serves; the last test checks it against the
 * repository's contract/v2-organisations.graphql.
 */
const CONTRACT_V2_SLICE = /* GraphQL */ `
  type Organization {
    id: ID!
  }
  type Venue {
    owner: Organization!
  }
  type TrainingEvent {
    organizer: Organization!
  }
  input VenueInput {
    name: String!
    address: String
    districtCode: ID!
    capacity: Int!
  }
  input EventSessionInput {
    day: Int!
    kind: SessionKind!
    topic: String!
    startsAt: DateTime!
    endsAt: DateTime!
    facilitatorIds: [ID!]
  }
  type Mutation {
    createVenue(input: VenueInput!): Venue!
    addEventSession(eventId: ID!, input: EventSessionInput!): EventSession!
  }
`;

/** Another partner's entity: this subgraph declares its key and its own fields, nothing else. */
const STUBS: Record<string, string> = { Teacher: 'id', Lecturer: 'id', TrainingProgram: 'id', District: 'code' };
const OWNED = ['Venue', 'TrainingEvent', 'EventSession', 'Registration'];
/** Fields beyond the contract: internal keys that travel between subgraphs only, and training outcomes. */
const INTERNAL = new Set(['District.teacherKeys', 'TrainingProgram.attendance']);
/** Others' public names it answers only under its own fields (@provides), from the catalogue it mirrors through the gateway. */
const PROVIDED = new Set(['TrainingProgram.code', 'TrainingProgram.title', 'TrainingProgram.tier', 'District.name']);

function inputValue(v: InputValueDefinitionNode): string {
  return `${v.name.value}: ${print(v.type)}${v.defaultValue ? ` = ${print(v.defaultValue)}` : ''}`;
}

/** "Type.field" → "(args) Type", "Enum" → values, "Input.field" → "name: Type = default", over one document. */
function signatures(doc: DocumentNode): Map<string, string> {
  const out = new Map<string, string>();
  const field = (type: string, f: FieldDefinitionNode) => {
    const args = [...(f.arguments ?? [])].map(inputValue).sort().join(', ');
    out.set(`${type}.${f.name.value}`, `(${args}) ${print(f.type)}`);
  };
  for (const def of doc.definitions) {
    switch (def.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
        out.set(def.name.value, 'type');
        for (const f of def.fields ?? []) field(def.name.value, f);
        break;
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
        out.set(def.name.value, 'input');
        for (const f of def.fields ?? []) out.set(`${def.name.value}.${f.name.value}`, inputValue(f));
        break;
      case Kind.ENUM_TYPE_DEFINITION:
        out.set(def.name.value, `enum ${[...(def.values ?? [])].map((v) => v.name.value).join(' ')}`);
        break;
      case Kind.SCALAR_TYPE_DEFINITION:
        out.set(def.name.value, 'scalar');
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * Does a served signature keep the contract's promise? Output fields may be
 * tighter than the contract (non-null where it allows null) with the same
 * arguments; everything else (arguments, input fields, enums) is exact.
 */
/** Optional arguments a later issue added to a field of this slice (issue 13: coverage of one year). */
const ADDED_ARGS: Record<string, string> = { 'District.training': '(year: Int)' };
function withoutAddedArgs(key: string, served: string | undefined): string | undefined {
  return served !== undefined && ADDED_ARGS[key] ? served.replace(ADDED_ARGS[key], '()') : served;
}

function keepsPromise(served: string, contract: string): boolean {
  if (served === contract) return true;
  const s = /^\((.*)\) (.+)$/.exec(served);
  const c = /^\((.*)\) (.+)$/.exec(contract);
  if (!s || !c || s[1] !== c[1]) return false;
  const fits = (a: TypeNode, b: TypeNode): boolean => {
    if (b.kind === Kind.NON_NULL_TYPE) return a.kind === Kind.NON_NULL_TYPE && fits(a.type, b.type);
    if (a.kind === Kind.NON_NULL_TYPE) return fits(a.type, b);
    if (b.kind === Kind.LIST_TYPE) return a.kind === Kind.LIST_TYPE && fits(a.type, b.type);
    return a.kind === Kind.NAMED_TYPE && a.name.value === b.name.value;
  };
  return fits(parseType(s[2]), parseType(c[2]));
}

function fieldsOf(sigs: Map<string, string>, type: string): string[] {
  return [...sigs.keys()]
    .filter((k) => k.startsWith(`${type}.`))
    .map((k) => k.slice(type.length + 1))
    .sort();
}

let sdl: string;
let schema: GraphQLSchema;

beforeAll(async () => {
  sdl = await printSubgraphSdl(definition);
  schema = await buildFederatedSchema(definition);
});

describe('skb subgraph schema', () => {
  it('contains every type, field, argument and enum value of its part of the contract, compatibly', () => {
    const served = signatures(parse(sdl));
    for (const [key, signature] of signatures(parse(CONTRACT_SLICE))) {
      const actual = withoutAddedArgs(key, served.get(key));
      expect({ key, signature: actual !== undefined && keepsPromise(actual, signature) ? signature : actual }).toEqual({ key, signature });
    }
  });

  it('serves its part of contract version 2 (organisations, catalogue writes), compatibly', () => {
    const served = signatures(parse(sdl));
    for (const [key, signature] of signatures(parse(CONTRACT_V2_SLICE))) {
      const actual = served.get(key);
      expect({ key, signature: actual !== undefined && keepsPromise(actual, signature) ? signature : actual }).toEqual({ key, signature });
    }
  });

  it('judges tightening as compatible and loosening or another type as not', () => {
    expect(keepsPromise('() [Registration!]!', '() [Registration!]')).toBe(true);
    expect(keepsPromise('() TrainingCoverage!', '() TrainingCoverage')).toBe(true);
    expect(keepsPromise('() TrainingCoverage', '() TrainingCoverage!')).toBe(false);
    expect(keepsPromise('() [Registration]', '() [Registration!]')).toBe(false);
    expect(keepsPromise('() Registration!', '() [Registration!]')).toBe(false);
    expect(keepsPromise('(first: Int) Venue', '() Venue')).toBe(false);
    expect(keepsPromise('enum A B', 'enum A B C')).toBe(false);
  });

  it('declares only key fields and its own fields on other partners’ entities', () => {
    const served = signatures(parse(sdl));
    const expected = signatures(parse(CONTRACT_SLICE));
    for (const type of Object.keys(STUBS)) {
      const fields = fieldsOf(served, type).filter((f: string) => !INTERNAL.has(`${type}.${f}`) && !PROVIDED.has(`${type}.${f}`));
      expect({ type, fields }).toEqual({ type, fields: fieldsOf(expected, type) });
    }
  });

  it('declares the federation keys', () => {
    for (const type of OWNED) expect(sdl).toContain(`type ${type} @key(fields: "id")`);
    for (const [type, key] of Object.entries(STUBS)) expect(sdl).toContain(`type ${type} @key(fields: "${key}")`);
    expect(sdl).toContain('type PersonReach @key(fields: "org")');
    expect(sdl).toMatch(/registeredTeacherIds: \[ID!\]! @requires\(fields: "programIds"\)/);
    expect(sdl).toMatch(/program: TrainingProgram @provides\(fields: "code title tier"\)/);
    expect(sdl).toMatch(/district: District @provides\(fields: "name"\)/);
    for (const coordinate of PROVIDED) {
      const [type, field] = coordinate.split('.');
      expect(
        new RegExp(`type ${type} @key[^{]*\\{[^}]*\\b${field}: [^\\n]* @external`).test(sdl)
          ? coordinate
          : `${coordinate} is not @external`,
      ).toBe(coordinate);
    }
    // An owner is an Organization by its key alone, which the schools partner resolves.
    expect(sdl).toContain('type Organization @key(fields: "id", resolvable: false) {\n  id: ID!\n}');
    expect(sdl.match(/resolvable: false/g)).toHaveLength(1);
  });

  it('builds a federated schema with an _entities union over all of them', () => {
    const printed = printSchema(schema);
    const union = /union _Entity = ([^\n]+)/.exec(printed)?.[1].split(' | ').sort();
    // PersonReach: the university's answer to "whom may this organisation see", extended with the registrations (need-to-know).
    expect(union).toEqual([...OWNED, ...Object.keys(STUBS), 'Organization', 'PersonReach', 'TrainingCoverage'].sort());
  });

  it('keeps descriptions of the fields it adds to other partners’ entities', () => {
    expect(sdl).toContain('Training events the teacher registered for and attended (skb).');
    expect(sdl).toContain('Sessions this lecturer facilitates (skb).');
    expect(sdl).toContain('Scheduled offerings of this program (skb).');
    expect(sdl).toContain('Training coverage of those same teachers (skb: attendance, university: completed tiers).');
    expect(sdl).toContain('Null for a participant who is not a registered teacher (e.g. a community member).');
    expect(sdl).toContain('Attended ÷ (attended + no-show) registrations, 0..1 to 4 decimals');
  });

  it('is the contract file’s own text for every element it names', () => {
    // The repository's copy (issue 19); a missing file fails here instead of passing quietly.
    const contractPath = path.resolve(__dirname, '../../../contract/api.graphql');
    const contract = signatures(parse(readFileSync(contractPath, 'utf8')));
    for (const [key, signature] of signatures(parse(CONTRACT_SLICE))) {
      expect({ key, signature: contract.get(key) }).toEqual({ key, signature });
    }
  });

  it('is the version 2 contract file’s own text for every element it names (Organization by its key alone)', () => {
    const contractPath = path.resolve(__dirname, '../../../contract/v2-organisations.graphql');
    const contract = signatures(parse(readFileSync(contractPath, 'utf8')));
    for (const [key, signature] of signatures(parse(CONTRACT_V2_SLICE))) {
      expect({ key, signature: contract.get(key) }).toEqual({ key, signature });
    }
  });
});

describe('skb subgraph input checks (no database)', () => {
  // Every check below fails before a loader or the EntityManager is used.
  const context = () => ({
    em: {},
    loaders: definition.createLoaders({ em: {} as never, config: {} as never }),
    // Through the gateway, as the SKB's admin: these checks are about input, not identity.
    viewer: viewerFromClaims({ sub: 'test', org: 'skb:balikpapan-selatan', roles: ['admin'] }),
    fromGateway: true,
    cursors: new CursorCodec('test-secret-of-some-length'),
  });
  const run = async (source: string) => {
    const result = await execute({ schema, document: parse(source), contextValue: context() });
    return (result.errors ?? []).map((e) => ({ code: e.extensions.code, field: e.extensions.field }));
  };

  it.each([
    ['{ trainingEvents(first: 0) { totalCount } }', 'first'],
    ['{ trainingEvents(first: 101) { totalCount } }', 'first'],
    ['{ trainingEvents(after: "made-up") { totalCount } }', 'after'],
    ['{ trainingEvents(filter: { programId: "x" }) { totalCount } }', 'filter.programId'],
    ['{ trainingEvents(filter: { venueId: "1 or 1=1" }) { totalCount } }', 'filter.venueId'],
    ['{ trainingEvent(id: "nope") { id } }', 'id'],
    ['{ venue(id: "nope") { id } }', 'id'],
  ])('%s is BAD_USER_INPUT naming %s', async (source, field) => {
    expect(await run(source)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
  });

  it('rejects a cursor issued for another list', async () => {
    const foreign = new CursorCodec('test-secret-of-some-length').encode('teachers', [
      '2022-11-14',
      '00000000-0000-5000-8000-000000000000',
    ]);
    expect(await run(`{ trainingEvents(after: "${foreign}") { totalCount } }`)).toEqual([{ code: 'BAD_USER_INPUT', field: 'after' }]);
  });

  // Every write checks its input before it reads a row or asks another partner: no database, no gateway needed here.
  const EVENT = (fields: Record<string, string>) => {
    const input = {
      title: '"t"',
      programId: `"${UUID}"`,
      venueId: `"${UUID}"`,
      startsOn: '"2027-01-05"',
      endsOn: '"2027-01-06"',
      capacity: '20',
      ...fields,
    };
    return `mutation { createTrainingEvent(input: { ${Object.entries(input)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')} }) { id } }`;
  };
  const SESSION = (eventId: string, fields: Record<string, string>) => {
    const input = {
      day: '1',
      kind: 'OPENING',
      topic: '"Pembukaan"',
      startsAt: '"2027-01-05T08:00:00+08:00"',
      endsAt: '"2027-01-05T09:00:00+08:00"',
      ...fields,
    };
    return `mutation { addEventSession(eventId: "${eventId}", input: { ${Object.entries(input)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')} }) { id } }`;
  };
  it.each([
    [
      'mutation { createTrainingEvent(input: { title: "t", programId: "p", venueId: "v", startsOn: "2026-01-05", endsOn: "2026-01-06", capacity: 20 }) { id } }',
      'input.programId',
    ],
    [EVENT({ title: '"   "' }), 'input.title'],
    [EVENT({ capacity: '0' }), 'input.capacity'],
    [EVENT({ capacity: '-5' }), 'input.capacity'],
    [EVENT({ startsOn: '"1999-12-31"' }), 'input.startsOn'],
    [EVENT({ endsOn: '"2099-01-01"' }), 'input.endsOn'],
    ['mutation { registerParticipant(eventId: "e", participantName: "Sumiati") { id } }', 'eventId'],
    [`mutation { registerParticipant(eventId: "${UUID}") { id } }`, 'participantName'],
    [`mutation { registerParticipant(eventId: "${UUID}", participantName: " ") { id } }`, 'participantName'],
    [`mutation { registerParticipant(eventId: "${UUID}", teacherId: "t") { id } }`, 'teacherId'],
    ['mutation { recordAttendance(registrationId: "r", status: ATTENDED) { id } }', 'registrationId'],
    [`mutation { recordAttendance(registrationId: "${UUID}", status: CANCELLED) { id } }`, 'status'],
    [`mutation { recordAttendance(registrationId: "${UUID}", status: REGISTERED) { id } }`, 'status'],
    [`mutation { updateTrainingEvent(id: "${UUID}", version: 1, input: {}) { id } }`, 'input'],
    [`mutation { updateTrainingEvent(id: "${UUID}", version: 0, input: { title: "x" }) { id } }`, 'version'],
    [`mutation { updateTrainingEvent(id: "${UUID}", version: 1, input: { capacity: null }) { id } }`, 'input.capacity'],
    [`mutation { updateTrainingEvent(id: "x", version: 1, input: { title: "x" }) { id } }`, 'id'],
    ['mutation { setTrainingEventStatus(id: "x", status: OPEN) { id } }', 'id'],
    ['mutation { cancelRegistration(registrationId: "x") { id } }', 'registrationId'],
    ['mutation { createVenue(input: { name: " ", districtCode: "64.71", capacity: 10 }) { id } }', 'input.name'],
    ['mutation { createVenue(input: { name: "Aula", address: "", districtCode: "64.71", capacity: 10 }) { id } }', 'input.address'],
    ['mutation { createVenue(input: { name: "Aula", districtCode: "64-71", capacity: 10 }) { id } }', 'input.districtCode'],
    ['mutation { createVenue(input: { name: "Aula", districtCode: "64.71", capacity: 0 }) { id } }', 'input.capacity'],
    [SESSION('e', {}), 'eventId'],
    [SESSION(UUID, { day: '0' }), 'input.day'],
    [SESSION(UUID, { topic: '""' }), 'input.topic'],
    [SESSION(UUID, { endsAt: '"2027-01-05T08:00:00+08:00"' }), 'input.endsAt'],
    [SESSION(UUID, { facilitatorIds: '["x"]' }), 'input.facilitatorIds[0]'],
    [SESSION(UUID, { facilitatorIds: `["${UUID}", "${UUID}"]` }), 'input.facilitatorIds[1]'],
  ])('%s is BAD_USER_INPUT naming %s', async (source, field) => {
    expect(await run(source)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
  });
});

describe('training event status transitions', () => {
  const ALL = Object.values(TrainingEventStatus);
  const allowed = new Set([
    'PLANNED>OPEN',
    'OPEN>ONGOING',
    'ONGOING>COMPLETED',
    'PLANNED>CANCELLED',
    'OPEN>CANCELLED',
    'ONGOING>CANCELLED',
    'COMPLETED>CANCELLED',
  ]);
  it.each(ALL.flatMap((from) => ALL.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    if (allowed.has(`${from}>${to}`)) expect(checkTransition(from, to)).toBe(to);
    else
      expect(() => checkTransition(from, to)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'status' } }));
  });
});

describe('the skb migrations', () => {
  it("have names that sort in the order they run, after the kit's", () => {
    expect(migrationsOutOfOrder(migrations)).toEqual([]);
  });
});
