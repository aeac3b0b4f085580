import 'reflect-metadata';
import { DEMO_IDS, buildDemoWorld } from '@mitra/fixtures';
import { createTestDatabase, type TestDatabase } from '@mitra/kit/test-support';
import { seedDemo } from '../src/seeds/demo';
import { definition, entities, migrations } from '../src/subgraph';

const world = buildDemoWorld();
const UNKNOWN = '00000000-0000-4000-8000-00000000dead';
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ name: 'skb', entities, migrations, seed: seedDemo });
});
afterAll(() => db?.close());

/** A request's loaders, as createSubgraphServer makes them. */
const loaders = () => definition.createLoaders({ em: db.em(), config: db.config });
const ids = (rows: ReadonlyArray<{ id: string } | null | Error>) => rows.map((r) => (r instanceof Error ? r : (r?.id ?? null)));
const lists = (result: ReadonlyArray<ReadonlyArray<{ id: string }> | Error>) =>
  result.map((list) => (list instanceof Error ? list : ids(list)));

describe('skb loaders', () => {
  it('read venues and events by id in one statement each, in key order, upper-case ids too', async () => {
    const { hall, samarinda } = DEMO_IDS.venues;
    const { basic2023, advanced2025 } = DEMO_IDS.events;
    const { result, statements } = await db.counting(() => {
      const l = loaders();
      return Promise.all([
        l.venueById.loadMany([samarinda, 'nope', hall.toUpperCase()]),
        l.eventById.loadMany([UNKNOWN, advanced2025.toUpperCase(), basic2023]),
      ]);
    });
    expect(result.map(ids)).toEqual([
      [samarinda, null, hall],
      [null, advanced2025, basic2023],
    ]);
    expect(statements).toBe(2);
  });

  it("list events per program by start day, and a teacher's registrations by the start of their events", async () => {
    const { technical, basic } = DEMO_IDS.programs;
    const teacher = world.registrations.find((r) => r.eventId === DEMO_IDS.events.advanced2025)!.teacherId!;
    const { result, statements } = await db.counting(() => {
      const l = loaders();
      return Promise.all([
        l.eventsByProgram.loadMany([basic.toUpperCase(), UNKNOWN, technical]),
        l.registrationsByTeacher.loadMany([teacher, UNKNOWN]),
      ]);
    });
    const eventsOf = (programId: string) =>
      world.events
        .filter((e) => e.programId === programId)
        .sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.id.localeCompare(b.id));
    const startOf = new Map(world.events.map((e) => [e.id, e.startsOn]));
    const registrationsOf = world.registrations
      .filter((r) => r.teacherId === teacher)
      .sort((a, b) => startOf.get(a.eventId)!.localeCompare(startOf.get(b.eventId)!));
    expect(lists(result[0])).toEqual([ids(eventsOf(basic)), [], ids(eventsOf(technical))]);
    expect(lists(result[1])).toEqual([ids(registrationsOf), []]);
    expect(registrationsOf.length).toBeGreaterThan(2);
    expect(statements).toBe(2);
  });

  it('compute attendance rates of many events in one statement', async () => {
    const events = world.events.map((e) => e.id);
    const { result, statements } = await db.counting(() => loaders().attendanceRateByEvent.loadMany([...events, UNKNOWN]));
    const rate = (eventId: string) => {
      const counted = world.registrations.filter((r) => r.eventId === eventId && r.status !== 'CANCELLED');
      return counted.length ? counted.filter((r) => r.status === 'ATTENDED').length / counted.length : null;
    };
    expect(result).toEqual([...events.map(rate), null]);
    expect(statements).toBe(1);
  });

  it('count trained teachers of several teacher sets in one statement, and attendance per program in another', async () => {
    const sets = [world.teachers.slice(0, 60).map((t) => t.id), world.teachers.slice(100).map((t) => t.id.toUpperCase()), []];
    const { technical, advanced } = DEMO_IDS.programs;
    const { result, statements } = await db.counting(() => {
      const { statistics } = loaders();
      return Promise.all([
        statistics.trainedCounts.loadMany([
          ...sets.map((teacherKeys) => ({ teacherKeys, year: null })),
          { teacherKeys: sets[0], year: 2023 },
        ]),
        statistics.attendanceByProgram.loadMany([advanced, UNKNOWN, technical.toUpperCase()]),
      ]);
    });
    const trained = (set: string[]) => {
      const keys = new Set(set.map((k) => k.toLowerCase()));
      return new Set(
        world.registrations.filter((r) => r.status === 'ATTENDED' && r.teacherId && keys.has(r.teacherId)).map((r) => r.teacherId),
      ).size;
    };
    const programEvents = (programId: string) => new Set(world.events.filter((e) => e.programId === programId).map((e) => e.id));
    const attendance = (programId: string) => {
      const counted = world.registrations.filter((r) => programEvents(programId).has(r.eventId) && r.status !== 'CANCELLED');
      return { counted: counted.length, attended: counted.filter((r) => r.status === 'ATTENDED').length };
    };
    const startedIn = (year: number) => new Set(world.events.filter((e) => e.startsOn.startsWith(`${year}-`)).map((e) => e.id));
    const trainedIn = (set: string[], year: number) =>
      new Set(
        world.registrations
          .filter((r) => r.status === 'ATTENDED' && r.teacherId && set.includes(r.teacherId) && startedIn(year).has(r.eventId))
          .map((r) => r.teacherId),
      ).size;
    expect(result[0]).toEqual([...sets.map(trained), trainedIn(sets[0], 2023)]);
    expect(result[1]).toEqual([attendance(advanced), { counted: 0, attended: 0 }, attendance(technical)]);
    expect(statements).toBe(2);
  });
});
