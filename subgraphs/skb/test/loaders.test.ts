import 'reflect-metadata';
import { DEMO_IDS, buildDemoWorld } from '@mitra/fixtures';
import { createTestDatabase, type TestDatabase } from '@mitra/kit/test-support';
import type { Registration } from '../src/entities/registration';
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
      .sort(
        (a, b) =>
          startOf.get(a.eventId)!.localeCompare(startOf.get(b.eventId)!) || a.eventId.localeCompare(b.eventId) || a.id.localeCompare(b.id),
      );
    expect(lists(result[0])).toEqual([ids(eventsOf(basic)), [], ids(eventsOf(technical))]);
    expect(lists(result[1])).toEqual([ids(registrationsOf), []]);
    expect(registrationsOf.length).toBeGreaterThan(2);
    // The events' programs, the registrations, and the registrations' events with their venues.
    expect(statements).toBe(3);
  });

  it("read a teacher's registrations, then their events with their venues in a second statement, as those loaders read them", async () => {
    const teacher = world.registrations.find((r) => r.eventId === DEMO_IDS.events.advanced2025)!.teacherId!;
    const l = loaders();
    const { result, statements } = await db.counting(async () => {
      const [registrations] = (await l.registrationsByTeacher.loadMany([teacher])) as Registration[][];
      const events = await l.eventById.loadMany(registrations.map((r) => r.eventId));
      const venues = await l.venueById.loadMany(events.map((e) => (e && !(e instanceof Error) ? e.venueId : 'none')));
      return { registrations, events, venues };
    });
    expect(result.registrations.length).toBe(world.registrations.filter((r) => r.teacherId === teacher).length);
    expect(result.registrations.length).toBeGreaterThan(0);
    expect(statements).toBe(2);
    // The same objects, of the same classes, as a request that reads them alone.
    const fresh = loaders();
    expect(result.events).toStrictEqual(await fresh.eventById.loadMany(result.registrations.map((r) => r.eventId)));
    expect(result.venues).toStrictEqual(
      await fresh.venueById.loadMany(ids(result.events).map((id) => world.events.find((e) => e.id === id)!.venueId)),
    );
  });

  it('read the protected training set once per data version, and again after a write', async () => {
    const { technical } = DEMO_IDS.programs;
    const events = world.events.map((e) => e.id);
    const read = () => {
      const { statistics } = loaders();
      return Promise.all([
        Promise.all(events.map((e) => statistics.eventAttendanceRate(e))),
        statistics.programAttendance(technical.toUpperCase()),
        statistics.teachersTrained(
          world.teachers.map((t) => t.id),
          null,
        ),
      ]);
    };
    const first = await db.counting(read);
    const again = await db.counting(read);
    // The version check alone: the same snapshot, the same set.
    expect(again.statements).toBe(1);
    expect(again.result).toEqual(first.result);
    const trained = new Set(world.registrations.filter((r) => r.status === 'ATTENDED' && r.teacherId).map((r) => r.teacherId)).size;
    expect(first.result[2]).toEqual({ trained, suppressed: false });
    // A committed write is a new version: the set is read again and shows it.
    const [event] = world.events.filter((e) => e.programId === technical);
    const registered = await db.sql<{ n: number }>(
      `select count(*)::int as n from registration where event_id = ? and status <> 'CANCELLED'`,
      [event.id],
    );
    await db.sql(
      `insert into registration (id, event_id, teacher_id, participant_name, status) values (gen_random_uuid(), ?, null, 'Uji Versi', 'REGISTERED')`,
      [event.id],
    );
    try {
      const after = await db.counting(read);
      expect(after.statements).toBeGreaterThan(1);
      expect(after.result[1].registrations).toBe((first.result[1].registrations ?? 0) + 1);
      expect(registered[0].n).toBeGreaterThan(0);
    } finally {
      await db.sql(`delete from registration where participant_name = 'Uji Versi'`);
    }
  });
});
