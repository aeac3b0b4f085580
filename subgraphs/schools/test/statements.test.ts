import 'reflect-metadata';
import { columnsOf, pgArray, prepared, readByKeys, statementName, whereAny } from '@mitra/kit';
import { createTestDatabase, type TestDatabase } from '@mitra/kit/test-support';
import { Qualification } from '../src/entities/qualification';
import { seedDemo } from '../src/seeds/demo';
import { entities, migrations } from '../src/subgraph';

/**
 * The kit's prepared statements (`prepared`, `whereAny`, `readByKeys`) on
 * real PostgreSQL: one named statement per text whatever the number of keys,
 * the right rows, keys of any characters, and a table that gains a column
 * while a connection holds the statement.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ name: 'schools', entities, migrations, seed: seedDemo });
});
afterAll(() => db?.close());

describe('prepared statements', () => {
  it('runs as one named statement for any number of keys, and reads the rows of those keys', async () => {
    const knex = db.em().getKnex();
    const all: Array<{ id: string; teacher_id: string }> = await knex('qualification').select('id', 'teacher_id').orderBy('id');
    const teacherIds = [...new Set(all.map((q) => q.teacher_id))];
    expect(teacherIds.length).toBeGreaterThan(3);
    // One connection throughout (a transaction), so that its prepared statements can be listed.
    await knex.transaction(async (trx) => {
      const read = (ids: string[]) =>
        prepared(whereAny(trx('qualification').select(columnsOf(db.em(), Qualification)), 'teacher_id', ids, 'uuid').orderBy('id'));
      const one: Array<{ id: string }> = await read(teacherIds.slice(0, 1));
      const three: Array<{ id: string }> = await read(teacherIds.slice(0, 3));
      const none: Array<{ id: string }> = await read([]);
      const expected = (ids: string[]) => all.filter((q) => ids.includes(q.teacher_id)).map((q) => q.id);
      expect(one.map((r) => r.id)).toEqual(expected(teacherIds.slice(0, 1)));
      expect(three.map((r) => r.id)).toEqual(expected(teacherIds.slice(0, 3)));
      expect(none).toEqual([]);
      const { rows } = (await trx.raw(`select name, statement from pg_prepared_statements where name like 'mitra\\_%'`)) as {
        rows: Array<{ name: string; statement: string }>;
      };
      // The three reads: one statement, prepared once on this connection.
      const text = read([]).toSQL().toNative().sql;
      expect(rows.filter((r) => r.statement === text)).toEqual([{ name: statementName(read([]).toSQL().sql), statement: text }]);
    });
  });

  it('sends keys of any characters as one array parameter', async () => {
    const knex = db.em().getKnex();
    const lists = [
      ['plain', 'with "quotes"', 'back\\slash', 'comma, and {braces}', ' spaces ', 'NULL', ''],
      ['64710001', 'a0b1c2d3-0000-4000-8000-000000000001', 'code.with-dash_and:colon'],
      ['null'],
      ['Null', 'x'],
      [''],
      [],
    ];
    for (const keys of lists) {
      const { rows } = (await knex.raw('select ?::text[] as keys', [pgArray(keys)])) as { rows: Array<{ keys: string[] }> };
      expect(rows[0].keys).toEqual(keys);
    }
    // Keys that need no quotes go as they are (a page's hundred UUIDs: no escaping work).
    expect(pgArray(['64710001', 'a0b1'])).toBe('{64710001,a0b1}');
  });

  it('names a text the same way every time, and different texts differently', () => {
    expect(statementName('select 1')).toBe(statementName('select 1'));
    expect(statementName('select 1')).not.toBe(statementName('select 2'));
    // PostgreSQL's limit for a name is 63 bytes.
    expect(statementName('x'.repeat(10_000)).length).toBeLessThanOrEqual(63);
  });

  it('still reads a table that gained a column since the connection prepared the statement', async () => {
    const knex = db.em().getKnex();
    await knex
      .transaction(async (trx) => {
        const teacherId: string = (await trx('qualification').first('teacher_id')).teacher_id;
        const read = () =>
          prepared(whereAny(trx('qualification').select(columnsOf(db.em(), Qualification)), 'teacher_id', [teacherId], 'uuid'));
        const before: unknown[] = await read();
        await trx.raw('alter table qualification add column added_later text');
        const after: unknown[] = await read();
        expect(after).toEqual(before);
        // What `select *` would have met: PostgreSQL refuses the prepared statement once the table changed.
        const star = () => prepared(whereAny(trx('qualification').select('*'), 'teacher_id', [teacherId], 'uuid'));
        await trx.raw('savepoint star');
        await star();
        await trx.raw('alter table qualification add column added_later_too text');
        await expect(star()).rejects.toMatchObject({
          code: '0A000',
          message: expect.stringMatching(/cached plan must not change result type/),
        });
        await trx.raw('rollback to savepoint star');
        // A column whose type changes breaks even named columns (docs/deploying.md: restart after such a migration).
        await trx.raw('savepoint retyped');
        await trx.raw('alter table qualification alter column institution type varchar(500)');
        await expect(read()).rejects.toMatchObject({ code: '0A000' });
        await trx.raw('rollback to savepoint retyped');
        // Rolled back with the transaction: the table keeps its columns for the other tests.
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
  });

  it('reads by keys with readByKeys, in the order asked', async () => {
    const em = db.em();
    const ids: string[] = (await em.getKnex()('qualification').select('teacher_id').limit(5)).map(
      (r: { teacher_id: string }) => r.teacher_id,
    );
    const read = await readByKeys(em, Qualification, 'teacher_id', ids, 'uuid', [
      { column: 'graduation_year', order: 'desc', nulls: 'last' },
      { column: 'id' },
    ]);
    expect(read.length).toBeGreaterThanOrEqual(new Set(ids).size);
    expect(read.every((q) => q instanceof Qualification && ids.includes(q.teacherId))).toBe(true);
    const years = read.map((q) => q.graduationYear ?? -Infinity);
    expect(years).toEqual([...years].sort((a, b) => b - a));
  });
});

class Rollback extends Error {}
