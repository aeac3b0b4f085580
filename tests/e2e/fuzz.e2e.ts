import fc from 'fast-check';
import { buildClientSchema, getIntrospectionQuery, type GraphQLField, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import type { Client } from 'pg';
import { DEMO_IDS, buildDemoWorld } from '@mitra/fixtures';
import { type SubgraphName } from '@mitra/runtime';
import { expectNoErrors, gql, type LooseBody } from '../harness/client';
import { connect } from '../harness/db';
import { hubUrls } from '../harness/env';
import { DocumentBuilder, randomBody, randomQuery, type FuzzRequest } from '../harness/fuzz-documents';
import { type FuzzOptions, type IdPools } from '../harness/fuzz-values';
import { CALLERS, tokenFor, type TokenSpec } from '../harness/tokens';
import { dayFromToday } from '../harness/writes';

/**
 * Issue 7, hostile input: generated requests against the gateway, built
 * from its own API schema (random selections, arguments of the right and
 * the wrong type, nulls where non-null is expected, huge and unicode
 * strings, deep nesting, injection-looking text, garbage bodies). Whatever
 * comes in: never a 5xx, never an internal error, never a stack trace, SQL
 * text or an internal extension in the answer; and a write either succeeds
 * whole (its rows with their audit row) or changes nothing in any partner's
 * database. Rows the fuzz writes are its own (its own teacher, event,
 * registration, program; new rows only: venues, sessions, programs,
 * modules, lecturers, partnerships) and are deleted afterwards.
 *
 * FUZZ_RUNS scales the case counts (default 1); fast-check prints the seed
 * of a failure, and FUZZ_SEED replays it.
 */

jest.setTimeout(180_000);

const SCALE = Number(process.env.FUZZ_RUNS ?? '1');
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
// No shrinking: a request that breaks the hub fails every request after it, so the first failure is the one to read.
const runs = (n: number) => ({
  numRuns: Math.max(1, Math.round(n * SCALE)),
  endOnFailure: true,
  ...(SEED !== undefined ? { seed: SEED } : {}),
});

// What must never reach a client: statements, the database's own words, stack frames, internals.
const LEAKS =
  /select |insert into|update "|delete from|syntax error at or near|relation "|violates|duplicate key|stacktrace|"exception"|\\n\s+at \S+ \(|node_modules|ECONNREFUSED|127\.0\.0\.1/i;
// `limit` names the operation limit a refusal is about (README, Limits).
const PUBLIC_EXTENSIONS = new Set(['code', 'field', 'capability', 'serviceName', 'limit']);

let schema: GraphQLSchema;
let ids: IdPools;
const tokens: Record<string, string | undefined> = {};
const clients = {} as Record<SubgraphName, Client>;
const counted = {
  cases: 0,
  statuses: new Map<number, number>(),
  writesSucceeded: 0,
  writesRefused: 0,
  succeededBy: new Map<string, number>(),
};

const FUZZ_CALLERS: Record<string, TokenSpec> = {
  'school admin': { ...CALLERS['school admin'], sub: 'fuzz:school-admin' },
  'skb admin': { ...CALLERS['skb admin'], sub: 'fuzz:skb-admin' },
  'skb staff': { ...CALLERS['skb staff'], sub: 'fuzz:skb-staff' },
  'university admin': { ...CALLERS['university admin'], sub: 'fuzz:university-admin' },
  'government analyst': { ...CALLERS['government analyst'], sub: 'fuzz:analyst' },
  'other school admin': { ...CALLERS['other school admin'], sub: 'fuzz:other-school' },
};

let previous = '';
async function post(body: string, token?: string): Promise<{ status: number; text: string }> {
  const before = previous;
  previous = body;
  try {
    const response = await fetch(hubUrls().gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
      // A hang is a failure too: nothing a client sends may hold the gateway this long.
      signal: AbortSignal.timeout(15_000),
    });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    // The request before may be the one that broke the hub: name both.
    throw new Error(`no answer (${String(error)}) to ${body.slice(0, 500)}\nthe request before: ${before.slice(0, 500)}`);
  }
}

/** The invariants every answer keeps, whatever was asked. */
function checkAnswer(request: string, answer: { status: number; text: string }): LooseBody {
  counted.cases += 1;
  counted.statuses.set(answer.status, (counted.statuses.get(answer.status) ?? 0) + 1);
  const context = `request ${request.slice(0, 300)}\nanswer ${answer.status} ${answer.text.slice(0, 600)}`;
  if (answer.status >= 500) throw new Error(`5xx: ${context}`);
  let body: LooseBody;
  try {
    body = JSON.parse(answer.text);
  } catch {
    throw new Error(`not JSON: ${context}`);
  }
  for (const error of body.errors ?? []) {
    const message = typeof error.message === 'string' ? error.message : '';
    if (LEAKS.test(message) || LEAKS.test(JSON.stringify(error.extensions ?? {}))) throw new Error(`leak: ${context}`);
    const extensions = Object.keys(error.extensions ?? {});
    if (!extensions.every((key) => PUBLIC_EXTENSIONS.has(key))) throw new Error(`internal extension ${extensions}: ${context}`);
    if (error.extensions?.code === 'INTERNAL_SERVER_ERROR' || !error.extensions?.code)
      throw new Error(`uncoded or internal error: ${context}`);
  }
  return body;
}

/** Rows and the newest row version of each partner table: any committed write changes one of them. */
async function fingerprint(): Promise<Record<string, string>> {
  const tables: Record<SubgraphName, string[]> = {
    schools: ['teacher', 'qualification', 'training_need', 'audit_log'],
    skb: ['venue', 'training_event', 'event_session', 'session_facilitator', 'registration', 'audit_log'],
    university: ['lecturer', 'training_program', 'module', 'partnership', 'assessment', 'follow_up', 'consultation_request', 'audit_log'],
  };
  const out: Record<string, string> = {};
  await Promise.all(
    (Object.keys(tables) as SubgraphName[]).map(async (db) => {
      const union = tables[db]
        .map((t) => `select '${t}' as t, count(*)::text || '/' || coalesce(max(xmin::text::bigint), 0)::text as f from ${t}`)
        .join(' union all ');
      for (const row of (await clients[db].query<{ t: string; f: string }>(union)).rows) out[`${db}.${row.t}`] = row.f;
    }),
  );
  return out;
}

const count = (f: string): number => Number(f.split('/')[0]);

// What every explorer, IDE and code generator sends to load the schema.
const INTROSPECTION = getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  inputValueDeprecation: true,
});

beforeAll(async () => {
  const introspection = await gql(INTROSPECTION);
  expectNoErrors(introspection.body);
  schema = buildClientSchema(introspection.body.data as IntrospectionQuery);
  for (const [name, spec] of Object.entries(FUZZ_CALLERS)) tokens[name] = await tokenFor(spec);
  for (const db of ['schools', 'skb', 'university'] as SubgraphName[]) {
    clients[db] = await connect(db);
  }

  // The fuzz's own rows: the only existing rows its writes may change. Demo rows are only ever read or referred to.
  const teacher = await gql(
    'mutation { createTeacher(input: { npsn: "64710001", fullName: "Guru Fuzz", employmentStatus: GTT }) { id } }',
    undefined,
    { token: tokens['school admin'] },
  );
  expectNoErrors(teacher.body);
  const teacherId = teacher.body.data.createTeacher.id as string;
  const qualification = await gql(
    `mutation { addQualification(teacherId: "${teacherId}", input: { level: S1, field: PSYCHOLOGY }) { id } }`,
    undefined,
    { token: tokens['school admin'] },
  );
  expectNoErrors(qualification.body);
  const event = await gql(
    'mutation($input: TrainingEventInput!) { createTrainingEvent(input: $input) { id } }',
    {
      input: {
        title: 'Pelatihan Fuzz',
        programId: DEMO_IDS.programs.basic,
        venueId: DEMO_IDS.venues.hall,
        startsOn: dayFromToday(0),
        endsOn: dayFromToday(1),
        capacity: 60,
      },
    },
    { token: tokens['skb admin'] },
  );
  expectNoErrors(event.body);
  const eventId = event.body.data.createTrainingEvent.id as string;
  expectNoErrors(
    (await gql(`mutation { setTrainingEventStatus(id: "${eventId}", status: OPEN) { id } }`, undefined, { token: tokens['skb admin'] }))
      .body,
  );
  const registration = await gql(
    `mutation { registerParticipant(eventId: "${eventId}", participantName: "Peserta Fuzz") { id } }`,
    undefined,
    { token: tokens['skb admin'] },
  );
  expectNoErrors(registration.body);
  // The university's own program (with hours to spare) and lecturer, so that addModule has somewhere to succeed.
  const program = await gql(
    'mutation($input: TrainingProgramInput!) { createTrainingProgram(input: $input) { id } }',
    { input: { code: 'FUZZ-PRG-01', title: 'Program Fuzz', tier: 'BASIC', hours: 400 } },
    { token: tokens['university admin'] },
  );
  expectNoErrors(program.body);
  const lecturer = await gql('mutation { createLecturer(input: { fullName: "Dosen Fuzz", expertise: ["Uji"] }) { id } }', undefined, {
    token: tokens['university admin'],
  });
  expectNoErrors(lecturer.body);
  ids = {
    teacher: [teacherId],
    qualification: [qualification.body.data.addQualification.id],
    event: [eventId],
    registration: [registration.body.data.registerParticipant.id],
    program: [program.body.data.createTrainingProgram.id, ...Object.values(DEMO_IDS.programs)],
    lecturer: [lecturer.body.data.createLecturer.id, ...Object.values(DEMO_IDS.lecturers)],
    venue: Object.values(DEMO_IDS.venues),
    npsn: ['64710001', '64710002', '99999999'],
    code: ['64.71', '64', '99.99'],
    id: [teacherId, eventId],
  };
}, 60_000);

afterAll(async () => {
  // Everything the fuzz created, found through its own audit rows (its tokens' `sub`).
  const created = async (db: SubgraphName, action: string): Promise<string[]> =>
    (
      await clients[db].query<{ entity_id: string }>("select entity_id from audit_log where actor_sub like 'fuzz:%' and action = $1", [
        action,
      ])
    ).rows.map((r) => r.entity_id);
  try {
    // Sessions and registrations go with their events, the events before the venues they are at.
    await clients.skb?.query('delete from training_event where id = any($1::uuid[])', [await created('skb', 'createTrainingEvent')]);
    await clients.skb?.query('delete from venue where id = any($1::uuid[])', [await created('skb', 'createVenue')]);
    await clients.university?.query('delete from follow_up where id = any($1::uuid[])', [await created('university', 'recordFollowUp')]);
    await clients.university?.query('delete from assessment where id = any($1::uuid[])', [await created('university', 'recordAssessment')]);
    // Modules added to any program (the demo's included), then the fuzz's programs (with theirs) and lecturers.
    await clients.university?.query('delete from module where id = any($1::uuid[])', [await created('university', 'addModule')]);
    await clients.university?.query('delete from training_program where id = any($1::uuid[])', [
      await created('university', 'createTrainingProgram'),
    ]);
    await clients.university?.query('delete from lecturer where id = any($1::uuid[])', [await created('university', 'createLecturer')]);
    // A partnership widens its provider's reach: none of the fuzz's may outlive it.
    await clients.university?.query('delete from partnership where id = any($1::uuid[])', [
      await created('university', 'createPartnership'),
    ]);
    await clients.university?.query('delete from consultation_request where id = any($1::uuid[])', [
      await created('university', 'requestConsultation'),
    ]);
    // The needs the fuzz recorded, the whole school's too (a teacher's would go with her).
    await clients.schools?.query('delete from training_need where id = any($1::uuid[])', [await created('schools', 'recordTrainingNeed')]);
    await clients.schools?.query('delete from teacher where id = any($1::uuid[])', [await created('schools', 'createTeacher')]);
  } finally {
    await Promise.all(Object.values(clients).map((c) => c.end()));
  }
  console.log(
    `fuzz: ${counted.cases} requests; HTTP ${JSON.stringify(Object.fromEntries([...counted.statuses].sort()))}; writes ${counted.writesSucceeded} succeeded (${JSON.stringify(Object.fromEntries([...counted.succeededBy].sort()))}), ${counted.writesRefused} refused with nothing written`,
  );
});

const readOptions = (): FuzzOptions => ({
  schema,
  ids: {
    ...ids,
    teacher: [
      ...ids.teacher,
      ...buildDemoWorld()
        .teachers.slice(0, 5)
        .map((t) => t.id),
    ],
    event: [...ids.event, ...Object.values(DEMO_IDS.events)],
  },
  wrongness: 0.15,
});

describe('random queries from the schema', () => {
  it.each([
    ['anonymous', 700],
    ['school admin', 700],
    ['government analyst', 300],
  ])('as %s', async (caller, n) => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const request = randomQuery(g, readOptions());
        const body = JSON.stringify(request);
        checkAnswer(body, await post(body, tokens[caller]));
      }),
      runs(n),
    );
  });
});

describe('malformed requests', () => {
  it('garbage documents, bodies and variables', async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const body = randomBody(g);
        checkAnswer(body, await post(body, g(fc.boolean) ? tokens['school admin'] : undefined));
      }),
      runs(400),
    );
  });
});

/** Who writes what: each mutation with the admin (or staff) of the partner that owns it, now and then someone else. */
const WRITERS: Record<string, string> = {
  createTeacher: 'school admin',
  updateTeacher: 'school admin',
  addQualification: 'school admin',
  verifyQualification: 'school admin',
  recordTrainingNeed: 'school admin',
  setTrainingNeedStatus: 'school admin',
  recordAssessment: 'university admin',
  recordFollowUp: 'university admin',
  createTrainingProgram: 'university admin',
  addModule: 'university admin',
  createLecturer: 'university admin',
  createPartnership: 'university admin',
  requestConsultation: 'school admin',
  scheduleConsultation: 'university admin',
  closeConsultation: 'university admin',
  createVenue: 'skb admin',
  addEventSession: 'skb admin',
  createTrainingEvent: 'skb admin',
  updateTrainingEvent: 'skb admin',
  setTrainingEventStatus: 'skb admin',
  registerParticipant: 'skb admin',
  cancelRegistration: 'skb admin',
  recordAttendance: 'skb staff',
};

describe('random writes as the owning partner', () => {
  it('either succeed whole, with their audit row, or change nothing in any database', async () => {
    const mutations = Object.values(schema.getMutationType()!.getFields()) as Array<GraphQLField<unknown, unknown>>;
    // Wrong enough to hit every check, plausible enough that a fair share of writes succeed.
    const options: FuzzOptions = { schema, ids, wrongness: 0.08, plausibility: 0.8 };
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const field = mutations[g(fc.nat, { max: mutations.length - 1 })];
        const caller =
          g(fc.nat, { max: 9 }) === 0 ? g(fc.constantFrom, ...Object.keys(FUZZ_CALLERS)) : (WRITERS[field.name] ?? 'school admin');
        // Only the written row's id is selected: an error in a nested field of another partner would blur "refused".
        const request: FuzzRequest = new DocumentBuilder(g, options).operation('mutation', field, 1, '{ id }');
        const text = JSON.stringify(request);
        const before = await fingerprint();
        const body = checkAnswer(text, await post(text, tokens[caller]));
        const after = await fingerprint();
        const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
        const succeeded = !body.errors && body.data?.[field.name]?.id;
        if (!succeeded) {
          counted.writesRefused += 1;
          if (changed.length)
            throw new Error(`refused, yet ${changed.join(', ')} changed: ${text.slice(0, 300)} → ${JSON.stringify(body).slice(0, 300)}`);
          return;
        }
        counted.writesSucceeded += 1;
        counted.succeededBy.set(field.name, (counted.succeededBy.get(field.name) ?? 0) + 1);
        // One partner wrote, and whatever it changed came with exactly one audit row.
        const dbs = new Set(changed.map((k) => k.split('.')[0]));
        if (dbs.size > 1) throw new Error(`one write changed ${[...dbs].join(' and ')}: ${text.slice(0, 300)}`);
        const [db] = [...dbs];
        if (db) {
          const audits = count(after[`${db}.audit_log`]) - count(before[`${db}.audit_log`]);
          if (audits !== 1) throw new Error(`${audits} audit rows for a write that changed ${changed.join(', ')}: ${text.slice(0, 300)}`);
        }
      }),
      runs(600),
    );
  });
});
