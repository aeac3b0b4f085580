import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A value computed from a partner's whole database (its protected table set
 * of statistics), kept until the data it was read from changes.
 *
 * The version is PostgreSQL's own snapshot (`pg_current_snapshot()`: xmin,
 * xmax and the transactions in progress): two snapshots with the same text
 * see exactly the same committed rows, so a value read under one is the
 * value under the other, whatever writes run at the same time. The value is
 * read inside one REPEATABLE READ transaction whose first statement takes
 * that snapshot, so the label and the rows always agree. A new committed
 * write anywhere in the database changes the version (a recomputation, never
 * a stale answer); concurrent callers of one version share one computation.
 */
export class SnapshotCache<T> {
  private entry?: { version: string; value: Promise<T> };

  constructor(private readonly build: (em: EntityManager) => Promise<T>) {}

  async get(em: EntityManager): Promise<T> {
    const version = await snapshotVersion(em);
    if (this.entry?.version === version) return this.entry.value;
    const computed = this.compute(em.fork());
    const value = computed.then((c) => c.value);
    this.entry = { version, value };
    try {
      const { version: read } = await computed;
      // Labelled with the snapshot it was actually read under (a write may have committed in between).
      if (this.entry?.value === value) this.entry = { version: read, value };
      return await value;
    } catch (error) {
      if (this.entry?.value === value) this.entry = undefined;
      throw error;
    }
  }

  private compute(em: EntityManager): Promise<{ version: string; value: T }> {
    return em.transactional(
      async (tx) => {
        const version = await snapshotVersion(tx);
        return { version, value: await this.build(tx) };
      },
      { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
    );
  }
}

async function snapshotVersion(em: EntityManager): Promise<string> {
  const [row] = await em.execute<Array<{ version: string }>>('select pg_current_snapshot()::text as version');
  return row.version;
}
