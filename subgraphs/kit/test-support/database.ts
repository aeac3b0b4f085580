import { randomBytes } from 'node:crypto';
import type { Constructor } from '@mikro-orm/core';
import { knex, type EntityManager } from '@mikro-orm/postgresql';
import { partnerEnv, requestScope, type SubgraphName } from '@mitra/runtime';
import { createOrm, migrate, type MigrationEntry, type Orm } from '../src/db';
import { loadSubgraphConfig, type SubgraphConfig } from '../src/subgraph-config';
import { TEST_POSTGRES_URL } from './postgres';

export interface TestDatabaseOptions {
  name: SubgraphName;
  entities: Constructor<object>[];
  migrations: MigrationEntry[];
  /** Loads data after the migrations, in one transaction (a partner's `seedDemo`). */
  seed?: (em: EntityManager) => Promise<unknown>;
  /** Settings of the subgraph's config (`MIN_CELL_SIZE`...); statistics are never cached across requests unless set here. */
  env?: Record<string, string>;
}

export interface TestDatabase {
  orm: Orm;
  /** The subgraph's configuration, pointing at this database. */
  config: SubgraphConfig;
  /** A fresh EntityManager, as one request gets. */
  em(): EntityManager;
  /** A raw query, for checking what a write left behind. */
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  /** What `work` returns, and how many SQL statements it sent. */
  counting<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }>;
  close(): Promise<void>;
}

/**
 * A database of its own for one test file, on the PostgreSQL that the kit's
 * globalSetup started (test-support/global-setup.ts): created empty, migrated
 * with the partner's migrations, seeded. Call it in `beforeAll` and `close()`
 * in `afterAll`; the run's teardown removes the whole server.
 */
export async function createTestDatabase(options: TestDatabaseOptions): Promise<TestDatabase> {
  const adminUrl = process.env[TEST_POSTGRES_URL];
  if (!adminUrl) {
    throw new Error(`${TEST_POSTGRES_URL} is not set: name @mitra/kit/test-support/global-setup.ts as globalSetup in jest.config.js`);
  }
  const database = `test_${options.name}_${randomBytes(6).toString('hex')}`;
  const admin = knex({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
  try {
    await admin.raw(`create database "${database}"`);
  } finally {
    await admin.destroy();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const config = loadSubgraphConfig(options.name, {
    NODE_ENV: 'test',
    STATISTICS_CACHE_SECONDS: '0',
    ...options.env,
    [partnerEnv(options.name).databaseUrl]: url.toString(),
  });
  const orm = await createOrm({
    databaseUrl: config.databaseUrl,
    entities: options.entities,
    migrations: options.migrations,
    poolMax: 4,
    silentMigrations: true,
  });
  try {
    await migrate(orm);
    if (options.seed) {
      const seed = options.seed;
      await orm.em.fork().transactional((tx) => seed(tx));
    }
  } catch (error) {
    await orm.close();
    throw error;
  }
  return {
    orm,
    config,
    em: () => orm.em.fork(),
    sql: (query, params = []) => orm.em.getConnection().execute(query, params),
    counting: async (work) => {
      const scope = { requestId: 'test', sqlStatements: 0 };
      const result = await requestScope.run(scope, work);
      return { result, statements: scope.sqlStatements };
    },
    close: () => orm.close(),
  };
}
