import 'reflect-metadata';
import { createTestDatabase, readRowsBesideOrm, type TestDatabase } from '@mitra/kit/test-support';
import { District } from '../src/entities/district';
import { Qualification } from '../src/entities/qualification';
import { School } from '../src/entities/school';
import { Teacher } from '../src/entities/teacher';
import { TrainingNeed } from '../src/entities/training-need';
import { seedDemo } from '../src/seeds/demo';
import { entities, migrations } from '../src/subgraph';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ name: 'schools', entities, migrations, seed: seedDemo });
});
afterAll(() => db?.close());

describe('readRows: rows read for an answer as plain objects, the same values as the ORM maps', () => {
  it.each([
    ['teacher', Teacher, ['ownerOrg']],
    ['school', School, []],
    ['district', District, []],
    ['qualification', Qualification, []],
    ['training_need', TrainingNeed, ['ownerOrg']],
  ] as const)('%s', async (table, entity, getters) => {
    const em = db.em();
    // Every property the ORM maps, and the getters of the entity class the answers read.
    const { plain, shapes } = await readRowsBesideOrm(em, table, entity as never, getters);
    expect(plain.length).toBeGreaterThan(0);
    expect(shapes.plain).toEqual(shapes.orm);
    expect(shapes.byKeys).toEqual(shapes.orm);
    // Plain data: no unit of work behind it.
    expect(Object.getPrototypeOf(plain[0])).not.toBe(entity.prototype);
    // Still an instance of its class: type-graphql passes it on as it is, not copied into a new entity.
    expect(plain[0]).toBeInstanceOf(entity);
    expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
  });
});
