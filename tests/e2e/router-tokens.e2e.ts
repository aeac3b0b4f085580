import { expectNoErrors, gql, type LooseBody } from '../harness/client';
import { sql } from '../harness/db';
import { visibleCount } from '../harness/reach';
import { codes, expectSameAnswer, useHubRouter, viaRouter } from '../harness/router';
import { MIN } from '../harness/statistics-oracle';
import { CALLERS, PARTNER, tokenFor, tokenOf } from '../harness/tokens';

/**
 * Issue 17, the router with tokens (see router.e2e.ts): a teacher's page
 * across the partners, statistics with suppression, and each authorization
 * refusal, answered as the gateway answers them, or where Grafbase differs
 * by design, as docs/router.md describes; and callers asking the same thing
 * at the same moment each get the answer their own token allows.
 */

const router = useHubRouter();

describe('teachers across partners, with tokens', () => {
  /** A teacher of school 64710001 with registrations (skb) and assessments (university), and what the databases hold of her. */
  let teacher: { id: string; birthDate: string; registrations: number; assessments: number };

  beforeAll(async () => {
    const [row] = await sql<{ id: string; birth_date: string }>(
      'schools',
      "select id, to_char(birth_date, 'YYYY-MM-DD') as birth_date from teacher where school_npsn = '64710001' and birth_date is not null order by id",
    ).then(async (teachers) => {
      const registered = new Set(
        (await sql<{ teacher_id: string }>('skb', 'select distinct teacher_id from registration where teacher_id is not null')).map(
          (r) => r.teacher_id,
        ),
      );
      const assessed = new Set(
        (await sql<{ teacher_id: string }>('university', 'select distinct teacher_id from assessment')).map((r) => r.teacher_id),
      );
      return teachers.filter((t) => registered.has(t.id) && assessed.has(t.id));
    });
    if (!row) throw new Error('The demo data has no teacher of 64710001 with registrations and assessments');
    const [{ n: registrations }] = await sql<{ n: number }>('skb', 'select count(*)::int as n from registration where teacher_id = $1', [
      row.id,
    ]);
    const [{ n: assessments }] = await sql<{ n: number }>('university', 'select count(*)::int as n from assessment where teacher_id = $1', [
      row.id,
    ]);
    teacher = { id: row.id, birthDate: row.birth_date, registrations, assessments };
  });

  const PAGE = `query($id: ID!) { teacher(id: $id) {
    id fullName birthDate employmentStatus highestQualification meetsQualificationStandard
    qualifications { level field verified }
    school { npsn name kind district { code name } partnership { studyProgram active } }
    trainingHistory { status event { title startsOn venue { name district { code } } program { code tier modules { title lecturer { fullName } } } } }
    assessments { preTestScore postTestScore gain passed program { code tier } event { id title } }
    highestCompletedTier
  } }`;

  it('gives a partner that is not her school the whole page but her birth date, as the gateway does', async () => {
    const body = await expectSameAnswer(router, PAGE, { id: teacher.id }, await tokenFor(PARTNER));
    expectNoErrors(body);
    const t = body.data.teacher;
    expect(t.school.npsn).toBe('64710001');
    expect(t.trainingHistory).toHaveLength(teacher.registrations);
    expect(t.assessments).toHaveLength(teacher.assessments);
    expect(t.birthDate).toBeNull();
  });

  it('gives her own school her birth date too, as the gateway does', async () => {
    const body = await expectSameAnswer(router, PAGE, { id: teacher.id }, await tokenFor(CALLERS['school admin']));
    expectNoErrors(body);
    expect(body.data.teacher.birthDate).toBe(teacher.birthDate);
    expect(body.data.teacher.trainingHistory).toHaveLength(teacher.registrations);
  });

  it('pages the teachers of a district with the same cursors and joins as the gateway', async () => {
    // The district's teachers within the partner's reach (README "Who may see whom"): the others are absent.
    const n = await visibleCount(
      PARTNER.org,
      "select t.id from teacher t join school s on s.npsn = t.school_npsn where s.district_code = '64.71'",
    );
    expect(n).toBeGreaterThan(25);
    const LIST = `query($after: String) { teachers(first: 25, after: $after, filter: { districtCode: "64.71" }) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id fullName school { npsn } trainingHistory { status event { title } } assessments { passed program { tier } } highestCompletedTier } }
    } }`;
    const token = await tokenFor(PARTNER);
    const first = await expectSameAnswer(router, LIST, { after: null }, token);
    expectNoErrors(first);
    expect(first.data.teachers.totalCount).toBe(n);
    expect(first.data.teachers.edges).toHaveLength(Math.min(n, 25));
    const second = await expectSameAnswer(router, LIST, { after: first.data.teachers.pageInfo.endCursor }, token);
    expectNoErrors(second);
    const ids = [...first.data.teachers.edges, ...second.data.teachers.edges].map((e: LooseBody) => e.node.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('statistics with suppression, as an analyst', () => {
  it('answers qualifications, coverage and outcomes across the partners exactly as the gateway, small groups withheld', async () => {
    const body = await expectSameAnswer(
      router,
      `{
        qualificationStatistics(groupBy: DISTRICT, filter: { provinceCode: "64" }) {
          minimumCellSize
          total { teacherCount meetingStandard shareMeetingStandard suppressed byLevel { level count } }
          rows { group label qualifications { teacherCount meetingStandard shareMeetingStandard byLevel { level count } suppressed } }
        }
        balikpapan: district(code: "64.71") {
          name teacherCount
          training { teachersTrained byHighestTier { tier count } meanGain suppressed }
          trainingOutcomes { tier outcomes { assessed meanPreTest meanPostTest meanGain passRate suppressed } }
        }
        small: district(code: "64.09") { teacherCount training { teachersTrained meanGain suppressed } }
        trainingPrograms { code outcomes { assessed meanGain passRate suppressed } attendance { registrations attendanceRate suppressed } }
        byKind: qualificationStatistics(groupBy: SCHOOL_KIND) { total { teacherCount } rows { group qualifications { teacherCount suppressed } } }
      }`,
      undefined,
      await tokenFor(CALLERS['government analyst']),
    );
    expectNoErrors(body);
    const stats = body.data.qualificationStatistics;
    expect(stats.minimumCellSize).toBe(MIN);
    // Balikpapan is large enough to be shown; its training coverage comes from the SKB and the university for the same teachers.
    expect(body.data.balikpapan.teacherCount).toBeGreaterThanOrEqual(MIN);
    expect(body.data.balikpapan.training.teachersTrained).not.toBeNull();
    expect(body.data.balikpapan.trainingOutcomes.map((r: LooseBody) => r.tier)).toEqual(['BASIC', 'INTERMEDIATE', 'ADVANCED', null]);
    // A small district is withheld, and some province rows with it.
    expect(body.data.small.teacherCount).toBeNull();
    expect(body.data.small.training.meanGain).toBeNull();
    expect(stats.rows.some((r: LooseBody) => r.qualifications.teacherCount === null && r.qualifications.suppressed)).toBe(true);
  });
});

describe('authorization refusals, as the router reports them', () => {
  it('refuses teachers to an anonymous caller with UNAUTHENTICATED, as the gateway does', async () => {
    const body = await expectSameAnswer(router, '{ teachers(first: 1) { edges { node { fullName } } } }');
    expect(body.data).toEqual({ teachers: null });
    expect(codes(body)).toEqual(['UNAUTHENTICATED']);
    expect(body.errors[0].message).toMatch(/needs a token/);
    expect(body.errors[0].path).toEqual(['teachers']);
  });

  it('refuses persons to a government analyst with FORBIDDEN, as the gateway does', async () => {
    const analyst = await tokenFor(CALLERS['government analyst']);
    const body = await expectSameAnswer(router, '{ teachers(first: 1) { edges { node { fullName } } } }', undefined, analyst);
    expect(body.data).toEqual({ teachers: null });
    expect(codes(body)).toEqual(['FORBIDDEN']);
    expect(body.errors[0].message).toMatch(/government tokens read statistics only/);
    const [{ id }] = await sql<{ id: string }>('schools', 'select id from teacher order by id limit 1');
    const one = await expectSameAnswer(router, 'query($id: ID!) { teacher(id: $id) { fullName } }', { id }, analyst);
    expect(one.data).toEqual({ teacher: null });
    expect(codes(one)).toEqual(['FORBIDDEN']);
  });

  it('withholds statistics field by field from an anonymous caller, as the gateway does', async () => {
    const body = await expectSameAnswer(router, '{ districts { code name teacherCount } }');
    expect(body.data.districts.length).toBeGreaterThan(0);
    for (const d of body.data.districts) expect(d.teacherCount).toBeNull();
    expect(new Set(codes(body))).toEqual(new Set(['UNAUTHENTICATED']));
    expect(body.errors).toHaveLength(body.data.districts.length);
  });

  it('refuses a write to an anonymous caller before anything is written, as the gateway does', async () => {
    const body = await expectSameAnswer(
      router,
      'mutation { createTeacher(input: { npsn: "64710001", fullName: "   ", employmentStatus: GTT }) { id } }',
    );
    expect(body.data).toBeNull();
    expect(codes(body)).toEqual(['UNAUTHENTICATED']);
  });

  it('leaves a token the subgraphs refuse to them: 200 with SUBGRAPH_REQUEST_ERROR per field, where the gateway answers 401', async () => {
    const query = '{ lecturers { fullName } }';
    const viaGateway = await gql(query, undefined, { token: 'forged.token.value' });
    expect(viaGateway.status).toBe(401);
    expect(codes(viaGateway.body)).toEqual(['UNAUTHENTICATED']);
    // Grafbase verifies no token itself (only an extension could): the university subgraph answers HTTP 401 and the router reports that status, not the subgraph's reason.
    const { status, body } = await viaRouter(router, query, undefined, { token: 'forged.token.value' });
    expect(status).toBe(200);
    expect(body.data).toEqual({ lecturers: null });
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'Request failed with status code: 401',
        path: ['lecturers'],
        extensions: { code: 'SUBGRAPH_REQUEST_ERROR' },
      }),
    ]);
  });

  it('keeps the internal teacher keys and the federation fields out of its API: OPERATION_VALIDATION_ERROR where the gateway says GRAPHQL_VALIDATION_FAILED', async () => {
    const analyst = await tokenFor(CALLERS['government analyst']);
    for (const query of [
      '{ district(code: "64.71") { teacherKeys } }',
      '{ _service { sdl } }',
      '{ _entities(representations: []) { __typename } }',
    ]) {
      const viaGateway = await gql(query, undefined, { token: analyst });
      expect(codes(viaGateway.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      const { status, body } = await viaRouter(router, query, undefined, { token: analyst });
      expect(status).toBe(200);
      expect(body.data ?? null).toBeNull();
      expect(codes(body)).toEqual(['OPERATION_VALIDATION_ERROR']);
    }
  });
});

describe('callers asking the same thing at the same moment through the router', () => {
  // Grafbase merges identical subgraph requests in flight (npm run bench showed 200 client requests become 20
  // subgraph requests). Its key must include the caller's token: each caller gets the answer their own token allows.
  const DOCUMENT = '{ school(npsn: "64710001") { name teachers(first: 3) { totalCount edges { node { id birthDate } } } } }';

  it('each get their own answer', async () => {
    const callers = ['anonymous', 'school admin', 'university staff'] as const;
    const tokens = new Map<string, string | undefined>();
    for (const caller of callers) tokens.set(caller, await tokenOf(caller));
    const alone = new Map<string, string>();
    for (const caller of callers)
      alone.set(caller, JSON.stringify((await viaRouter(router, DOCUMENT, undefined, { token: tokens.get(caller) })).body));
    expect(new Set(alone.values()).size).toBe(3);
    for (let round = 0; round < 5; round++) {
      const wave = Array.from({ length: 12 }, (_, i) => callers[(i + round) % callers.length]);
      const answers = await Promise.all(wave.map((caller) => viaRouter(router, DOCUMENT, undefined, { token: tokens.get(caller) })));
      answers.forEach((answer, i) =>
        expect({ caller: wave[i], body: JSON.stringify(answer.body) }).toEqual({ caller: wave[i], body: alone.get(wave[i]) }),
      );
    }
  });
});
