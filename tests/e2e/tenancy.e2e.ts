import { DEMO_IDS, buildDemoWorld } from '@mitra/fixtures';
import type { SubgraphName } from '@mitra/runtime';
import { expectNoErrors, gql, type LooseBody } from '../harness/client';
import { rowCounts, sql } from '../harness/db';
import { hubUrls } from '../harness/env';
import { tokenFor } from '../harness/tokens';
import { dayFromToday } from '../harness/writes';

/**
 * Many institutions of each kind (issue 12): every demo organisation's admin
 * (and an SKB's staff) tries every write aimed at another organisation's
 * rows of the same kind, through the gateway and directly at the subgraph
 * that owns them. Each is FORBIDDEN naming the owner, and the owner's tables
 * and audit log do not move. The owners' own writes succeed in the files of
 * each partner (writes-*, catalogue-*, ownership-*).
 */

const world = buildDemoWorld();
const RUN = Date.now().toString(36);

interface Target {
  owner: string;
  /** The variables of each write, aimed at this owner's rows. */
  variables: Record<string, () => Record<string, unknown>>;
}

interface Family {
  name: string;
  subgraph: SubgraphName;
  tables: string[];
  orgs: string[];
  /** Each write: its document and the role that may make it in its own organisation. */
  writes: Record<string, { document: string; role: 'admin' | 'staff' }>;
  targets: Record<string, Target>;
}

const SKB_TABLES = ['venue', 'training_event', 'event_session', 'session_facilitator', 'registration', 'audit_log'];
const SKBS = [DEMO_IDS.skb, DEMO_IDS.skbSamarinda, DEMO_IDS.skbSerang];
const PROVIDERS = [DEMO_IDS.university, DEMO_IDS.universityUntirta, DEMO_IDS.lpdBanten];
const SCHOOLS = ['school:64710001', 'school:64710002', `school:${DEMO_IDS.firstSerangSchool}`];

// Documents that select only the writing subgraph's own fields, so that they are valid at it directly too.
const SKB_WRITES: Family['writes'] = {
  createTrainingEvent: { document: 'mutation($input: TrainingEventInput!) { createTrainingEvent(input: $input) { id } }', role: 'admin' },
  updateTrainingEvent: {
    document:
      'mutation($id: ID!, $version: Int!) { updateTrainingEvent(id: $id, version: $version, input: { title: "Bukan Milik Anda" }) { id } }',
    role: 'admin',
  },
  setTrainingEventStatus: { document: 'mutation($id: ID!) { setTrainingEventStatus(id: $id, status: CANCELLED) { id } }', role: 'admin' },
  addEventSession: {
    document: 'mutation($id: ID!, $input: EventSessionInput!) { addEventSession(eventId: $id, input: $input) { id } }',
    role: 'admin',
  },
  registerParticipant: {
    document: 'mutation($id: ID!) { registerParticipant(eventId: $id, participantName: "Peserta Titipan") { id } }',
    role: 'admin',
  },
  cancelRegistration: { document: 'mutation($r: ID!) { cancelRegistration(registrationId: $r) { id } }', role: 'admin' },
  recordAttendance: { document: 'mutation($r: ID!) { recordAttendance(registrationId: $r, status: NO_SHOW) { id } }', role: 'staff' },
};

const PROVIDER_WRITES: Family['writes'] = {
  addModule: {
    document: 'mutation($p: ID!) { addModule(programId: $p, input: { title: "Modul Titipan", hours: 1 }) { id } }',
    role: 'admin',
  },
  recordAssessment: { document: 'mutation($input: AssessmentInput!) { recordAssessment(input: $input) { id } }', role: 'admin' },
};

const SCHOOL_WRITES: Family['writes'] = {
  createTeacher: { document: 'mutation($input: TeacherInput!) { createTeacher(input: $input) { id } }', role: 'admin' },
  updateTeacher: {
    document: 'mutation($t: ID!, $version: Int!) { updateTeacher(id: $t, version: $version, input: { employmentStatus: PPPK }) { id } }',
    role: 'admin',
  },
  addQualification: {
    document:
      'mutation($t: ID!) { addQualification(teacherId: $t, input: { level: S1, field: EARLY_CHILDHOOD_EDUCATION, graduationYear: 2015 }) { id } }',
    role: 'admin',
  },
  verifyQualification: { document: 'mutation($q: ID!) { verifyQualification(qualificationId: $q) { id } }', role: 'admin' },
};

const families: Family[] = [
  { name: 'SKBs', subgraph: 'skb', tables: SKB_TABLES, orgs: SKBS, writes: SKB_WRITES, targets: {} },
  {
    name: 'universities and providers',
    subgraph: 'university',
    tables: ['training_program', 'module', 'lecturer', 'partnership', 'assessment', 'audit_log'],
    orgs: PROVIDERS,
    writes: PROVIDER_WRITES,
    targets: {},
  },
  {
    name: 'schools',
    subgraph: 'schools',
    tables: ['teacher', 'qualification', 'audit_log'],
    orgs: SCHOOLS,
    writes: SCHOOL_WRITES,
    targets: {},
  },
];
const [skbs, providers, schools] = families;

const tokens = new Map<string, string>();
const tokenOf = (org: string, role: string) => tokens.get(`${org}/${role}`)!;
/** What this file made (an event, a program): removed after it, so that the demo world is as the other files expect. */
const made = { events: [] as string[], programs: [] as string[] };

async function call(document: string, variables: Record<string, unknown>, token: string, url?: string): Promise<LooseBody> {
  const { body } = await gql(document, variables, { token, url });
  return body;
}

/** An OPEN event at an SKB's venue, with a registration by name: the demo has one at Samarinda and Serang, this file makes Balikpapan's. */
async function openEventOf(skb: string): Promise<{ id: string; startsOn: string; registrationId: string }> {
  const demo = world.events.find((e) => e.status === 'OPEN' && world.venues.find((v) => v.id === e.venueId)?.ownerOrg === skb);
  if (demo) {
    const [registration] = await sql<{ id: string }>(
      'skb',
      'select id from registration where event_id = $1 and status = $2 order by id limit 1',
      [demo.id, 'REGISTERED'],
    );
    return { id: demo.id, startsOn: demo.startsOn, registrationId: registration.id };
  }
  const venue = world.venues.find((v) => v.ownerOrg === skb)!;
  const startsOn = dayFromToday(400);
  const admin = tokenOf(skb, 'admin');
  const created = await call(
    SKB_WRITES.createTrainingEvent.document,
    {
      input: {
        title: `Diklat Uji Tenancy ${RUN}`,
        programId: DEMO_IDS.programs.basic,
        venueId: venue.id,
        startsOn,
        endsOn: dayFromToday(404),
        capacity: 10,
      },
    },
    admin,
  );
  expectNoErrors(created);
  const id = created.data.createTrainingEvent.id;
  made.events.push(id);
  expectNoErrors(await call(SKB_WRITES.setTrainingEventStatus.document.replace('CANCELLED', 'OPEN'), { id }, admin));
  const registered = await call(SKB_WRITES.registerParticipant.document, { id }, admin);
  expectNoErrors(registered);
  return { id, startsOn, registrationId: registered.data.registerParticipant.id };
}

const OFFSETS: Record<string, string> = { '64': '+08:00', '36': '+07:00' };

beforeAll(async () => {
  for (const family of families) {
    for (const org of family.orgs) {
      for (const role of ['admin', 'staff'])
        tokens.set(`${org}/${role}`, await tokenFor({ org, roles: [role], sub: `tenancy:${org}:${role}` }));
    }
  }
  // The SKBs' rows: an OPEN event each, its venue, a registration.
  for (const skb of SKBS) {
    const event = await openEventOf(skb);
    const venue = world.venues.find((v) => v.ownerOrg === skb)!;
    const offset = OFFSETS[venue.districtCode.slice(0, 2)];
    const version = async () =>
      (await sql<{ version: number }>('skb', 'select version from training_event where id = $1', [event.id]))[0].version;
    skbs.targets[skb] = {
      owner: skb,
      variables: {
        createTrainingEvent: () => ({
          input: {
            title: 'Bukan Milik Anda',
            programId: DEMO_IDS.programs.basic,
            venueId: venue.id,
            startsOn: dayFromToday(500),
            endsOn: dayFromToday(501),
            capacity: 5,
          },
        }),
        updateTrainingEvent: () => ({ id: event.id, version: 0 }),
        setTrainingEventStatus: () => ({ id: event.id }),
        addEventSession: () => ({
          id: event.id,
          input: {
            day: 1,
            kind: 'MATERIAL',
            topic: 'Sesi Titipan',
            startsAt: `${event.startsOn}T06:00:00${offset}`,
            endsAt: `${event.startsOn}T06:30:00${offset}`,
          },
        }),
        registerParticipant: () => ({ id: event.id }),
        cancelRegistration: () => ({ r: event.registrationId }),
        recordAttendance: () => ({ r: event.registrationId }),
      },
    };
    // The version the update names is the current one: only the organisation can be what refuses it.
    const current = await version();
    skbs.targets[skb].variables.updateTrainingEvent = () => ({ id: event.id, version: current });
  }
  // The providers' rows: a program each (Untirta's is made here: the demo gives it none), and a teacher each may assess.
  for (const org of PROVIDERS) {
    let programId = world.programs.find((p) => p.providerOrg === org && p.tier === 'BASIC')?.id;
    if (!programId) {
      const created = await call(
        'mutation($input: TrainingProgramInput!) { createTrainingProgram(input: $input) { id } }',
        { input: { code: `UNTIRTA-UJI-${RUN}`.toUpperCase(), title: 'Program Uji Tenancy', tier: 'BASIC', hours: 20 } },
        tokenOf(org, 'admin'),
      );
      expectNoErrors(created);
      programId = created.data.createTrainingProgram.id as string;
      made.programs.push(programId);
    }
    const [teacher] = await sql<{ teacher_id: string }>('university', 'select teacher_id from assessment order by teacher_id limit 1');
    providers.targets[org] = {
      owner: org,
      variables: {
        addModule: () => ({ p: programId }),
        recordAssessment: () => ({
          input: {
            teacherId: teacher.teacher_id,
            programId,
            preTestScore: 50,
            postTestScore: 80,
            passed: true,
            assessedOn: dayFromToday(-1),
          },
        }),
      },
    };
  }
  // The schools' rows: a teacher each with a qualification.
  for (const org of SCHOOLS) {
    const npsn = org.slice('school:'.length);
    const [row] = await sql<{ id: string; version: number; q: string }>(
      'schools',
      'select t.id, t.version, q.id as q from teacher t join qualification q on q.teacher_id = t.id where t.school_npsn = $1 order by t.id, q.id limit 1',
      [npsn],
    );
    schools.targets[org] = {
      owner: org,
      variables: {
        createTeacher: () => ({ input: { npsn, fullName: 'Guru Titipan', employmentStatus: 'GTT', birthDate: '1990-01-01' } }),
        updateTeacher: () => ({ t: row.id, version: row.version }),
        addQualification: () => ({ t: row.id }),
        verifyQualification: () => ({ q: row.q }),
      },
    };
  }
});

afterAll(async () => {
  for (const id of made.events) {
    await sql('skb', 'delete from registration where event_id = $1', [id]);
    await sql('skb', 'delete from training_event where id = $1', [id]);
  }
  for (const id of made.programs) await sql('university', 'delete from training_program where id = $1', [id]);
});

const cases = families.flatMap((family) =>
  family.orgs.flatMap((writer) =>
    family.orgs
      .filter((owner) => owner !== writer)
      .flatMap((owner) => Object.keys(family.writes).map((write) => ({ family, writer, owner, write }))),
  ),
);

describe.each([
  ['the gateway', (_s: SubgraphName) => hubUrls().gateway],
  ['the owning subgraph directly', (s: SubgraphName) => hubUrls().subgraphs[s]],
])('another organisation of the same kind, through %s', (_via, urlOf) => {
  it.each(cases.map((c) => [c.writer, c.write, c.owner, c] as const))(
    '%s: %s on the rows of %s is FORBIDDEN naming the owner, nothing written',
    async (writer, write, owner, { family }) => {
      const { document, role } = family.writes[write];
      const before = await rowCounts(family.subgraph, family.tables);
      const body = await call(document, family.targets[owner].variables[write](), tokenOf(writer, role), urlOf(family.subgraph));
      expect(body.errors?.map((e: LooseBody) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(body.errors[0].message).toBe(`Mutation.${write}: ${writer} may write only its own rows, not those of ${owner}`);
      expect(await rowCounts(family.subgraph, family.tables)).toEqual(before);
    },
  );
});
