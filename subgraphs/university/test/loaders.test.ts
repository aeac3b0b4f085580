import 'reflect-metadata';
import { DEMO_IDS, buildDemoWorld } from '@mitra/fixtures';
import { createTestDatabase, type TestDatabase } from '@mitra/kit/test-support';
import { currentPartnership, partnershipToday } from '../src/entities/partnership-term';
import { TIER_ORDER, type TrainingTier } from '../src/graphql/enums';
import type { Assessment } from '../src/entities/assessment';
import { seedDemo } from '../src/seeds/demo';
import { definition, entities, migrations } from '../src/subgraph';

const world = buildDemoWorld();
const UNKNOWN = '00000000-0000-4000-8000-00000000dead';
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ name: 'university', entities, migrations, seed: seedDemo });
});
afterAll(() => db?.close());

/** A request's loaders, as createSubgraphServer makes them. */
const loaders = () => definition.createLoaders({ em: db.em(), config: db.config });
const ids = (rows: ReadonlyArray<{ id: string } | null | Error>) => rows.map((r) => (r instanceof Error ? r : (r?.id ?? null)));

describe('university loaders', () => {
  it('read lecturers and programs by id in one statement each, in key order, upper-case ids too', async () => {
    const { practice, psychology } = DEMO_IDS.lecturers;
    const { basic, advanced } = DEMO_IDS.programs;
    const { result, statements } = await db.counting(() => {
      const l = loaders();
      return Promise.all([
        l.lecturerById.loadMany([psychology, practice.toUpperCase(), 'nope', UNKNOWN]),
        l.programById.loadMany([advanced.toUpperCase(), UNKNOWN, basic]),
      ]);
    });
    expect(result.map(ids)).toEqual([
      [psychology, practice, null, null],
      [advanced, null, basic],
    ]);
    expect(statements).toBe(2);
  });

  it('list modules per program in teaching order, [] for an unknown program', async () => {
    const { basic, advanced } = DEMO_IDS.programs;
    const { result, statements } = await db.counting(() => loaders().modulesByProgram.loadMany([advanced, UNKNOWN, basic.toUpperCase()]));
    const modulesOf = (id: string) => world.programs.find((p) => p.id === id)!.modules.map((m) => m.id);
    expect(result.map((list) => (Array.isArray(list) ? ids(list) : list))).toEqual([modulesOf(advanced), [], modulesOf(basic)]);
    expect(statements).toBe(1);
  });

  it('give each teacher her highest passed tier in one statement, of tiered programs only', async () => {
    const tierOf = new Map(world.programs.map((p) => [p.id, p.tier as TrainingTier]));
    const tiered = new Set(world.programs.filter((p) => p.tiered).map((p) => p.id));
    // The demo assesses only teachers who attended (tools/fixtures activity.ts), so every assessment counts as attended.
    const expected = (teacherId: string): TrainingTier | null => {
      const ranks = world.assessments
        .filter((a) => a.teacherId === teacherId && a.passed && tiered.has(a.programId))
        .map((a) => TIER_ORDER.indexOf(tierOf.get(a.programId)!));
      return ranks.length ? TIER_ORDER[Math.max(...ranks)] : null;
    };
    const teachers = world.teachers.slice(20, 60).map((t) => t.id);
    const { result, statements } = await db.counting(() =>
      loaders().highestTierByTeacher.loadMany([...teachers.map((id) => id.toUpperCase()), UNKNOWN]),
    );
    expect(result).toEqual([...teachers.map(expected), null]);
    expect(new Set(result).size).toBeGreaterThan(2);
    expect(statements).toBe(1);
  });

  it("read teachers' assessments with their programs in one statement, as the program loader reads them", async () => {
    const teachers = [...new Set(world.assessments.map((a) => a.teacherId))].slice(0, 5);
    const l = loaders();
    const { result, statements } = await db.counting(async () => {
      const assessments = ((await l.assessmentsByTeacher.loadMany(teachers)) as Assessment[][]).flat();
      return { assessments, programs: await l.programById.loadMany(assessments.map((a) => a.programId)) };
    });
    expect(ids(result.assessments).sort()).toEqual(
      world.assessments
        .filter((a) => teachers.includes(a.teacherId))
        .map((a) => a.id)
        .sort(),
    );
    expect(statements).toBe(1);
    // The same objects, of the same class, as a request that reads the programs alone.
    expect(result.programs).toStrictEqual(await loaders().programById.loadMany(result.assessments.map((a) => a.programId)));
  });

  it('give each school its current partnership in one statement', async () => {
    const npsns = ['64720001', '64710002', '64710001'];
    const today = partnershipToday();
    const { result, statements } = await db.counting(() => loaders().partnershipBySchool.loadMany(npsns));
    expect(ids(result as Array<{ id: string } | null>)).toEqual(
      npsns.map(
        (npsn) =>
          currentPartnership(
            world.partnerships.filter((p) => p.npsn === npsn),
            today,
          )?.id ?? null,
      ),
    );
    expect(statements).toBe(1);
  });

  it('read the protected training set once per data version: a repeat checks the version alone', async () => {
    const { basic, advanced } = DEMO_IDS.programs;
    const read = () => {
      const { statistics } = loaders();
      return Promise.all([
        statistics.programOutcomes(basic),
        statistics.programOutcomes(advanced.toUpperCase()),
        statistics.eventOutcomes(UNKNOWN),
      ]);
    };
    const first = await db.counting(read);
    const again = await db.counting(read);
    expect(again.statements).toBe(1);
    expect(again.result).toEqual(first.result);
    expect(first.result[0].assessed).toBe(world.assessments.filter((a) => a.programId === basic).length);
    expect(first.result[2]).toMatchObject({ assessed: 0, suppressed: false });
  });
});
