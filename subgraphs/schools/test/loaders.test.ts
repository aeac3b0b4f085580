import 'reflect-metadata';
import { buildDemoWorld } from '@mitra/fixtures';
import { createTestDatabase, type TestDatabase } from '@mitra/kit/test-support';
import { seedDemo } from '../src/seeds/demo';
import { definition, entities, migrations } from '../src/subgraph';

const world = buildDemoWorld();
const UNKNOWN = '00000000-0000-4000-8000-00000000dead';
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ name: 'schools', entities, migrations, seed: seedDemo });
});
afterAll(() => db?.close());

/** A request's loaders, as createSubgraphServer makes them. */
const loaders = () => definition.createLoaders({ em: db.em(), config: db.config });
const idOf = (row: { id: string } | Error | null) => (row instanceof Error ? row : (row?.id ?? null));

describe('schools loaders', () => {
  it('read teachers by id in one statement, answering in key order, upper-case ids too', async () => {
    const [a, b] = world.teachers;
    const { result, statements } = await db.counting(() =>
      loaders().teacherById.loadMany([b.id, a.id.toUpperCase(), 'not-a-uuid', UNKNOWN, a.id]),
    );
    expect(result.map(idOf)).toEqual([b.id, a.id, null, null, a.id]);
    expect(statements).toBe(1);
  });

  it('batch 10 and 100 keys alike: one statement each', async () => {
    for (const size of [10, 100]) {
      const ids = world.teachers
        .slice(0, size)
        .map((t) => t.id)
        .reverse();
      const { result, statements } = await db.counting(() => loaders().teacherById.loadMany(ids));
      expect({ size, ids: result.map(idOf), statements }).toEqual({ size, ids, statements: 1 });
    }
  });

  it('group qualifications by teacher in key order, in graduation order, [] for a key without rows', async () => {
    const [a, b] = world.teachers.filter((t) => t.qualifications.length > 1);
    const { result, statements } = await db.counting(() => loaders().qualificationsByTeacher.loadMany([b.id.toUpperCase(), UNKNOWN, a.id]));
    const byYear = (t: typeof a) =>
      [...t.qualifications].sort((x, y) => (x.graduationYear ?? 0) - (y.graduationYear ?? 0) || x.id.localeCompare(y.id));
    expect(result.map((list) => (Array.isArray(list) ? list.map((q) => q.id) : list))).toEqual([
      byYear(b).map((q) => q.id),
      [],
      byYear(a).map((q) => q.id),
    ]);
    expect(statements).toBe(1);
  });

  it("read each school's district in the same statement, as the district loader reads it", async () => {
    const npsns = ['64710002', '64720001', '99999999'];
    const l = loaders();
    const { result, statements } = await db.counting(async () => {
      const schools = await l.schoolByNpsn.loadMany(npsns);
      const codes = schools.map((s) => (s && !(s instanceof Error) ? s.districtCode : 'none'));
      return { codes, districts: await l.districtByCode.loadMany(codes.slice(0, 2)) };
    });
    expect(result.codes).toEqual([...npsns.slice(0, 2).map((npsn) => world.schools.find((s) => s.npsn === npsn)!.districtCode), 'none']);
    expect(statements).toBe(1);
    // The same objects, of the same class, as a request that asks for the districts alone.
    expect(result.districts).toStrictEqual(await loaders().districtByCode.loadMany(result.codes.slice(0, 2)));
  });

  it('cut the teacher pages of many schools in one statement, each in name order', async () => {
    const npsns = ['64710002', '64720001', '99999999'];
    const { result, statements } = await db.counting(() => {
      const l = loaders();
      return Promise.all([
        l.teacherPageBySchool.loadMany(npsns.map((npsn) => ({ npsn, first: 5, after: null }))),
        l.teacherCountBySchool.loadMany(npsns),
      ]);
    });
    const [pages, counts] = result;
    const expected = npsns.map((npsn) =>
      world.teachers
        .filter((t) => t.npsn === npsn)
        .sort((x, y) => (x.fullName < y.fullName ? -1 : x.fullName > y.fullName ? 1 : x.id.localeCompare(y.id)))
        .slice(0, 6)
        .map((t) => t.id),
    );
    expect(pages.map((page) => (Array.isArray(page) ? page.map((t) => t.id) : page))).toEqual(expected);
    expect(counts).toEqual([18, 6, 0]);
    expect(statements).toBe(2);
  });

  it("give each district its teachers' keys, in one statement", async () => {
    const { result, statements } = await db.counting(() =>
      loaders().statistics.teacherKeysByDistrict.loadMany(['64.72', '64.02', '99.99']),
    );
    const schoolsOf = (code: string) => new Set(world.schools.filter((s) => s.districtCode === code).map((s) => s.npsn));
    const keysOf = (code: string) =>
      world.teachers
        .filter((t) => schoolsOf(code).has(t.npsn))
        .map((t) => t.id)
        .sort();
    expect(result).toEqual([keysOf('64.72'), keysOf('64.02'), []]);
    expect(statements).toBe(1);
  });
});
