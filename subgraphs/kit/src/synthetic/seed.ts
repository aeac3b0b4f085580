import { Client } from 'pg';
import { loadSubgraphConfig, type SubgraphName } from '../config';
import { createOrm, migrate, type OrmOptions } from '../db';
import { LoadProgress, fmt, inOrder, type SqlClient } from './bulk';
import { SyntheticOptionsError, parseSyntheticArgs } from './options';
import { SyntheticWorld } from './world';

/** What a partner's synthetic loader gets: its own database (in a transaction), the world, a progress meter. */
export interface SyntheticLoad {
  client: SqlClient;
  world: SyntheticWorld;
  progress: LoadProgress;
}

export type SeedSynthetic = (load: SyntheticLoad) => Promise<void>;

export interface SyntheticSeedDefinition {
  name: SubgraphName;
  entities: OrmOptions['entities'];
  migrations: OrmOptions['migrations'];
  tables: string[];
  seedSynthetic?: SeedSynthetic;
}

export class ExistingDataError extends Error {}

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

/** The dataset marker and whether any of the tables holds a row (both inside the current transaction). */
async function existingData(client: SqlClient, tables: string[]): Promise<string | null> {
  const meta = await client.query(`select value from mitra_meta where key = 'dataset'`);
  const marker = (meta.rows[0] as { value?: string } | undefined)?.value;
  if (marker) return marker;
  for (const table of tables) {
    const { rows } = await client.query(`select exists (select 1 from ${quote(table)}) as present`);
    if ((rows[0] as { present: boolean }).present) return `rows in ${table}`;
  }
  return null;
}

/**
 * `node dist/seed.js --synthetic --teachers N [--districts N] [--seed S]
 * [--district-sizes a,b] [--reset]`: applies migrations, then writes this
 * partner's slice of the synthetic world into its own database in one
 * transaction, marks the dataset, and runs VACUUM ANALYZE. Without --reset
 * it refuses to add to a database that already holds data.
 */
export async function runSyntheticSeed(def: SyntheticSeedDefinition, argv: string[]): Promise<void> {
  const { options, rest } = parseSyntheticArgs(argv.filter((a) => a !== '--synthetic'));
  const unknown = rest.filter((a) => a !== '--reset');
  if (unknown.length) throw new SyntheticOptionsError(`Unknown option(s): ${unknown.join(' ')}`);
  if (!def.seedSynthetic) throw new Error(`${def.name} has no synthetic data generator`);
  const reset = rest.includes('--reset');
  const config = loadSubgraphConfig(def.name);

  const orm = await createOrm({ databaseUrl: config.databaseUrl, entities: def.entities, migrations: def.migrations, poolMax: 1 });
  try {
    const applied = await migrate(orm);
    if (applied.length) console.log(`[${def.name}] applied migrations: ${applied.join(', ')}`);
  } finally {
    await orm.close();
  }

  const world = new SyntheticWorld(options);
  const client = new Client({ connectionString: config.databaseUrl });
  await client.connect();
  const progress = new LoadProgress(def.name, options.teachers);
  try {
    await client.query('begin');
    try {
      if (reset) {
        await client.query(`truncate ${def.tables.map(quote).join(', ')} cascade`);
      } else {
        const existing = await existingData(client, def.tables);
        if (existing) {
          throw new ExistingDataError(
            `[${def.name}] the database already holds data (${existing}); use --reset to replace it with ${world.label}`,
          );
        }
      }
      await def.seedSynthetic({ client: inOrder(client), world, progress });
      await client.query(
        `insert into mitra_meta (key, value) values ('dataset', $1) on conflict (key) do update set value = excluded.value, updated_at = now()`,
        [world.label],
      );
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    }
    const loaded = progress.seconds;
    // Fresh statistics for the planner, and the visibility map set, so the
    // first queries neither guess nor rewrite every page's hint bits.
    await client.query(`vacuum (analyze) ${def.tables.map(quote).join(', ')}`);
    const counts = Object.entries(progress.counts())
      .map(([table, n]) => `${fmt(n)} ${table}`)
      .join(', ');
    console.log(
      `[${def.name}] loaded ${fmt(progress.totalRows)} rows in ${loaded.toFixed(1)} s (${fmt(Math.round(progress.totalRows / loaded))} rows/s), ` +
        `vacuum analyze ${(progress.seconds - loaded).toFixed(1)} s: ${counts}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
