import { DEMO_IDS } from '@mitra/fixtures';
import { expectNoErrors, gql, type LooseBody } from '../harness/client';
import { sql } from '../harness/db';
import { hubUrls } from '../harness/env';
import { ATTEND, CANCEL, REGISTER, skbWrites } from '../harness/skb-writes';
import { CALLERS, tokenFor } from '../harness/tokens';
import { dayFromToday, expectNothingWritten, freshNuptk } from '../harness/writes';

/**
 * Issue 13, tier progression that holds. The four defects of the issue, each
 * a test that failed before: a teacher with no tier registered for ADVANCED
 * and assessed while only REGISTERED; a post-test below the pre-test and
 * the pass mark accepted as passed; the technical bimtek counted as BASIC;
 * a teacher assessed twice for one event. Then `nextTier` against SQL over
 * the partners' tables, the registration prerequisite, and the happy path.
 *
 * The file makes its own teachers (school 64710002), events (at SKB
 * Balikpapan Selatan's hall) and assessments, and deletes them afterwards.
 */

const P = DEMO_IDS.programs;
const SCHOOL = '64710002';
const ORDER = ['BASIC', 'INTERMEDIATE', 'ADVANCED'];
const UNIVERSITY_TABLES = ['assessment', 'audit_log'];
const SKB_TABLES = ['registration', 'audit_log'];
const RECORD = 'mutation($input: AssessmentInput!) { recordAssessment(input: $input) { id passed program { id } event { id } } }';
/** The same, valid at the university alone (no other partner's types). */
const RECORD_DIRECT = 'mutation($input: AssessmentInput!) { recordAssessment(input: $input) { id passed } }';
const REGISTER_DIRECT = 'mutation($e: ID!, $t: ID) { registerParticipant(eventId: $e, teacherId: $t) { id status } }';
const CREATE_TEACHER = 'mutation($input: TeacherInput!) { createTeacher(input: $input) { id } }';

const skb = skbWrites();
let school: string;
let university: string;
const teachers: string[] = [];

/** The teachers of this file, by role in it. */
const T = { none: '', registered: '', noShow: '', cancelled: '', elsewhere: '', attended: '', progressing: '' };
/** Events held from two days ago to today (attendance can be recorded), and two OPEN ones ahead. */
const E = { technical: '', basic: '', intermediate: '', advanced: '' };

async function newTeacher(name: string): Promise<string> {
  const input = { npsn: SCHOOL, fullName: name, nuptk: freshNuptk(), employmentStatus: 'GTY', birthDate: '1991-03-08' };
  const { body } = await gql(CREATE_TEACHER, { input }, { token: school });
  expectNoErrors(body);
  teachers.push(body.data.createTeacher.id);
  return body.data.createTeacher.id;
}

/** An OPEN event of `programId`; `held`: it began two days ago and ends today, so attendance can be recorded. */
async function openEvent(programId: string, held: boolean): Promise<string> {
  const dates = held ? { startsOn: dayFromToday(-2), endsOn: dayFromToday(0) } : {};
  const event = await skb.createEvent({ programId, ...dates });
  await skb.setStatus(event.id, 'OPEN');
  return event.id;
}

/** Her school's admin registers her (a school registers its own teachers for an OPEN event). */
async function registerBySchool(eventId: string, teacherId: string): Promise<string> {
  const { body } = await gql(REGISTER, { e: eventId, t: teacherId }, { token: school });
  expectNoErrors(body);
  return body.data.registerParticipant.id;
}

async function attend(registrationId: string, status: 'ATTENDED' | 'NO_SHOW'): Promise<void> {
  expectNoErrors((await gql(ATTEND, { r: registrationId, status }, { token: skb.staff })).body);
}

const assessment = (teacherId: string, programId: string, eventId: string | null, overrides: Record<string, unknown> = {}) => ({
  teacherId,
  programId,
  eventId,
  preTestScore: 50,
  postTestScore: 80,
  passed: true,
  assessedOn: dayFromToday(0),
  ...overrides,
});

function record(input: Record<string, unknown>, direct = false): Promise<{ body: LooseBody }> {
  return gql(direct ? RECORD_DIRECT : RECORD, { input }, { token: university, ...(direct ? { url: hubUrls().subgraphs.university } : {}) });
}

async function tiersOf(teacherId: string): Promise<{ highestCompletedTier: string | null; nextTier: string | null }> {
  const { body } = await gql(
    'query($id: ID!) { teacher(id: $id) { highestCompletedTier nextTier } }',
    { id: teacherId },
    { token: university },
  );
  expectNoErrors(body);
  return body.data.teacher;
}

const nextAfter = (tier: string | null): string | null => (tier == null ? 'BASIC' : (ORDER[ORDER.indexOf(tier) + 1] ?? null));

/**
 * The oracle, from the partners' own tables: per teacher, the highest tier
 * of a tiered program she passed, where an assessment naming an event
 * counts only if the SKB has her ATTENDED there.
 */
async function expectedTiers(teacherIds: string[]): Promise<Map<string, string | null>> {
  const passed = await sql<{ teacher_id: string; tier: string; event_id: string | null }>(
    'university',
    `select a.teacher_id, p.tier, a.event_id from assessment a join training_program p on p.id = a.program_id
      where a.passed and p.tiered and a.teacher_id = any($1::uuid[])`,
    [teacherIds],
  );
  const attended = new Set(
    (
      await sql<{ key: string }>(
        'skb',
        "select event_id || '/' || teacher_id as key from registration where status = 'ATTENDED' and teacher_id = any($1::uuid[])",
        [teacherIds],
      )
    ).map((r) => r.key),
  );
  const best = new Map<string, string | null>(teacherIds.map((id) => [id, null]));
  for (const a of passed) {
    if (a.event_id && !attended.has(`${a.event_id}/${a.teacher_id}`)) continue;
    const now = best.get(a.teacher_id) ?? null;
    if (now == null || ORDER.indexOf(a.tier) > ORDER.indexOf(now)) best.set(a.teacher_id, a.tier);
  }
  return best;
}

beforeAll(async () => {
  school = await tokenFor({ ...CALLERS['other school admin'], sub: 'tier-test:school-admin' });
  university = await tokenFor({ ...CALLERS['university admin'], sub: 'tier-test:university-admin' });
  T.none = await newTeacher('Nur Aini, S.Pd.');
  T.registered = await newTeacher('Rahmi Yusuf, S.Pd.');
  T.noShow = await newTeacher('Fitri Handayani, S.Pd.');
  T.cancelled = await newTeacher('Yuliana Sari, S.Pd.');
  T.elsewhere = await newTeacher('Marlina Syam, S.Pd.');
  T.attended = await newTeacher('Hasanah Ramli, S.Pd.');
  T.progressing = await newTeacher('Dewi Kartika, S.Pd.');

  E.technical = await openEvent(P.technical, true);
  E.basic = await openEvent(P.basic, true);
  E.intermediate = await openEvent(P.intermediate, false);
  E.advanced = await openEvent(P.advanced, false);

  await registerBySchool(E.technical, T.elsewhere);
  const progressingTechnical = await registerBySchool(E.technical, T.progressing);
  await registerBySchool(E.basic, T.registered);
  const noShow = await registerBySchool(E.basic, T.noShow);
  const cancelled = await registerBySchool(E.basic, T.cancelled);
  const attended = await registerBySchool(E.basic, T.attended);
  const progressingBasic = await registerBySchool(E.basic, T.progressing);
  expectNoErrors((await gql(CANCEL, { r: cancelled }, { token: skb.admin })).body);
  await skb.setStatus(E.technical, 'ONGOING');
  await skb.setStatus(E.basic, 'ONGOING');
  await attend(progressingTechnical, 'ATTENDED');
  await attend(noShow, 'NO_SHOW');
  await attend(attended, 'ATTENDED');
  await attend(progressingBasic, 'ATTENDED');
});

afterAll(async () => {
  // Events go with their registrations (skb.created, deleted by the harness); qualifications with their teacher.
  if (teachers.length) {
    await sql('university', 'delete from assessment where teacher_id = any($1::uuid[])', [teachers]);
    await sql('skb', 'delete from registration where teacher_id = any($1::uuid[])', [teachers]);
    await sql('schools', 'delete from teacher where id = any($1::uuid[])', [teachers]);
  }
});

describe('defect 1: no tier, registered for ADVANCED, assessed while only REGISTERED', () => {
  it('refuses to register a teacher with no tier for an ADVANCED event: CONFLICT naming the missing tier, nothing written', async () => {
    const body = await expectNothingWritten(
      'skb',
      SKB_TABLES,
      () => gql(REGISTER, { e: E.advanced, t: T.none }, { token: school }),
      'CONFLICT',
      'teacherId',
    );
    expect(body.errors[0].message).toMatch(/^teacherId: she has not completed INTERMEDIATE, which ADVANCED requires/);
    // Directly at the SKB, with the same rule (the tiers are asked through the gateway).
    await expectNothingWritten(
      'skb',
      SKB_TABLES,
      () => gql(REGISTER_DIRECT, { e: E.advanced, t: T.none }, { token: school, url: hubUrls().subgraphs.skb }),
      'CONFLICT',
      'teacherId',
    );
  });

  it('refuses a passing ADVANCED assessment of a teacher who was only REGISTERED for the event, and she completes nothing', async () => {
    // The registration today's rules refuse, as the hub wrote it before them.
    await sql(
      'skb',
      "insert into registration (id, event_id, teacher_id, participant_name, status) values (gen_random_uuid(), $1, $2, 'Nur Aini, S.Pd.', 'REGISTERED')",
      [E.advanced, T.none],
    );
    const input = assessment(T.none, P.advanced, E.advanced, { postTestScore: 90 });
    const body = await expectNothingWritten('university', UNIVERSITY_TABLES, () => record(input), 'CONFLICT', 'input.eventId');
    expect(body.errors[0].message).toContain('REGISTERED');
    await expectNothingWritten('university', UNIVERSITY_TABLES, () => record(input, true), 'CONFLICT', 'input.eventId');
    expect(await tiersOf(T.none)).toEqual({ highestCompletedTier: null, nextTier: 'BASIC' });
  });
});

describe('an assessment of an event needs her attendance', () => {
  it.each([
    ['registered only', 'registered', /REGISTERED/],
    ['a no-show', 'noShow', /NO_SHOW/],
    ['a cancelled registration', 'cancelled', /CANCELLED/],
    ['not registered for the event (but for another of the program provider)', 'elsewhere', /not registered/],
  ] as const)('refuses %s as CONFLICT naming input.eventId, nothing written', async (_what, who, message) => {
    const body = await expectNothingWritten(
      'university',
      UNIVERSITY_TABLES,
      () => record(assessment(T[who], P.basic, E.basic)),
      'CONFLICT',
      'input.eventId',
    );
    expect(body.errors[0].message).toMatch(message);
  });
});

describe('defect 2: passed follows from the post-test and the pass mark', () => {
  it('refuses post-test 30 below pre-test 40 with passed: true as BAD_USER_INPUT naming input.passed, nothing written', async () => {
    const input = assessment(T.attended, P.basic, E.basic, { preTestScore: 40, postTestScore: 30, passed: true });
    const body = await expectNothingWritten('university', UNIVERSITY_TABLES, () => record(input), 'BAD_USER_INPUT', 'input.passed');
    expect(body.errors[0].message).toContain('below the pass mark 70');
    await expectNothingWritten('university', UNIVERSITY_TABLES, () => record(input, true), 'BAD_USER_INPUT', 'input.passed');
  });

  it('refuses passed: false for a post-test at the pass mark or above', async () => {
    const input = assessment(T.attended, P.basic, E.basic, { postTestScore: 70, passed: false });
    await expectNothingWritten('university', UNIVERSITY_TABLES, () => record(input), 'BAD_USER_INPUT', 'input.passed');
  });

  it('keeps the given passed where there is no post-test', async () => {
    const { body } = await record(assessment(T.attended, P.basic, null, { preTestScore: null, postTestScore: null, passed: false }));
    expectNoErrors(body);
    expect(body.data.recordAssessment).toMatchObject({ passed: false, event: null });
  });
});

describe('defect 4: one assessment per teacher and event', () => {
  it('records the first, and refuses a second for the same event as CONFLICT naming input.eventId, nothing written', async () => {
    const first = await record(assessment(T.attended, P.basic, E.basic, { preTestScore: 40, postTestScore: 30, passed: false }));
    expectNoErrors(first.body);
    expect(first.body.data.recordAssessment).toMatchObject({ passed: false, event: { id: E.basic } });
    // A better score later is a new event (a re-test), not a second result of this one.
    const again = assessment(T.attended, P.basic, E.basic, { postTestScore: 85, passed: true });
    const body = await expectNothingWritten('university', UNIVERSITY_TABLES, () => record(again), 'CONFLICT', 'input.eventId');
    expect(body.errors[0].message).toContain('already has an assessment for this event');
    await expectNothingWritten('university', UNIVERSITY_TABLES, () => record(again, true), 'CONFLICT', 'input.eventId');
    const rows = await sql('university', 'select count(*)::int as n from assessment where teacher_id = $1 and event_id = $2', [
      T.attended,
      E.basic,
    ]);
    expect(rows).toEqual([{ n: 1 }]);
  });
});

describe('defect 3 and nextTier: only tiered programs, attended and passed, complete a tier', () => {
  it('says the technical bimtek (PT-PAUD-2022) is not tiered and the Diklat Berjenjang are', async () => {
    const { body } = await gql('{ trainingPrograms { id code tier tiered } }');
    expectNoErrors(body);
    const tiered = new Map(body.data.trainingPrograms.map((p: LooseBody) => [p.id, p.tiered]));
    expect(tiered.get(P.technical)).toBe(false);
    for (const id of [P.basic, P.intermediate, P.advanced, P.lpdBasic, P.lpdIntermediate, P.lpdAdvanced]) expect(tiered.get(id)).toBe(true);
  });

  it('gives demo teachers at each stage the tier SQL over the partners’ tables gives, and the next one', async () => {
    // Teachers of Universitas Mulia's programs (its token reads them), by their last assessment's program.
    const assessed = (
      await sql<{ teacher_id: string }>(
        'university',
        "select distinct a.teacher_id from assessment a join training_program p on p.id = a.program_id where p.provider_org = 'university:mulia' and a.passed",
      )
    ).map((r) => r.teacher_id);
    const expected = await expectedTiers(assessed);
    const technicalOnly = new Set(
      (
        await sql<{ teacher_id: string }>(
          'university',
          `select a.teacher_id from assessment a join training_program p on p.id = a.program_id
            where a.passed and a.teacher_id = any($1::uuid[]) group by a.teacher_id having bool_and(not p.tiered)`,
          [assessed],
        )
      ).map((r) => r.teacher_id),
    );
    const sample: string[] = [];
    for (const stage of [null, ...ORDER]) {
      const at = [...expected].filter(([id, tier]) => tier === stage && (stage !== null || technicalOnly.has(id))).map(([id]) => id);
      // Every stage is in the demo: only a technical bimtek passed, BASIC, INTERMEDIATE, ADVANCED.
      expect(at.length).toBeGreaterThan(0);
      sample.push(...at.slice(0, 3)); // 12 root fields: within the limit of 15
    }
    const query = `{ ${sample.map((id, i) => `t${i}: teacher(id: "${id}") { id highestCompletedTier nextTier }`).join(' ')} }`;
    const { body } = await gql(query, {}, { token: university });
    expectNoErrors(body);
    const answered = sample.map((_, i) => body.data[`t${i}`]);
    expect(answered).toEqual(
      sample.map((id) => ({ id, highestCompletedTier: expected.get(id) ?? null, nextTier: nextAfter(expected.get(id) ?? null) })),
    );
    // Defect 3: the technical bimtek alone completes no tier.
    for (const t of answered.filter((a: LooseBody) => technicalOnly.has(a.id)))
      expect(t).toMatchObject({ highestCompletedTier: null, nextTier: 'BASIC' });
  });
});

describe('registration for a tiered event requires the tier below it', () => {
  it("refuses the SKB's admin registering a teacher who has not completed INTERMEDIATE for ADVANCED, nothing written", async () => {
    // The SKB knows her already (her registration at its BASIC event): she is within its reach, so only the tier refuses her.
    const body = await expectNothingWritten(
      'skb',
      SKB_TABLES,
      () => gql(REGISTER, { e: E.advanced, t: T.registered }, { token: skb.admin }),
      'CONFLICT',
      'teacherId',
    );
    expect(body.errors[0].message).toMatch(/^teacherId: she has not completed INTERMEDIATE, which ADVANCED requires/);
  });

  it('registers anyone for a BASIC event and for a program that is not tiered', async () => {
    expect(await tiersOf(T.none)).toMatchObject({ highestCompletedTier: null });
    const basic = await openEvent(P.basic, false);
    const technical = await openEvent(P.technical, false);
    await registerBySchool(basic, T.none);
    await registerBySchool(technical, T.none);
  });
});

describe('the happy path: attended, assessed, next tier', () => {
  it('moves a teacher on from the bimtek to BASIC and lets her register for INTERMEDIATE, not yet ADVANCED', async () => {
    const t = T.progressing;
    // The bimtek, attended and passed: no tier.
    const bimtek = await record(assessment(t, P.technical, E.technical, { preTestScore: 55, postTestScore: 78 }));
    expectNoErrors(bimtek.body);
    expect(bimtek.body.data.recordAssessment.passed).toBe(true);
    expect(await tiersOf(t)).toEqual({ highestCompletedTier: null, nextTier: 'BASIC' });
    const refused = await expectNothingWritten(
      'skb',
      SKB_TABLES,
      () => gql(REGISTER, { e: E.intermediate, t }, { token: school }),
      'CONFLICT',
      'teacherId',
    );
    expect(refused.errors[0].message).toMatch(/^teacherId: she has not completed BASIC, which INTERMEDIATE requires/);

    // Diklat Dasar, attended and passed: BASIC, and INTERMEDIATE next.
    const basic = await record(assessment(t, P.basic, E.basic, { preTestScore: 52, postTestScore: 81.5 }));
    expectNoErrors(basic.body);
    expect(basic.body.data.recordAssessment).toMatchObject({ passed: true, program: { id: P.basic }, event: { id: E.basic } });
    expect(await tiersOf(t)).toEqual({ highestCompletedTier: 'BASIC', nextTier: 'INTERMEDIATE' });
    expect((await expectedTiers([t])).get(t)).toBe('BASIC');

    const registered = await gql(REGISTER, { e: E.intermediate, t }, { token: school });
    expectNoErrors(registered.body);
    expect(registered.body.data.registerParticipant).toMatchObject({ status: 'REGISTERED', teacher: { id: t } });
    await expectNothingWritten('skb', SKB_TABLES, () => gql(REGISTER, { e: E.advanced, t }, { token: skb.admin }), 'CONFLICT', 'teacherId');
  });
});
