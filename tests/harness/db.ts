import { Client } from 'pg';
import type { SubgraphName } from '@mitra/runtime';
import { hubUrls } from './env';

/**
 * Each partner's own database, read (and, for cleaning up after a test
 * file, written) by the tests only: the hub itself never reads another
 * partner's database. The shared hub's databases unless `at` names
 * another hub's (a hub of a test's own: `own.hub.databaseUrls`).
 */
export type Databases = Readonly<Record<SubgraphName, string>>;

/** A client connected to a partner's database, for a test that holds one open (a transaction, many queries); the caller ends it. */
export async function connect(db: SubgraphName, at: Databases = hubUrls().databases): Promise<Client> {
  const client = new Client({ connectionString: at[db] });
  await client.connect();
  return client;
}

/** Runs `use` on a connection of its own, closed afterwards. */
export async function withDatabase<T>(db: SubgraphName, use: (client: Client) => Promise<T>, at?: Databases): Promise<T> {
  const client = await connect(db, at);
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** One statement in a partner's database; its rows. */
export function sql<T = Record<string, unknown>>(db: SubgraphName, text: string, params: unknown[] = [], at?: Databases): Promise<T[]> {
  return withDatabase(db, async (client) => (await client.query(text, params)).rows as T[], at);
}

/** `select count(*)` of each table, in one connection. */
export function rowCounts(db: SubgraphName, tables: readonly string[], at?: Databases): Promise<Record<string, number>> {
  return withDatabase(
    db,
    async (client) => {
      const counts: Record<string, number> = {};
      for (const table of tables) {
        counts[table] = Number((await client.query(`select count(*) as n from "${table}"`)).rows[0].n);
      }
      return counts;
    },
    at,
  );
}

export interface AuditRow {
  actor_sub: string;
  actor_org: string;
  action: string;
  entity: string;
  entity_id: string;
  details: Record<string, unknown>;
  at: Date;
}

/** The audit trail of one row, oldest first. */
export function auditOf(db: SubgraphName, entityId: string): Promise<AuditRow[]> {
  return sql<AuditRow>(
    db,
    'select actor_sub, actor_org, action, entity, entity_id, details, at from audit_log where entity_id = $1 order by id',
    [entityId],
  );
}

/** New, empty databases on the server of `adminUrl` (a superuser's); their URLs, by the same keys. */
export async function createDatabases<K extends string>(adminUrl: string, names: Record<K, string>): Promise<Record<K, string>> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const name of Object.values<string>(names)) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const urlOf = (name: string): string => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  return Object.fromEntries(Object.entries<string>(names).map(([key, name]) => [key, urlOf(name)])) as Record<K, string>;
}

/** Drops them, closing whatever connections they still have. */
export async function dropDatabases(adminUrl: string, names: readonly string[]): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const name of names) await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}
