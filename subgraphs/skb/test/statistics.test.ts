import 'reflect-metadata';
import { DEMO_IDS, buildDemoWorld } from '@mitra/fixtures';
import { encodeTeacherKeys, isSmallCell } from '@mitra/kit';
import { createTestDatabase, runOperation, type TestDatabase } from '@mitra/kit/test-support';
import { seedDemo } from '../src/seeds/demo';
import { createStatisticsLoaders } from '../src/statistics/loaders';
import { definition, entities, migrations } from '../src/subgraph';

const world = buildDemoWorld();
const ANALYST = { sub: 'analyst', org: 'government:kaltim', roles: ['analyst'] };
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ name: 'skb', entities, migrations, seed: seedDemo });
});
afterAll(() => db?.close());

/** What the gateway asks of this subgraph for a statistics query: entities by their keys. */
async function entitiesOf(representations: object[], selection: string, minCellSize = 10): Promise<any[]> {
  const result = await runOperation(definition, db, `query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, {
    claims: ANALYST,
    config: { minCellSize },
    variables: { r: representations },
  });
  expect(result.errors).toBeUndefined();
  return (result.data as any)._entities;
}

const teachersOf = (districtCode: string) => {
  const schools = new Set(world.schools.filter((s) => s.districtCode === districtCode).map((s) => s.npsn));
  return world.teachers.filter((t) => schools.has(t.npsn)).map((t) => t.id);
};

describe('skb statistics on the demo data', () => {
  it.each(['64.71', '64.72', '36.04'])(
    'show the trained teachers of district %s only when neither they nor the untrained are a small group',
    async (code) => {
      const teacherKeys = teachersOf(code);
      const [{ n: trained }] = await db.sql<{ n: number }>(
        `select count(distinct teacher_id)::int as n from registration where status = 'ATTENDED' and teacher_id = any(string_to_array(?, ',')::uuid[])`,
        [teacherKeys.join(',')],
      );
      const [coverage] = await entitiesOf(
        [{ __typename: 'TrainingCoverage', teacherKeys: encodeTeacherKeys(teacherKeys), universitySuppressed: false }],
        '... on TrainingCoverage { teachersTrained suppressed }',
      );
      const hidden = isSmallCell(trained, 10) || isSmallCell(teacherKeys.length - trained, 10);
      expect(coverage).toEqual({ teachersTrained: hidden ? null : trained, suppressed: hidden });
    },
  );

  it('passes on what the university withheld', async () => {
    const [coverage] = await entitiesOf(
      [{ __typename: 'TrainingCoverage', teacherKeys: encodeTeacherKeys(teachersOf('64.71')), universitySuppressed: true }],
      '... on TrainingCoverage { suppressed }',
    );
    expect(coverage).toEqual({ suppressed: true });
  });

  it.each([10, 1])("with MIN_CELL_SIZE %i, give a program's attendance over its events' attended and no-show counts", async (min) => {
    const programs = Object.values(DEMO_IDS.programs);
    const truth = await db.sql<{ id: string; program_id: string; attended: number; no_show: number; pending: number }>(
      `select e.id, e.program_id, count(r.id) filter (where r.status = 'ATTENDED')::int as attended,
              count(r.id) filter (where r.status = 'NO_SHOW')::int as no_show, count(r.id) filter (where r.status = 'REGISTERED')::int as pending
         from training_event e left join registration r on r.event_id = e.id group by e.id`,
    );
    const answers = await entitiesOf(
      programs.map((id) => ({ __typename: 'TrainingProgram', id })),
      '... on TrainingProgram { attendance { registrations attendanceRate suppressed } }',
      min,
    );
    // A rate is attended ÷ (attended + no-show), shown when both are publishable and, for a program, each of its events' is.
    const rateOf = (a: number, n: number) =>
      a + n > 0 && !isSmallCell(a, min) && !isSmallCell(n, min) ? Math.round((a / (a + n)) * 10_000) / 10_000 : null;
    const expected = programs.map((id) => {
      const events = truth.filter((e) => e.program_id === id);
      const [a, n, p] = (['attended', 'no_show', 'pending'] as const).map((k) => events.reduce((acc, e) => acc + e[k], 0));
      const everyEvent = events.every((e) => e.attended + e.no_show === 0 || rateOf(e.attended, e.no_show) !== null);
      const rate = everyEvent ? rateOf(a, n) : null;
      return {
        attendance: {
          registrations: isSmallCell(a + n + p, min) ? null : a + n + p,
          attendanceRate: rate,
          suppressed: isSmallCell(a + n + p, min) || (a + n > 0 && rate === null),
        },
      };
    });
    expect(answers).toEqual(expected);
    expect(answers.some((x) => x.attendance.suppressed)).toBe(min === 10);
  });
});

describe('the protected training set, one per data version', () => {
  const load = () => db.counting(() => createStatisticsLoaders(db.em(), 10).programAttendance(DEMO_IDS.programs.basic));
  const version = async () => (await db.sql<{ version: string }>('select version::text as version from statistics_version'))[0].version;

  it('is built once and kept while only other tables change (the audit trail, venues)', async () => {
    await load();
    const kept = await version();
    expect((await load()).statements).toBe(1);
    await db.sql(`insert into audit_log (actor_sub, actor_org, action, entity, entity_id) values ('t', 'skb:test', 'test', 'Test', 'x')`);
    await db.sql('update venue set name = name');
    expect(await version()).toBe(kept);
    expect((await load()).statements).toBe(1);
  });

  it('is built again after a statement on the registrations or events, and not after a rolled-back one', async () => {
    await load();
    const before = await version();
    await db.sql('begin; update registration set status = status; rollback;');
    expect(await version()).toBe(before);
    expect((await load()).statements).toBe(1);
    await db.sql('update training_event set title = title where false');
    expect(await version()).not.toBe(before);
    expect((await load()).statements).toBeGreaterThan(1);
    expect((await load()).statements).toBe(1);
  });
});
