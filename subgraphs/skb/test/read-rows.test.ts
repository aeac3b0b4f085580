import 'reflect-metadata';
import { createTestDatabase, readRowsBesideOrm, type TestDatabase } from '@mitra/kit/test-support';
import { EventSession } from '../src/entities/event-session';
import { Registration } from '../src/entities/registration';
import { TrainingEvent } from '../src/entities/training-event';
import { Venue } from '../src/entities/venue';
import { seedDemo } from '../src/seeds/demo';
import { entities, migrations } from '../src/subgraph';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ name: 'skb', entities, migrations, seed: seedDemo });
});
afterAll(() => db?.close());

describe('readRows: the same values as the ORM maps (dates as the ORM gives them), for every table the answers read so', () => {
  it.each([
    ['event_session', EventSession],
    ['registration', Registration],
    ['training_event', TrainingEvent],
    ['venue', Venue],
  ] as const)('%s', async (table, entity) => {
    const { plain, shapes } = await readRowsBesideOrm(db.em(), table, entity as never);
    expect(plain.length).toBeGreaterThan(0);
    expect(shapes.plain).toEqual(shapes.orm);
    expect(shapes.byKeys).toEqual(shapes.orm);
    // Instances of the entity's class, as type-graphql's field resolvers expect.
    for (const object of plain) expect(object).toBeInstanceOf(entity);
  });
});
