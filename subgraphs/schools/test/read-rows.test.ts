import 'reflect-metadata';
import { readRows } from '@mitra/kit';
import { createTestDatabase, type TestDatabase } from '@mitra/kit/test-support';
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

/** Every property the ORM maps, and every getter of the entity class, as the answer reads them. */
function shape(object: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, (object as Record<string, unknown>)[k]]));
}

describe('readRows: rows read for an answer as plain objects, the same values as the ORM maps', () => {
  it.each([
    ['teacher', Teacher, ['ownerOrg']],
    ['school', School, []],
    ['district', District, []],
    ['qualification', Qualification, []],
    ['training_need', TrainingNeed, ['ownerOrg']],
  ] as const)('%s', async (table, entity, getters) => {
    const em = db.em();
    const rows = await em.getKnex()(table).select('*').limit(50);
    expect(rows.length).toBeGreaterThan(0);
    const meta = em.getMetadata().get(entity.name);
    const keys = [...meta.props.filter((p) => p.kind === 'scalar' && p.persist !== false).map((p) => p.name), ...getters];
    const plain = readRows(em, entity as never, rows);
    const mapped = rows.map((row) => em.fork().map(entity as never, row));
    expect(plain.map((o) => shape(o, keys))).toEqual(mapped.map((o) => shape(o, keys)));
    // Plain data: no unit of work behind it.
    expect(Object.getPrototypeOf(plain[0])).not.toBe(entity.prototype);
    // Still an instance of its class: type-graphql passes it on as it is, not copied into a new entity.
    expect(plain[0]).toBeInstanceOf(entity);
    expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
  });
});
