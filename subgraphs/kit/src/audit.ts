import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '@mitra/runtime';

export interface AuditEntry {
  /** e.g. "createTeacher" */
  action: string;
  /** e.g. "Teacher" */
  entity: string;
  entityId: string;
  /** What changed, without personal fields. */
  details?: Record<string, unknown>;
}

/**
 * Who wrote what, when: one row in the owning subgraph's own audit table, in
 * the same transaction as the write (pass the transaction's EntityManager).
 * `em.execute` runs on the transaction of `em`; `em.getConnection().execute`
 * would not, and a rolled-back write would leave its audit row behind.
 */
export async function recordAudit(em: EntityManager, viewer: Viewer, entry: AuditEntry): Promise<void> {
  await em.execute('insert into audit_log (actor_sub, actor_org, action, entity, entity_id, details) values (?, ?, ?, ?, ?, ?::jsonb)', [
    viewer.sub,
    viewer.org,
    entry.action,
    entry.entity,
    entry.entityId,
    JSON.stringify(entry.details ?? {}),
  ]);
}
