import {
  BulkInsert,
  SyntheticOptionsError,
  SyntheticWorld,
  inOrder,
  parseSyntheticArgs,
  parseSyntheticDatasetLabel,
  syntheticDatasetLabel,
  type SqlClient,
} from '../src';

const OPTIONS = { seed: 7, teachers: 3000, districts: 12 };

describe('synthetic world', () => {
  const world = new SyntheticWorld(OPTIONS);

  it('gives the same rows for the same seed, and other rows for another seed', () => {
    const again = new SyntheticWorld(OPTIONS);
    const other = new SyntheticWorld({ ...OPTIONS, seed: 8 });
    for (const i of [0, 1, 1234, 2999]) {
      const s = world.schoolOf(i);
      expect(again.teacher(i, s)).toEqual(world.teacher(i, s));
      const d = world.layout.schoolDistrict[s];
      expect(again.activity(i, d)).toEqual(world.activity(i, d));
      expect(other.teacherId(i)).not.toEqual(world.teacherId(i));
    }
    for (const e of [0, 17, world.layout.eventCount - 1]) expect(again.event(e)).toEqual(world.event(e));
    expect(again.school(5)).toEqual(world.school(5));
  });

  it('spreads the teachers over districts and small schools, all of them exactly once', () => {
    expect(world.districts.reduce((n, d) => n + d.teachers, 0)).toBe(OPTIONS.teachers);
    const codes = world.districts.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^\d{2}\.\d{2}$/);
    expect(new Set(world.districts.map((d) => d.provinceCode)).size).toBe(10);
    let next = 0;
    for (let s = 0; s < world.layout.schoolCount; s++) {
      expect(world.layout.schoolFirstTeacher[s]).toBe(next);
      expect(world.layout.schoolTeachers[s]).toBeGreaterThanOrEqual(3);
      next += world.layout.schoolTeachers[s];
    }
    expect(next).toBe(OPTIONS.teachers);
  });

  it('gives the first districts the sizes asked for', () => {
    const skewed = new SyntheticWorld({ seed: 1, teachers: 10_010, districts: 2, districtTeachers: [10, 10_000] });
    expect(skewed.districts.map((d) => d.teachers)).toEqual([10, 10_000]);
  });

  it('lets the partners agree: registrations name existing events, only attended trainings are assessed', () => {
    const events = new Map<string, string>();
    for (let e = 0; e < world.layout.eventCount; e++) {
      const event = world.event(e);
      events.set(event.id, event.status);
      for (const s of event.sessions) expect(s.facilitatorIds.length).toBeGreaterThan(0);
    }
    const statuses = new Set<string>();
    let gains = 0;
    let positive = 0;
    let meets = 0;
    for (const d of world.districts) {
      for (let i = d.firstTeacher; i < d.firstTeacher + d.teachers; i++) {
        const { registrations, assessments } = world.activity(i, d.index);
        for (const r of registrations) {
          expect(events.has(r.eventId)).toBe(true);
          statuses.add(r.status);
        }
        for (const a of assessments) {
          const registration = registrations.find((r) => r.eventId === a.eventId);
          expect(registration?.status).toBe('ATTENDED');
          expect(events.get(a.eventId!)).toBe('COMPLETED');
          gains += 1;
          if (a.postTestScore! > a.preTestScore!) positive += 1;
        }
        const q = world.teacher(i, world.schoolOf(i)).qualifications;
        if (q.some((x) => ['D4', 'S1', 'S2', 'S3'].includes(x.level) && ['EARLY_CHILDHOOD_EDUCATION', 'PSYCHOLOGY'].includes(x.field))) meets += 1;
      }
    }
    expect([...statuses].sort()).toEqual(['ATTENDED', 'CANCELLED', 'NO_SHOW', 'REGISTERED']);
    expect(positive / gains).toBeGreaterThan(0.7);
    expect(meets / OPTIONS.teachers).toBeGreaterThan(0.3);
    expect(meets / OPTIONS.teachers).toBeLessThan(0.6);
  });
});

describe('synthetic options', () => {
  it('parses the command line and leaves other arguments alone', () => {
    const { options, rest } = parseSyntheticArgs(['--teachers', '100_000', '--seed=3', '--reset', '--district-sizes', '10,10000']);
    expect(options).toEqual({ seed: 3, teachers: 100_000, districts: 100, districtTeachers: [10, 10_000] });
    expect(rest).toEqual(['--reset']);
  });

  it.each([
    [['--teachers', '0']],
    [['--teachers', 'many']],
    [['--districts', '501']],
    [['--teachers', '100', '--district-sizes', '60,60']],
  ])('rejects %j', (argv) => {
    expect(() => parseSyntheticArgs(argv)).toThrow(SyntheticOptionsError);
  });

  it('round-trips the dataset marker', () => {
    const options = { seed: 2, teachers: 500, districts: 3, districtTeachers: [10, 20] };
    expect(parseSyntheticDatasetLabel(syntheticDatasetLabel(options))).toEqual(options);
    expect(parseSyntheticDatasetLabel('demo')).toBeNull();
  });
});

describe('bulk insert', () => {
  function fakeClient(): SqlClient & { calls: Array<{ text: string; values?: unknown[] }> } {
    const calls: Array<{ text: string; values?: unknown[] }> = [];
    return {
      calls,
      query: async (text, values) => {
        calls.push({ text, values });
        await new Promise((r) => setTimeout(r, 1));
        return { rows: [], rowCount: 0 };
      },
    };
  }

  it('sends one unnest statement per batch, column by column', async () => {
    const client = fakeClient();
    const batch = new BulkInsert(client, 'teacher', [['id', 'uuid'], ['full_name', 'text']], undefined, undefined, 2);
    for (const [id, name] of [['a', 'Ayu'], ['b', 'Budi'], ['c', 'Citra']]) await batch.add(id, name);
    await batch.close();
    expect(client.calls).toEqual([
      { text: 'insert into "teacher" ("id", "full_name") select * from unnest($1::uuid[], $2::text[])', values: [['a', 'b'], ['Ayu', 'Budi']] },
      { text: 'insert into "teacher" ("id", "full_name") select * from unnest($1::uuid[], $2::text[])', values: [['c'], ['Citra']] },
    ]);
  });

  it('sends the rows a batch refers to first', async () => {
    const client = fakeClient();
    const ordered = inOrder(client);
    const parents = new BulkInsert(ordered, 'teacher', [['id', 'uuid']], undefined, undefined, 100);
    const children = new BulkInsert(ordered, 'qualification', [['teacher_id', 'uuid']], undefined, parents, 1);
    await parents.add('t1');
    await children.add('t1');
    await parents.close();
    await children.close();
    expect(client.calls.map((c) => c.text.split(' ')[2])).toEqual(['"teacher"', '"qualification"']);
  });
});
