import 'reflect-metadata';
import { MikroORM, type Options, type Constructor } from '@mikro-orm/core';
import { PostgreSqlDriver, type EntityManager, type PostgreSqlConnection } from '@mikro-orm/postgresql';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import { Migration20261127000000Kit, Migration20261127000001KitAudit } from './migrations-kit';
import { databaseTls } from './database-tls';
import { countSqlStatement, type Logger, type PoolUsage } from '@mitra/runtime';

export type Orm = MikroORM<PostgreSqlDriver>;
export type { EntityManager };

/** A committed migration, as a partner's `migrations/index.ts` lists it. */
export interface MigrationEntry {
  name: string;
  class: Constructor<Migration>;
  /**
   * Names this migration was recorded under before it was renamed.
   * MikroORM keeps the names of applied migrations in `mikro_orm_migrations`:
   * `migrate()` renames those rows first, so that a database that applied
   * it under an old name does not apply it again.
   */
  formerNames?: readonly string[];
}

/** The kit's own migrations: every subgraph database applies them first. */
const KIT_MIGRATIONS: readonly MigrationEntry[] = [
  { name: 'Migration20261127000000Kit', class: Migration20261127000000Kit },
  { name: 'Migration20261127000001KitAudit', class: Migration20261127000001KitAudit },
];

/**
 * Every migration of a partner's database, in the order they run: the kit's,
 * then the partner's as listed. Their names must sort in that order too (a
 * test of each partner checks it), since people and tools read migrations by
 * name.
 */
export function migrationList(partnerMigrations: readonly MigrationEntry[]): MigrationEntry[] {
  return [...KIT_MIGRATIONS, ...partnerMigrations];
}

/** The migrations whose names sort before the name of the one that runs before them: [] when names sort in run order. */
export function migrationsOutOfOrder(partnerMigrations: readonly MigrationEntry[]): string[] {
  const names = migrationList(partnerMigrations).map((m) => m.name);
  return names.filter((name, i) => i > 0 && name < names[i - 1]);
}

export interface OrmOptions {
  databaseUrl: string;
  entities: Constructor<object>[];
  /** The partner's committed migrations in run order (the kit's come first, see migrationList). */
  migrations: MigrationEntry[];
  poolMax?: number;
  debug?: boolean;
  /** Where knex's own warnings go (a broken connection, say) instead of the console. */
  logger?: Logger;
  /** No "[migrator] Applied ..." lines on the console (tests). */
  silentMigrations?: boolean;
}

/** A connection attempt that gets no answer fails after this (a black-holed database must not hang requests). */
const CONNECT_TIMEOUT_MS = 5_000;
/** A request waits at most this long for a free pooled connection. */
const ACQUIRE_TIMEOUT_MS = 10_000;

/**
 * One MikroORM instance per subgraph process, on that subgraph's own
 * database only. Migrations are the committed classes listed by the subgraph
 * (never a schema drop-and-create).
 */
export async function createOrm(options: OrmOptions): Promise<Orm> {
  // MikroORM reads host, port, user, password and database from the URL and drops its sslmode: passed on here.
  const { ssl } = databaseTls(options.databaseUrl);
  const config: Options<PostgreSqlDriver> = {
    driver: PostgreSqlDriver,
    clientUrl: options.databaseUrl,
    entities: options.entities,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator],
    migrations: {
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: options.silentMigrations ?? false,
      migrationsList: migrationList(options.migrations),
    },
    // min 0: after the database restarts, the pool opens fresh connections on demand and drops the broken ones.
    pool: { min: 0, max: options.poolMax ?? 10, idleTimeoutMillis: 30_000 },
    driverOptions: {
      acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
      connection: { connectionTimeoutMillis: CONNECT_TIMEOUT_MS, ssl },
      ...(options.logger ? { log: knexLog(options.logger) } : {}),
    },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: options.debug ?? false,
    ensureDatabase: false,
    colors: false,
  };
  const orm = await MikroORM.init<PostgreSqlDriver>(config);
  const knex = (orm.em.getConnection() as PostgreSqlConnection).getKnex();
  knex.on('query', countSqlStatement);
  return orm;
}

const STATEMENT = /\b(select|insert into|update|delete from|with|begin|commit|rollback|savepoint)\b/i;

/**
 * knex's own warnings can quote the statement a broken connection was
 * running (`Connection Error: Error: select … where id in ('…') - read
 * ECONNRESET`), values inlined: keep the error's class and the driver's
 * reason, never the statement.
 */
export function knexLogMessage(message: unknown): string {
  const text = String(message);
  if (!STATEMENT.test(text)) return text;
  const prefix = /^(?:[A-Za-z ]*Error: )+/.exec(text)?.[0] ?? '';
  const dash = text.lastIndexOf(' - ');
  const reason = dash >= 0 ? text.slice(dash + 3) : '';
  const tail = reason && !STATEMENT.test(reason) ? ` - ${reason}` : '';
  return `${prefix}(statement not logged: it may contain row values)${tail}`;
}

function knexLog(logger: Logger) {
  const child = logger.child({ source: 'knex' });
  return {
    warn: (message: unknown) => child.warn(knexLogMessage(message)),
    error: (message: unknown) => child.error(knexLogMessage(message)),
    deprecate: (method: unknown, alternative: unknown) => child.warn(`${String(method)} is deprecated; use ${String(alternative)}`),
    debug: () => undefined,
  };
}

interface TarnPool {
  max: number;
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

/** The connection pool's counters for /metrics; undefined once the pool is closed. */
export function poolUsage(orm: Orm): PoolUsage | undefined {
  let pool: TarnPool | undefined;
  try {
    pool = ((orm.em.getConnection() as PostgreSqlConnection).getKnex().client as { pool?: TarnPool }).pool;
  } catch {
    return undefined;
  }
  if (!pool) return undefined;
  return {
    used: pool.numUsed(),
    free: pool.numFree(),
    pendingAcquires: pool.numPendingAcquires(),
    pendingCreates: pool.numPendingCreates(),
    max: pool.max,
  };
}

/** Applies the pending migrations (after renaming the rows of renamed ones); returns the names applied. */
export async function migrate(orm: Orm): Promise<string[]> {
  await renameRecordedMigrations(orm);
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}

/** Rows of `mikro_orm_migrations` under a former name get the current one (see MigrationEntry.formerNames). */
async function renameRecordedMigrations(orm: Orm): Promise<void> {
  const list = (orm.config.get('migrations').migrationsList ?? []) as MigrationEntry[];
  const renames = list.flatMap((m) => (m.formerNames ?? []).map((former) => [former, m.name] as const));
  if (!renames.length) return;
  const [table] = await orm.em
    .getConnection()
    .execute<{ found: boolean }[]>(`select to_regclass('mikro_orm_migrations') is not null as found`);
  // A new database: nothing was recorded under any name.
  if (!table.found) return;
  await orm.em.fork().transactional(async (tx) => {
    for (const [former, current] of renames) {
      // `tx.execute` runs on the transaction (see recordAudit): all renames or none.
      await tx.execute(
        'update mikro_orm_migrations set name = ? where name = ? and not exists (select 1 from mikro_orm_migrations where name = ?)',
        [current, former, current],
      );
    }
  });
}

/** `select 1` with a deadline, for /readyz. */
export async function databaseAnswers(orm: Orm, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const ping = orm.em.getConnection().execute('select 1');
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
    });
    await Promise.race([ping, timeout]);
    return true;
  } catch {
    return false;
  } finally {
    if (timer) clearTimeout(timer);
  }
}

export async function readMeta(em: EntityManager, key: string): Promise<string | null> {
  const rows = await em.getConnection().execute<{ value: string }[]>('select value from mitra_meta where key = ?', [key]);
  return rows.length ? rows[0].value : null;
}

export async function writeMeta(em: EntityManager, key: string, value: string): Promise<void> {
  await em
    .getConnection()
    .execute(
      'insert into mitra_meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value, updated_at = now()',
      [key, value],
    );
}
