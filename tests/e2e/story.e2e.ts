import { DEMO_IDS } from '@mitra/fixtures';
import { expectNoErrors, gql, type LooseBody } from '../harness/client';
import { sql } from '../harness/db';
import { ATTEND, REGISTER, skbWrites } from '../harness/skb-writes';
import { tokenFor } from '../harness/tokens';
import { dayFromToday, freshNuptk } from '../harness/writes';

/**
 * Issue 13, the Balikpapan story end to end, each step through the gateway
 * with the token of the organisation that does it: a school states what its
 * new teacher needs; the needs point at programs; the SKB runs a Diklat
 * Dasar, her school registers her, she attends; the provider assesses her
 * and, five weeks after the event, observes her in her classroom; the need is
 * met; she may now take the next tier, which she could not before. Figures
 * are checked against SQL over the partners' own tables, with suppression.
 * The file deletes what it made.
 */
const SCHOOL = DEMO_IDS.firstBalikpapanSchool;
const MIN_CELL_SIZE = Number(process.env.MIN_CELL_SIZE ?? 10);
const skb = skbWrites();
const tokens = { school: '', provider: '' };
const made = { teacher: '', needs: [] as string[], followUps: [] as string[], assessments: [] as string[] };
const story = { basicEvent: '', nextEvent: '', registration: '' };

const NEED =
  'mutation($input: TrainingNeedInput!) { recordTrainingNeed(input: $input) { id status suggestedPrograms { id code tier tiered } } }';

/** Programs with a module in `area`, as the university's tables hold them. */
async function programsTeaching(area: string): Promise<Array<{ id: string; tier: string }>> {
  return sql<{ id: string; tier: string }>(
    'university',
    'select distinct p.id, p.tier from training_program p join module m on m.program_id = p.id where $1 = any(m.areas)',
    [area],
  );
}

beforeAll(async () => {
  tokens.school = await tokenFor({ org: `school:${SCHOOL}`, roles: ['admin'], sub: 'story:school' });
  tokens.provider = await tokenFor({ org: DEMO_IDS.university, roles: ['admin'], sub: 'story:mulia' });
  const { body } = await gql(
    'mutation($input: TeacherInput!) { createTeacher(input: $input) { id } }',
    { input: { npsn: SCHOOL, fullName: 'Sri Wahyuningsih', nuptk: freshNuptk(), employmentStatus: 'GTT', birthDate: '1996-05-17' } },
    { token: tokens.school },
  );
  expectNoErrors(body);
  made.teacher = body.data.createTeacher.id;
});

afterAll(async () => {
  await sql('university', 'delete from follow_up where teacher_id = $1', [made.teacher]);
  await sql('university', 'delete from assessment where teacher_id = $1', [made.teacher]);
  await sql('skb', 'delete from registration where teacher_id = $1', [made.teacher]);
  await sql('schools', 'delete from training_need where teacher_id = $1', [made.teacher]);
  await sql('schools', 'delete from teacher where id = $1', [made.teacher]);
});

describe('the Balikpapan story: needs, training, post-test, follow-up, next tier', () => {
  it('1. her school states a need in child development; the programs suggested teach it, her next tier (BASIC) first', async () => {
    const { body } = await gql(
      NEED,
      { input: { npsn: SCHOOL, teacherId: made.teacher, area: 'CHILD_DEVELOPMENT', statedOn: dayFromToday(-60) } },
      { token: tokens.school },
    );
    expectNoErrors(body);
    made.needs.push(body.data.recordTrainingNeed.id);
    const suggested: LooseBody[] = body.data.recordTrainingNeed.suggestedPrograms;
    const teaching = await programsTeaching('CHILD_DEVELOPMENT');
    expect(suggested.map((p) => p.id).sort()).toEqual(teaching.map((p) => p.id).sort());
    expect(suggested.some((p) => p.tier === 'BASIC')).toBe(true);
    const firstOther = suggested.findIndex((p) => p.tier !== 'BASIC');
    if (firstOther >= 0) expect(suggested.slice(firstOther).every((p) => p.tier !== 'BASIC')).toBe(true);
  });

  it('2. before any tier she may not register for Diklat Lanjut: CONFLICT naming BASIC, nothing written', async () => {
    story.nextEvent = (await skb.createEvent({ programId: DEMO_IDS.programs.intermediate })).id;
    await skb.setStatus(story.nextEvent, 'OPEN');
    const before = await sql('skb', 'select count(*)::int as n from registration where teacher_id = $1', [made.teacher]);
    const { body } = await gql(REGISTER, { e: story.nextEvent, t: made.teacher }, { token: tokens.school });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'teacherId' });
    expect(body.errors[0].message).toContain('BASIC');
    expect(await sql('skb', 'select count(*)::int as n from registration where teacher_id = $1', [made.teacher])).toEqual(before);
  });

  it('3. the SKB runs a Diklat Dasar (held six weeks ago); her school registers her; the SKB records her attendance', async () => {
    story.basicEvent = (
      await skb.createEvent({ programId: DEMO_IDS.programs.basic, startsOn: dayFromToday(-45), endsOn: dayFromToday(-43) })
    ).id;
    await skb.setStatus(story.basicEvent, 'OPEN');
    const registered = await gql(REGISTER, { e: story.basicEvent, t: made.teacher }, { token: tokens.school });
    expectNoErrors(registered.body);
    story.registration = registered.body.data.registerParticipant.id;
    expectNoErrors((await gql(ATTEND, { r: story.registration, status: 'ATTENDED' }, { token: skb.staff })).body);
    const [row] = await sql<{ status: string }>('skb', 'select status from registration where id = $1', [story.registration]);
    expect(row.status).toBe('ATTENDED');
  });

  it('4. the provider records her post-test: passed follows the pass mark; she has completed BASIC and may take INTERMEDIATE', async () => {
    const [{ pass_mark: passMark }] = await sql<{ pass_mark: string }>(
      'university',
      'select pass_mark from training_program where id = $1',
      [DEMO_IDS.programs.basic],
    );
    const input = {
      teacherId: made.teacher,
      programId: DEMO_IDS.programs.basic,
      eventId: story.basicEvent,
      preTestScore: 48,
      postTestScore: Number(passMark) + 6,
      passed: true,
      assessedOn: dayFromToday(-43),
    };
    const { body } = await gql(
      'mutation($input: AssessmentInput!) { recordAssessment(input: $input) { id passed } }',
      { input },
      { token: tokens.provider },
    );
    expectNoErrors(body);
    expect(body.data.recordAssessment.passed).toBe(true);
    const tiers = await gql(
      'query($id: ID!) { teacher(id: $id) { highestCompletedTier nextTier } }',
      { id: made.teacher },
      { token: tokens.school },
    );
    expectNoErrors(tiers.body);
    expect(tiers.body.data.teacher).toEqual({ highestCompletedTier: 'BASIC', nextTier: 'INTERMEDIATE' });
  });

  it('5. five weeks after the event the provider observes her in class; the event counts her as followed up, a group too small to show', async () => {
    const [mentor] = await sql<{ id: string }>('university', 'select id from lecturer where organization_org = $1 order by id limit 1', [
      DEMO_IDS.university,
    ]);
    const { body } = await gql(
      'mutation($input: FollowUpInput!) { recordFollowUp(input: $input) { id kind observationScore } }',
      {
        input: {
          teacherId: made.teacher,
          programId: DEMO_IDS.programs.basic,
          eventId: story.basicEvent,
          kind: 'CLASSROOM_OBSERVATION',
          visitedOn: dayFromToday(-8),
          mentorId: mentor.id,
          area: 'CHILD_DEVELOPMENT',
          observationScore: 78.5,
        },
      },
      { token: tokens.provider },
    );
    expectNoErrors(body);
    made.followUps.push(body.data.recordFollowUp.id);
    // The oracle: the university's own rows for this event, observed at least 30 days after its last day.
    const [{ n }] = await sql<{ n: number }>(
      'university',
      'select count(distinct teacher_id)::int as n from follow_up where event_id = $1 and visited_on >= event_ends_on + 30',
      [story.basicEvent],
    );
    expect(n).toBe(1);
    const outcomes = await gql(
      'query($e: ID!) { trainingEvent(id: $e) { outcomes { assessed followedUp meanFollowUpScore suppressed } } }',
      { e: story.basicEvent },
      { token: tokens.provider },
    );
    expectNoErrors(outcomes.body);
    // One teacher is below the minimum cell size: withheld, not shown as 1 and not as 0.
    expect(n).toBeLessThan(MIN_CELL_SIZE);
    expect(outcomes.body.data.trainingEvent.outcomes).toEqual({
      assessed: null,
      followedUp: null,
      meanFollowUpScore: null,
      suppressed: true,
    });
    const own = await gql(
      'query($id: ID!) { teacher(id: $id) { followUps { kind observationScore event { id } } } }',
      { id: made.teacher },
      { token: tokens.school },
    );
    expectNoErrors(own.body);
    expect(own.body.data.teacher.followUps).toEqual([
      { kind: 'CLASSROOM_OBSERVATION', observationScore: 78.5, event: { id: story.basicEvent } },
    ]);
  });

  it('6. her school marks the need met; a new need in learning assessment now suggests her next tier (INTERMEDIATE) first', async () => {
    const met = await gql(
      'mutation($id: ID!) { setTrainingNeedStatus(id: $id, status: MET) { status } }',
      { id: made.needs[0] },
      { token: tokens.school },
    );
    expectNoErrors(met.body);
    expect(met.body.data.setTrainingNeedStatus.status).toBe('MET');
    const { body } = await gql(
      NEED,
      { input: { npsn: SCHOOL, teacherId: made.teacher, area: 'LEARNING_ASSESSMENT', statedOn: dayFromToday(0) } },
      { token: tokens.school },
    );
    expectNoErrors(body);
    const suggested: LooseBody[] = body.data.recordTrainingNeed.suggestedPrograms;
    const teaching = await programsTeaching('LEARNING_ASSESSMENT');
    expect(teaching.some((p) => p.tier === 'INTERMEDIATE')).toBe(true);
    expect(suggested.map((p) => p.id).sort()).toEqual(teaching.map((p) => p.id).sort());
    expect(suggested[0].tier).toBe('INTERMEDIATE');
  });

  it('7. she registers for Diklat Lanjut, which was refused before', async () => {
    const { body } = await gql(REGISTER, { e: story.nextEvent, t: made.teacher }, { token: tokens.school });
    expectNoErrors(body);
    expect(body.data.registerParticipant.status).toBe('REGISTERED');
  });

  it("8. the demo's November 2022 training: followed-up teachers and their mean score per program equal the university's rows", async () => {
    const [truth] = await sql<{ n: number; mean: string | null }>(
      'university',
      `select count(distinct teacher_id)::int as n, avg(observation_score) as mean from follow_up
        where program_id = $1 and event_id is not null and visited_on >= event_ends_on + 30 and observation_score is not null`,
      [DEMO_IDS.programs.technical],
    );
    expect(truth.n).toBeGreaterThanOrEqual(MIN_CELL_SIZE);
    const { body } = await gql(
      'query($p: ID!) { trainingProgram(id: $p) { outcomes { followedUp meanFollowUpScore } } }',
      { p: DEMO_IDS.programs.technical },
      { token: tokens.provider },
    );
    expectNoErrors(body);
    expect(body.data.trainingProgram.outcomes.followedUp).toBe(truth.n);
    expect(body.data.trainingProgram.outcomes.meanFollowUpScore).toBeCloseTo(Number(truth.mean), 1);
  });
});
