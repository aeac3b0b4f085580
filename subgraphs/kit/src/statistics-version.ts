import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The data version of a partner's protected statistics (issue 14), one
 * mechanism for every partner: one row, bumped by a statement trigger in the
 * same transaction as every write to the tables its statistics count, whoever
 * writes (the API, a seed, an operator with psql). A reader sees the new
 * version only once the write has committed, together with the rows it
 * wrote. Writes to other tables (the audit trail, a mirror, another
 * database of the same server) leave it alone, so the protected set is built
 * once per change of its own data. `epoch` tells a recreated database from
 * the old one.
 */
export function statisticsVersionUpSql(tables: readonly string[]): string[] {
  return [
    `create table "statistics_version" (
      "id" int primary key check ("id" = 1),
      "epoch" uuid not null default gen_random_uuid(),
      "version" bigint not null default 0
    );`,
    'insert into "statistics_version" ("id") values (1);',
    `create function "bump_statistics_version"() returns trigger language plpgsql as $$
      begin
        update "statistics_version" set "version" = "version" + 1 where "id" = 1;
        return null;
      end $$;`,
    ...tables.map(
      (table) =>
        `create trigger "${table}_statistics_version" after insert or update or delete or truncate on "${table}"
           for each statement execute function "bump_statistics_version"();`,
    ),
  ];
}

export function statisticsVersionDownSql(tables: readonly string[]): string[] {
  return [
    ...tables.map((table) => `drop trigger if exists "${table}_statistics_version" on "${table}";`),
    'drop function if exists "bump_statistics_version"();',
    'drop table if exists "statistics_version";',
  ];
}

/** The current data version of the statistics, as `epoch:version`. */
export async function statisticsVersion(em: EntityManager): Promise<string> {
  const [row] = await em.execute<Array<{ epoch: string; version: string }>>(
    'select epoch, version::text as version from statistics_version where id = 1',
  );
  return `${row.epoch}:${row.version}`;
}

/**
 * A value computed from a partner's statistics tables (its protected table
 * set), kept until their data version changes. The value is read inside one
 * read-only REPEATABLE READ transaction whose first statement reads the
 * version, so the label and the rows always agree: a write that commits in
 * between is filed under the next version (a recomputation, never a stale
 * answer). Concurrent callers of one version share one computation.
 */
export class StatisticsVersionCache<T> {
  private entry?: { version: string; value: Promise<T> };

  constructor(private readonly build: (em: EntityManager, version: string) => Promise<T>) {}

  async get(em: EntityManager): Promise<T> {
    const version = await statisticsVersion(em);
    if (this.entry?.version === version) return this.entry.value;
    const computed = this.compute(em.fork());
    const value = computed.then((c) => c.value);
    this.entry = { version, value };
    try {
      const { version: read } = await computed;
      if (this.entry?.value === value) this.entry = { version: read, value };
      return await value;
    } catch (error) {
      if (this.entry?.value === value) this.entry = undefined;
      throw error;
    }
  }

  /** Forgets the value (tests, and writes that want the next read to recompute at once). */
  clear(): void {
    this.entry = undefined;
  }

  private compute(em: EntityManager): Promise<{ version: string; value: T }> {
    return em.transactional(
      async (tx) => {
        const version = await statisticsVersion(tx);
        return { version, value: await this.build(tx, version) };
      },
      { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
    );
  }
}
