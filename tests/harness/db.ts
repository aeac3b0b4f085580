import { Client } from 'pg';
import type { SubgraphName } from '@mitra/runtime';
import { hubUrls } from './env';

/**
 * Reads (and, for cleaning up after a test file, deletes) rows in a
 * partner's own database. Tests only: the hub itself never reads another
 * partner's database.
 */
export async function sql<T = Record<string, unknown>>(db: SubgraphName, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: hubUrls().databases[db] });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** `select count(*)` of each table, in one connection. */
export async function rowCounts(db: SubgraphName, tables: readonly string[]): Promise<Record<string, number>> {
  const client = new Client({ connectionString: hubUrls().databases[db] });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const table of tables) {
      counts[table] = Number((await client.query(`select count(*) as n from "${table}"`)).rows[0].n);
    }
    return counts;
  } finally {
    await client.end();
  }
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
  return sql<AuditRow>(db, 'select actor_sub, actor_org, action, entity, entity_id, details, at from audit_log where entity_id = $1 order by id', [entityId]);
}
