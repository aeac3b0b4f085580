import 'reflect-metadata';
import { readRows } from '@mitra/kit';
import { createTestDatabase, type TestDatabase } from '@mitra/kit/test-support';
import { Assessment } from '../src/entities/assessment';
import { Lecturer } from '../src/entities/lecturer';
import { Module } from '../src/entities/module';
import { Partnership } from '../src/entities/partnership';
import { TrainingProgram } from '../src/entities/training-program';
import { seedDemo } from '../src/seeds/demo';
import { entities, migrations } from '../src/subgraph';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ name: 'university', entities, migrations, seed: seedDemo });
});
afterAll(() => db?.close());

describe('readRows: the same values as the ORM maps (decimals as numbers, dates as the ORM gives them)', () => {
  it.each([
    ['assessment', Assessment],
    ['lecturer', Lecturer],
    ['module', Module],
    ['partnership', Partnership],
    ['training_program', TrainingProgram],
  ] as const)('%s', async (table, entity) => {
    const em = db.em();
    const rows = await em.getKnex()(table).select('*').limit(50);
    expect(rows.length).toBeGreaterThan(0);
    const meta = em.getMetadata().get(entity.name);
    const keys = meta.props.filter((p) => p.kind === 'scalar' && p.persist !== false).map((p) => p.name);
    const shape = (o: object) => Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]]));
    const plain = readRows(em, entity as never, rows);
    const mapped = rows.map((row) => em.fork().map(entity as never, row));
    expect(plain.map(shape)).toEqual(mapped.map(shape));
  });
});
