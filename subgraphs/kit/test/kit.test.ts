import { GraphQLError } from 'graphql';
import { Migration } from '@mikro-orm/migrations';
import {
  CursorCodec,
  DateScalar,
  DateTimeScalar,
  SuppressionTable,
  byKey,
  checkPageSize,
  groupedByKey,
  isCalendarDate,
  isSmallCell,
  meanOrNull,
  migrationList,
  migrationsOutOfOrder,
  stableUuid,
  toPage,
} from '../src';

describe('signed cursors', () => {
  const codec = new CursorCodec('a-test-secret-of-some-length');

  it('round-trips a key within its scope', () => {
    const cursor = codec.encode('teachers', ['Ayu', 'x']);
    expect(codec.decode('teachers', cursor)).toEqual(['Ayu', 'x']);
  });

  it.each([
    ['another scope', (c: string) => ['schools', c]],
    [
      'a tampered body',
      (c: string) => [
        'teachers',
        `${Buffer.from(JSON.stringify(['teachers', ['Zed', 'x']])).toString('base64url')}${c.slice(c.indexOf('.'))}`,
      ],
    ],
    ['no signature', (c: string) => ['teachers', c.slice(0, c.indexOf('.'))]],
    ['garbage', () => ['teachers', '%%%']],
  ])('rejects %s as BAD_USER_INPUT on the named field', (_name, mutate) => {
    const [scope, cursor] = mutate(codec.encode('teachers', ['Ayu', 'x']));
    try {
      codec.decode(scope, cursor, 'after');
      throw new Error('decoded');
    } catch (error) {
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  it('does not accept a cursor signed with another secret', () => {
    const other = new CursorCodec('another-secret-of-some-length');
    expect(() => codec.decode('teachers', other.encode('teachers', ['a']))).toThrow(GraphQLError);
  });
});

describe('page size and pages', () => {
  it('accepts 1..100 and defaults a null to 20', () => {
    expect(checkPageSize(1)).toBe(1);
    expect(checkPageSize(100)).toBe(100);
    expect(checkPageSize(null)).toBe(20);
    for (const bad of [0, -1, 101, 2.5]) expect(() => checkPageSize(bad)).toThrow(/first/);
  });

  it('uses the extra row only to tell that there is a next page', () => {
    const page = toPage([1, 2, 3], 2, (n) => `c${n}`);
    expect(page.edges.map((e) => e.node)).toEqual([1, 2]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, endCursor: 'c2' });
    expect(toPage([], 2, String).pageInfo).toMatchObject({ hasNextPage: false, endCursor: null });
  });

  it("signs an edge's cursor only when it is read, once, and the same as before", () => {
    const signed: number[] = [];
    const page = toPage([1, 2, 3, 4], 3, (n) => {
      signed.push(n);
      return `c${n}`;
    });
    // PageInfo's first and last cursors only.
    expect(signed).toEqual([1, 3]);
    expect(page.edges.map((e) => e.cursor)).toEqual(['c1', 'c2', 'c3']);
    expect(page.edges[1].cursor).toBe('c2');
    expect(signed).toEqual([1, 3, 2]);
  });

  it('gives the whole Relay PageInfo: a previous page exactly when asked after a cursor, and the first cursor', () => {
    expect(toPage([1, 2, 3], 2, (n) => `c${n}`).pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: 'c1',
      endCursor: 'c2',
    });
    expect(toPage([3], 2, (n) => `c${n}`, 'c2').pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: 'c3',
      endCursor: 'c3',
    });
    expect(toPage([], 2, String, 'c9').pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
  });
});

describe('scalars', () => {
  it('accepts only real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2022-11-31')).toBe(false);
    expect(isCalendarDate('22-11-14')).toBe(false);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2024-12-31')).toBe(true);
    expect(isCalendarDate('2024-04-31')).toBe(false);
    expect(isCalendarDate('2024-13-01')).toBe(false);
    expect(isCalendarDate('2024-00-10')).toBe(false);
    expect(isCalendarDate('2024-01-00')).toBe(false);
    expect(isCalendarDate('2024-1-01')).toBe(false);
    expect(isCalendarDate('2024-01-01T00:00')).toBe(false);
    expect(isCalendarDate('2024/01/01')).toBe(false);
    expect(isCalendarDate('2O24-01-01')).toBe(false);
    expect(isCalendarDate('+024-01-01')).toBe(false);
    expect(isCalendarDate('0050-03-01')).toBe(true);
    expect(isCalendarDate('0000-01-01')).toBe(false);
    expect(DateScalar.parseValue('2022-11-14')).toBe('2022-11-14');
    expect(() => DateScalar.parseValue('2022-13-01')).toThrow(GraphQLError);
  });

  it('agrees with the calendar of Date on every day, month and year written from 1899 to 2101', () => {
    const real = (y: number, m: number, d: number): boolean => {
      const date = new Date(Date.UTC(y, m - 1, d));
      return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    };
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const disagree: string[] = [];
    for (let y = 1899; y <= 2101; y++)
      for (let m = 0; m <= 13; m++)
        for (let d = 0; d <= 32; d++) {
          const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          if (isCalendarDate(text) !== real(y, m, d)) disagree.push(text);
        }
    expect(disagree).toEqual([]);
  });

  it('serialises instants in UTC and rejects instants without an offset', () => {
    expect(DateTimeScalar.serialize(new Date('2022-11-14T08:00:00+08:00'))).toBe('2022-11-14T00:00:00.000Z');
    expect(() => DateTimeScalar.parseValue('2022-11-14T08:00:00')).toThrow(GraphQLError);
  });
});

describe('ids and loader helpers', () => {
  it('derives the same UUID for the same name, another for another name', () => {
    expect(stableUuid('teacher', 1)).toBe(stableUuid('teacher', 1));
    expect(stableUuid('teacher', 1)).not.toBe(stableUuid('teacher', 2));
    expect(stableUuid('teacher', 1)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('answers batches in key order with null or [] where a key has no row', () => {
    const rows = [
      { k: 'b', v: 1 },
      { k: 'a', v: 2 },
      { k: 'b', v: 3 },
    ];
    expect(byKey(['a', 'c'], rows, (r) => r.k)).toEqual([{ k: 'a', v: 2 }, null]);
    expect(groupedByKey(['b', 'c'], rows, (r) => r.k).map((g) => g.map((r) => r.v))).toEqual([[1, 3], []]);
  });
});

describe('the small-cell rule', () => {
  it('hides counts of 1 to min - 1, never 0 or min and more', () => {
    expect([0, 1, 9, 10, 11].map((n) => isSmallCell(n, 10))).toEqual([false, true, true, false, false]);
    expect([0, 1, 2].map((n) => isSmallCell(n, 1))).toEqual([false, false, false]);
  });

  it('is the rule of suppression tables and means', () => {
    const table = new SuppressionTable(10).cell('small', 9).cell('zero', 0).cell('big', 10);
    expect([table.get('small'), table.get('zero'), table.get('big')]).toEqual([null, 0, 10]);
    expect([meanOrNull(45, 9, 10), meanOrNull(50, 10, 10)]).toEqual([null, 5]);
  });
});

describe('the migrations of a subgraph database', () => {
  class M extends Migration {
    override async up(): Promise<void> {}
  }

  it("run the kit's first, and name the ones whose names sort out of run order", () => {
    const inOrder = [
      { name: 'Migration20261127100000A', class: M },
      { name: 'Migration20261127100001B', class: M },
    ];
    expect(migrationList(inOrder).map((m) => m.name)).toEqual([
      'Migration20261127000000Kit',
      'Migration20261127000001KitAudit',
      'Migration20261127100000A',
      'Migration20261127100001B',
    ]);
    expect(migrationsOutOfOrder(inOrder)).toEqual([]);
    expect(migrationsOutOfOrder([...inOrder].reverse())).toEqual(['Migration20261127100000A']);
    expect(migrationsOutOfOrder([{ name: 'Migration20261126000000Early', class: M }])).toEqual(['Migration20261126000000Early']);
  });
});
