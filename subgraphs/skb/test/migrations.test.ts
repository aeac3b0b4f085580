import 'reflect-metadata';
import { createOrm, migrate, migrationsOutOfOrder } from '@mitra/kit';
import { createTestDatabase } from '@mitra/kit/test-support';
import { entities, migrations } from '../src/subgraph';

describe('a renamed skb migration', () => {
  it('is not applied again on a database that recorded it under its former name', async () => {
    // The list as it was: the first migration under its former name, which sorted after the two that follow it.
    const former = migrations.map((m) => ({ name: m.formerNames?.[0] ?? m.name, class: m.class }));
    expect(migrationsOutOfOrder(former)).toEqual(['Migration20261127130001SkbEventVersion']);
    const db = await createTestDatabase({ name: 'skb', entities, migrations: former });
    await db.close();

    const orm = await createOrm({ databaseUrl: db.config.databaseUrl, entities, migrations, silentMigrations: true });
    try {
      expect(await migrate(orm)).toEqual([]);
      const recorded = await orm.em.getConnection().execute<Array<{ name: string }>>('select name from mikro_orm_migrations order by id');
      expect(recorded.map((r) => r.name)).toEqual([
        'Migration20261127000000Kit',
        'Migration20261127000001KitAudit',
        ...migrations.map((m) => m.name),
      ]);
    } finally {
      await orm.close();
    }
  });
});
