import 'reflect-metadata';
import { readRows } from '@mitra/kit';
import { createTestDatabase, type TestDatabase } from '@mitra/kit/test-support';
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
    const em = db.em();
    const rows = await em.getKnex()(table).select('*').limit(50);
    expect(rows.length).toBeGreaterThan(0);
    const meta = em.getMetadata().get(entity.name);
    const keys = meta.props.filter((p) => p.kind === 'scalar' && p.persist !== false).map((p) => p.name);
    const shape = (o: object) => Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]]));
    const plain = readRows(em, entity as never, rows);
    const mapped = rows.map((row) => em.fork().map(entity as never, row));
    expect(plain.map(shape)).toEqual(mapped.map(shape));
    // Instances of the entity's class, as type-graphql's field resolvers expect.
    for (const object of plain) expect(object).toBeInstanceOf(entity);
  });
});
