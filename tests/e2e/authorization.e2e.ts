import { DEMO_IDS } from '@mitra/fixtures';
import { GATEWAY_SECRET_HEADER, type SubgraphName } from '@mitra/runtime';
import { gql, type LooseBody } from '../harness/client';
import { sql } from '../harness/db';
import { hubSecrets, hubUrls } from '../harness/env';
import { CALLERS, tokenOf, type Caller } from '../harness/tokens';

/**
 * The role-by-field matrix of issue 3: every sensitive field, entity
 * reference and mutation, for every caller, through the gateway and again
 * directly against the subgraph that resolves it. A subgraph reached
 * directly must answer exactly as the gateway does. A table of cases, one
 * row per field; personal fields over a list are personal-fields.e2e.ts,
 * what only the gateway is served gateway-only.e2e.ts.
 */

type Outcome = 'data' | 'null' | 'empty' | 'own' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'CONFLICT';
type Expectation = Record<Caller, Outcome>;

const CALLER_LIST: Caller[] = ['anonymous', ...(Object.keys(CALLERS) as Array<keyof typeof CALLERS>)];
const partners = (outcome: Outcome): Record<keyof typeof CALLERS, Outcome> => ({
  'school admin': outcome,
  'school staff': outcome,
  'other school admin': outcome,
  'skb admin': outcome,
  'skb staff': outcome,
  'university admin': outcome,
  'university staff': outcome,
  'government analyst': outcome,
});

/** Everyone, anonymous included. */
const PUBLIC: Expectation = { anonymous: 'data', ...partners('data') };
/** Any token, a government office's included. */
const ANY_TOKEN: Expectation = { anonymous: 'UNAUTHENTICATED', ...partners('data') };
/** Person-level: every partner, never a government office. */
const PERSONS: Expectation = { ...ANY_TOKEN, 'government analyst': 'FORBIDDEN' };
/**
 * A teacher of 64710001 (need-to-know, issue 12): every partner with a
 * relation sees her; another school has none and gets null, as for an
 * unknown id. Who may see whom, relation by relation, is need-to-know.e2e.ts.
 */
const HER: Expectation = { ...PERSONS, 'other school admin': 'null' };
/**
 * An event's registrations name their participants: the SKB that organises
 * it and the provider of its program read them, a school gets an empty list
 * (its teachers' registrations are Teacher.trainingHistory).
 */
const EVENT_ROWS: Expectation = { ...PERSONS, 'school admin': 'empty', 'school staff': 'empty', 'other school admin': 'empty' };
/** Personal: the teacher's own school (64710001) sees the value, other partners null. */
const PERSONAL: Expectation = {
  ...partners('null'),
  anonymous: 'UNAUTHENTICATED',
  'school admin': 'own',
  'school staff': 'own',
  'government analyst': 'FORBIDDEN',
};
/**
 * A write: the callers named get past authorization to `reached` (the
 * input each row sends is refused by validation, or changes nothing, so
 * the matrix never alters the demo data), everyone else is refused first.
 */
const write = (reached: Outcome, ...allowed: Caller[]): Expectation => {
  const expectation: Expectation = { anonymous: 'UNAUTHENTICATED', ...partners('FORBIDDEN') };
  for (const caller of allowed) expectation[caller] = reached;
  return expectation;
};

interface Fixture {
  teacherId: string;
  birthDate: string;
  registrationId: string;
  assessmentId: string;
  partnershipId: string;
  /** A verified qualification of a teacher of 64710001: verifying it again changes nothing. */
  verifiedQualificationId: string;
  /** An attended registration: cancelling it is CONFLICT, so nothing changes. */
  attendedRegistrationId: string;
}
const fixture = {} as Fixture;

/** A teacher of school 64710001 with a birth date, registrations (skb) and assessments (university). */
async function loadFixture(): Promise<void> {
  const registered = await sql<{ teacher_id: string; id: string }>(
    'skb',
    'select teacher_id, id from registration where teacher_id is not null order by id',
  );
  const assessed = await sql<{ teacher_id: string; id: string }>('university', 'select teacher_id, id from assessment order by id');
  const teachers = await sql<{ id: string; birth_date: string }>(
    'schools',
    "select id, to_char(birth_date, 'YYYY-MM-DD') as birth_date from teacher where school_npsn = '64710001' and birth_date is not null order by id",
  );
  const teacher = teachers.find((t) => registered.some((r) => r.teacher_id === t.id) && assessed.some((a) => a.teacher_id === t.id));
  if (!teacher) throw new Error('The demo data has no teacher of 64710001 with registrations and assessments');
  const [partnership] = await sql<{ id: string }>('university', "select id from partnership where school_npsn = '64710001'");
  const [verified] = await sql<{ id: string }>(
    'schools',
    "select q.id from qualification q join teacher t on t.id = q.teacher_id where t.school_npsn = '64710001' and q.verified order by q.id limit 1",
  );
  const [attended] = await sql<{ id: string }>('skb', "select id from registration where status = 'ATTENDED' order by id limit 1");
  if (!verified || !attended) throw new Error('The demo data has no verified qualification at 64710001 or no attended registration');
  Object.assign(fixture, {
    verifiedQualificationId: verified.id,
    attendedRegistrationId: attended.id,
    teacherId: teacher.id,
    birthDate: teacher.birth_date,
    registrationId: registered.find((r) => r.teacher_id === teacher.id)!.id,
    assessmentId: assessed.find((a) => a.teacher_id === teacher.id)!.id,
    partnershipId: partnership.id,
  });
}

interface Channel {
  query: string;
  /** The sensitive value in the answer: undefined when the path to it was cut. */
  pick: (data: LooseBody) => unknown;
  /** `_entities` is the gateway's: these requests carry its secret, as the gateway would. */
  asGateway?: boolean;
}

interface Row {
  name: string;
  expect: Expectation;
  /** The field that a BAD_USER_INPUT or CONFLICT outcome names. */
  field?: string;
  gateway?: Channel;
  direct?: Channel & { subgraph: SubgraphName };
}

const entity = (typename: string, key: () => Record<string, string>) => () => ({ rep: { __typename: typename, ...key() } });
const ENTITY_QUERY = (selection: string) => `query($rep: _Any!) { _entities(representations: [$rep]) { ${selection} } }`;
// A null entity (a teacher out of the caller's reach) reads as null; a missing answer as undefined.
const firstEntity = (pick: (e: LooseBody) => unknown) => (d: LooseBody) =>
  d?._entities?.[0] === null ? null : d?._entities?.[0] ? pick(d._entities[0]) : undefined;

const VARIABLES = () => ({ t: fixture.teacherId, e: DEMO_IDS.events.balikpapan2022, r: fixture.registrationId });
/** Variables of the write rows (a query ignores those it does not declare). */
const WRITE_VARIABLES = () => ({
  t: fixture.teacherId,
  e: DEMO_IDS.events.balikpapan2022,
  r: fixture.registrationId,
  q: fixture.verifiedQualificationId,
  a: fixture.attendedRegistrationId,
});

const TEACHER_FIELDS = 'query($t: ID!) { teacher(id: $t) { id fullName nuptk employmentStatus } }';
const QUALIFICATIONS =
  'query($t: ID!) { teacher(id: $t) { qualifications { level field verified } highestQualification meetsQualificationStandard } }';
const BIRTH_DATE = 'query($t: ID!) { teacher(id: $t) { fullName birthDate } }';
const REGISTRATIONS = 'query($e: ID!) { trainingEvent(id: $e) { title registrations { participantName status } } }';
/** From an event's registrations: the value of the first naming a teacher, or the empty list when the caller reads none. */
const registered = (pick: (r: LooseBody) => unknown) => (d: LooseBody) => {
  const list: LooseBody[] | undefined = d?.trainingEvent?.registrations;
  if (list && list.length === 0) return [];
  const row = list?.find((r) => r.teacher);
  return row ? pick(row) : undefined;
};
const teacherPick = (field: string) => (d: LooseBody) => (d?.teacher === null ? null : d?.teacher ? d.teacher[field] : undefined);

const rows: Array<Row & { variables?: () => Record<string, unknown> }> = [
  // Person-level reads
  {
    name: 'Query.teacher',
    expect: HER,
    gateway: { query: TEACHER_FIELDS, pick: teacherPick('fullName') },
    direct: { subgraph: 'schools', query: TEACHER_FIELDS, pick: teacherPick('fullName') },
  },
  {
    name: 'Query.teachers',
    expect: PERSONS,
    gateway: { query: '{ teachers(first: 3) { totalCount edges { node { id fullName } } } }', pick: (d) => d?.teachers?.edges },
    direct: {
      subgraph: 'schools',
      query: '{ teachers(first: 3) { totalCount edges { node { id fullName } } } }',
      pick: (d) => d?.teachers?.edges,
    },
  },
  {
    name: 'School.teachers',
    expect: PERSONS,
    gateway: {
      query: '{ school(npsn: "64710001") { name teachers(first: 3) { totalCount } } }',
      pick: (d) => d?.school?.teachers?.totalCount,
    },
    direct: {
      subgraph: 'schools',
      query: '{ school(npsn: "64710001") { name teachers(first: 3) { totalCount } } }',
      pick: (d) => d?.school?.teachers?.totalCount,
    },
  },
  {
    name: 'Teacher.qualifications (Qualification)',
    expect: HER,
    gateway: { query: QUALIFICATIONS, pick: teacherPick('qualifications') },
    direct: { subgraph: 'schools', query: QUALIFICATIONS, pick: teacherPick('qualifications') },
  },
  {
    name: 'Teacher.birthDate (personal)',
    expect: PERSONAL,
    gateway: { query: BIRTH_DATE, pick: teacherPick('birthDate') },
    direct: { subgraph: 'schools', query: BIRTH_DATE, pick: teacherPick('birthDate') },
  },
  {
    name: 'Teacher.trainingHistory (skb extension)',
    expect: HER,
    gateway: {
      query: 'query($t: ID!) { teacher(id: $t) { trainingHistory { status event { title } } } }',
      pick: teacherPick('trainingHistory'),
    },
  },
  {
    // The skb subgraph serves the history of any teacher the gateway brings it; the gateway brings only those the caller sees.
    name: 'Teacher.trainingHistory (skb extension, at the subgraph)',
    expect: EVENT_ROWS,
    direct: {
      subgraph: 'skb',
      query: 'query($e: ID!) { trainingEvent(id: $e) { registrations { teacher { id trainingHistory { status } } } } }',
      pick: registered((r) => r.teacher.trainingHistory),
    },
  },
  {
    name: 'Teacher.assessments (university extension, Assessment)',
    expect: HER,
    gateway: {
      query: 'query($t: ID!) { teacher(id: $t) { assessments { passed gain program { code } } highestCompletedTier } }',
      pick: teacherPick('assessments'),
    },
  },
  {
    name: 'Teacher.assessments (university extension, at the subgraph)',
    expect: PERSONS,
    variables: entity('Teacher', () => ({ id: fixture.teacherId })),
    direct: {
      subgraph: 'university',
      asGateway: true,
      query: ENTITY_QUERY('... on Teacher { assessments { passed gain } highestCompletedTier }'),
      pick: firstEntity((e) => e.assessments),
    },
  },
  {
    name: 'TrainingEvent.registrations (Registration)',
    expect: EVENT_ROWS,
    gateway: { query: REGISTRATIONS, pick: (d) => d?.trainingEvent?.registrations },
    direct: { subgraph: 'skb', query: REGISTRATIONS, pick: (d) => d?.trainingEvent?.registrations },
  },
  {
    name: 'Registration.teacher',
    expect: EVENT_ROWS,
    gateway: {
      query: 'query($e: ID!) { trainingEvent(id: $e) { registrations { teacher { fullName school { name } } } } }',
      pick: registered((r) => r.teacher.fullName),
    },
    direct: {
      subgraph: 'skb',
      query: 'query($e: ID!) { trainingEvent(id: $e) { registrations { teacher { id } } } }',
      pick: registered((r) => r.teacher.id),
    },
  },
  {
    name: 'School.partnership (Partnership)',
    expect: ANY_TOKEN,
    variables: entity('School', () => ({ npsn: '64710001' })),
    gateway: { query: '{ school(npsn: "64710001") { name partnership { studyProgram active } } }', pick: (d) => d?.school?.partnership },
    direct: {
      subgraph: 'university',
      asGateway: true,
      query: ENTITY_QUERY('... on School { partnership { studyProgram active } }'),
      pick: firstEntity((e) => e.partnership),
    },
  },

  // Entity references, as the gateway asks for them: the reference resolver itself is guarded (no field of the type is selected).
  ...(['schools', 'skb', 'university'] as SubgraphName[]).map((subgraph) => ({
    name: `_entities Teacher reference (${subgraph})`,
    // The schools subgraph decides who sees her; the others extend a teacher the gateway has already let through.
    expect: subgraph === 'schools' ? HER : PERSONS,
    variables: entity('Teacher', () => ({ id: fixture.teacherId })),
    direct: { subgraph, asGateway: true, query: ENTITY_QUERY('__typename'), pick: firstEntity((e) => e.__typename) },
  })),
  {
    name: '_entities Registration reference (skb)',
    expect: PERSONS,
    variables: entity('Registration', () => ({ id: fixture.registrationId })),
    direct: { subgraph: 'skb', asGateway: true, query: ENTITY_QUERY('__typename'), pick: firstEntity((e) => e.__typename) },
  },
  {
    name: '_entities Assessment reference (university)',
    expect: PERSONS,
    variables: entity('Assessment', () => ({ id: fixture.assessmentId })),
    direct: { subgraph: 'university', asGateway: true, query: ENTITY_QUERY('__typename'), pick: firstEntity((e) => e.__typename) },
  },
  {
    name: '_entities Partnership reference (university)',
    expect: ANY_TOKEN,
    variables: entity('Partnership', () => ({ id: fixture.partnershipId })),
    direct: { subgraph: 'university', asGateway: true, query: ENTITY_QUERY('__typename'), pick: firstEntity((e) => e.__typename) },
  },

  // The public catalogue
  {
    name: 'lecturers, programs, modules (public)',
    expect: PUBLIC,
    gateway: {
      query: '{ lecturers { fullName academicTitle expertise } trainingPrograms { code modules { title lecturer { fullName } } } }',
      pick: (d) => d?.trainingPrograms,
    },
    direct: {
      subgraph: 'university',
      query: '{ lecturers { fullName academicTitle expertise } trainingPrograms { code modules { title lecturer { fullName } } } }',
      pick: (d) => d?.trainingPrograms,
    },
  },
  {
    name: 'venues, events, sessions (public)',
    expect: PUBLIC,
    gateway: {
      query:
        'query($e: ID!) { venues { name district { name } } trainingEvent(id: $e) { title attendanceRate program { title } sessions { topic facilitators { fullName } } } }',
      pick: (d) => d?.trainingEvent?.sessions,
    },
    direct: {
      subgraph: 'skb',
      query: 'query($e: ID!) { venues { name } trainingEvent(id: $e) { title attendanceRate sessions { topic facilitators { id } } } }',
      pick: (d) => d?.trainingEvent?.sessions,
    },
  },
  {
    name: 'districts and schools (public)',
    expect: PUBLIC,
    gateway: {
      query: '{ districts { code name } school(npsn: "64710001") { name kind district { name } } }',
      pick: (d) => d?.school?.name,
    },
    direct: {
      subgraph: 'schools',
      query: '{ districts { code name } school(npsn: "64710001") { name kind district { name } } }',
      pick: (d) => d?.school?.name,
    },
  },

  // Writes: refused before anything is read or written; the right caller gets past authorization to the write itself,
  // which refuses this input (or, for an already verified qualification, changes nothing).
  ...(
    [
      [
        'Mutation.createTeacher',
        'schools',
        'mutation { createTeacher(input: { npsn: "64710001", fullName: "   ", employmentStatus: GTT }) { id } }',
        write('BAD_USER_INPUT', 'school admin'),
        'input.fullName',
      ],
      [
        'Mutation.updateTeacher',
        'schools',
        'mutation($t: ID!) { updateTeacher(id: $t, version: 1, input: { nuptk: "123" }) { id } }',
        write('BAD_USER_INPUT', 'school admin'),
        'input.nuptk',
      ],
      [
        'Mutation.addQualification',
        'schools',
        'mutation($t: ID!) { addQualification(teacherId: $t, input: { level: S1, field: OTHER, graduationYear: 1900 }) { id } }',
        write('BAD_USER_INPUT', 'school admin'),
        'input.graduationYear',
      ],
      [
        'Mutation.verifyQualification',
        'schools',
        'mutation($q: ID!) { verifyQualification(qualificationId: $q) { id verified } }',
        write('data', 'school admin'),
      ],
      [
        'Mutation.recordAssessment',
        'university',
        `mutation($t: ID!) { recordAssessment(input: { teacherId: $t, programId: "${DEMO_IDS.programs.basic}", passed: true, assessedOn: "2024-01-01", preTestScore: 101 }) { id } }`,
        write('BAD_USER_INPUT', 'university admin'),
        'input.preTestScore',
      ],
      [
        'Mutation.createTrainingEvent',
        'skb',
        `mutation { createTrainingEvent(input: { title: "T", programId: "${DEMO_IDS.programs.basic}", venueId: "${DEMO_IDS.venues.hall}", startsOn: "2027-01-01", endsOn: "2027-01-02", capacity: 0 }) { id } }`,
        write('BAD_USER_INPUT', 'skb admin'),
        'input.capacity',
      ],
      [
        'Mutation.updateTrainingEvent',
        'skb',
        'mutation($e: ID!) { updateTrainingEvent(id: $e, version: 1, input: { title: " " }) { id } }',
        write('BAD_USER_INPUT', 'skb admin'),
        'input.title',
      ],
      [
        'Mutation.setTrainingEventStatus',
        'skb',
        'mutation($e: ID!) { setTrainingEventStatus(id: $e, status: PLANNED) { id } }',
        write('BAD_USER_INPUT', 'skb admin'),
        'status',
      ],
      [
        'Mutation.registerParticipant',
        'skb',
        'mutation($e: ID!) { registerParticipant(eventId: $e, participantName: "  ") { id } }',
        // A school's admin registers its own teachers (need-to-know: how a teacher first reaches an SKB).
        write('BAD_USER_INPUT', 'skb admin', 'school admin', 'other school admin'),
        'participantName',
      ],
      [
        'Mutation.cancelRegistration',
        'skb',
        'mutation($a: ID!) { cancelRegistration(registrationId: $a) { id } }',
        write('CONFLICT', 'skb admin'),
        'registrationId',
      ],
      [
        'Mutation.recordAttendance',
        'skb',
        'mutation($r: ID!) { recordAttendance(registrationId: $r, status: CANCELLED) { id } }',
        write('BAD_USER_INPUT', 'skb admin', 'skb staff'),
        'status',
      ],
    ] as Array<[string, SubgraphName, string, Expectation, string?]>
  ).map(([name, subgraph, query, expectation, field]) => {
    const mutation = name.split('.')[1];
    const pick = (d: LooseBody) => d?.[mutation];
    return { name, expect: expectation, field, variables: WRITE_VARIABLES, gateway: { query, pick }, direct: { subgraph, query, pick } };
  }),
];

const MESSAGES: Partial<Record<Outcome, RegExp>> = {
  UNAUTHENTICATED: /needs a token/,
  FORBIDDEN: /person-level data: government tokens read statistics only|is allowed to|may write only its own rows/,
  BAD_USER_INPUT: /^[\w.]+: /,
  CONFLICT: /^registrationId: the registration is ATTENDED/,
};

function check(outcome: Outcome, body: LooseBody, value: unknown, field?: string): void {
  const errors: LooseBody[] = body.errors ?? [];
  for (const error of errors) expect(error.extensions?.stacktrace).toBeUndefined();
  switch (outcome) {
    case 'data':
      expect(errors).toEqual([]);
      expect(value).not.toBeNull();
      expect(value).not.toBeUndefined();
      if (Array.isArray(value)) expect(value.length).toBeGreaterThan(0);
      return;
    case 'null':
      expect(errors).toEqual([]);
      expect(value).toBeNull();
      return;
    case 'empty':
      expect(errors).toEqual([]);
      expect(value).toEqual([]);
      return;
    case 'own':
      expect(errors).toEqual([]);
      expect(value).toBe(fixture.birthDate);
      return;
    default:
      expect(errors.length).toBeGreaterThan(0);
      expect([...new Set(errors.map((e) => e.extensions?.code))]).toEqual([outcome]);
      expect(errors[0].message).toMatch(MESSAGES[outcome]!);
      if (outcome === 'BAD_USER_INPUT' || outcome === 'CONFLICT') expect(errors[0].extensions.field).toBe(field);
      expect(value ?? null).toBeNull();
  }
}

const tokens = {} as Record<Caller, string | undefined>;

beforeAll(async () => {
  await loadFixture();
  for (const caller of CALLER_LIST) tokens[caller] = await tokenOf(caller);
});

const cells = rows.flatMap((row) => [
  ...(row.gateway ? [{ ...row, via: 'gateway', channel: row.gateway, url: () => hubUrls().gateway }] : []),
  ...(row.direct
    ? [
        {
          ...row,
          via: `${row.direct.subgraph} directly`,
          channel: row.direct as Channel,
          url: () => hubUrls().subgraphs[row.direct!.subgraph],
        },
      ]
    : []),
]);

describe.each(cells)('$name via $via', ({ expect: expectation, channel, url, variables, field }) => {
  it.each(CALLER_LIST)('%s', async (caller) => {
    const headers: Record<string, string> = channel.asGateway ? { [GATEWAY_SECRET_HEADER]: hubSecrets().gatewaySecret } : {};
    const { status, body } = await gql(
      channel.query,
      { ...VARIABLES(), ...(variables?.() ?? {}) },
      { url: url(), token: tokens[caller], headers },
    );
    expect(status).toBe(200);
    check(expectation[caller], body, channel.pick(body.data), field);
  });
});
