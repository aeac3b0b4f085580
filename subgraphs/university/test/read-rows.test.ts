import 'reflect-metadata';
import { createTestDatabase, readRowsBesideOrm, type TestDatabase } from '@mitra/kit/test-support';
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
    const { plain, shapes } = await readRowsBesideOrm(db.em(), table, entity as never);
    expect(plain.length).toBeGreaterThan(0);
    expect(shapes.plain).toEqual(shapes.orm);
    expect(shapes.byKeys).toEqual(shapes.orm);
  });
});
