import 'reflect-metadata';
import { DEMO_IDS, buildDemoWorld } from '@mitra/fixtures';
import { isSmallCell } from '@mitra/kit';
import { createTestDatabase, runOperation, type TestDatabase } from '@mitra/kit/test-support';
import { seedDemo } from '../src/seeds/demo';
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
        [{ __typename: 'TrainingCoverage', teacherKeys, universitySuppressed: false }],
        '... on TrainingCoverage { teachersTrained suppressed }',
      );
      const hidden = isSmallCell(trained, 10) || isSmallCell(teacherKeys.length - trained, 10);
      expect(coverage).toEqual({ teachersTrained: hidden ? null : trained, suppressed: hidden });
    },
  );

  it('passes on what the university withheld', async () => {
    const [coverage] = await entitiesOf(
      [{ __typename: 'TrainingCoverage', teacherKeys: teachersOf('64.71'), universitySuppressed: true }],
      '... on TrainingCoverage { suppressed }',
    );
    expect(coverage).toEqual({ suppressed: true });
  });

  it.each([10, 1])("with MIN_CELL_SIZE %i, withhold a program's attendance when a group in it is small", async (min) => {
    const programs = Object.values(DEMO_IDS.programs);
    const truth = await db.sql<{ program_id: string; counted: number; attended: number }>(
      `select e.program_id, count(*) filter (where r.status <> 'CANCELLED')::int as counted, count(*) filter (where r.status = 'ATTENDED')::int as attended
         from registration r join training_event e on e.id = r.event_id group by e.program_id`,
    );
    const answers = await entitiesOf(
      programs.map((id) => ({ __typename: 'TrainingProgram', id })),
      '... on TrainingProgram { attendance { registrations attendanceRate suppressed } }',
      min,
    );
    const expected = programs.map((id) => {
      const { counted, attended } = truth.find((t) => t.program_id === id) ?? { counted: 0, attended: 0 };
      const hidden = isSmallCell(counted, min) || isSmallCell(attended, min) || isSmallCell(counted - attended, min);
      return {
        attendance: {
          registrations: isSmallCell(counted, min) ? null : counted,
          attendanceRate: hidden || counted === 0 ? null : Math.round((attended / counted) * 10_000) / 10_000,
          suppressed: hidden,
        },
      };
    });
    expect(answers).toEqual(expected);
    expect(answers.some((a) => a.attendance.suppressed)).toBe(min === 10);
  });
});
