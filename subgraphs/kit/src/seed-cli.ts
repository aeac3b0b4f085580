import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphName } from './config';
import { loadSubgraphConfig } from './config';
import { createOrm, migrate, readMeta, writeMeta, type OrmOptions } from './db';
import { runSyntheticSeed, type SeedSynthetic } from './synthetic/seed';

export interface SeedDefinition {
  name: SubgraphName;
  entities: OrmOptions['entities'];
  migrations: OrmOptions['migrations'];
  /** The subgraph's own tables, emptied by --reset (children first is not needed: TRUNCATE ... CASCADE). */
  tables: string[];
  seedDemo(em: EntityManager): Promise<Record<string, number>>;
  /** Writes this partner's slice of a synthetic world (`--synthetic`, see synthetic/seed.ts). */
  seedSynthetic?: SeedSynthetic;
}

/**
 * `node dist/seed.js [--reset | --if-empty]`: applies migrations, then loads
 * the demo data into this subgraph's own database, in one transaction.
 * --if-empty (the default) loads it only once; --reset empties the
 * subgraph's tables first.
 */
export async function runSeedCli(def: SeedDefinition, argv = process.argv.slice(2)): Promise<void> {
  if (argv.includes('--synthetic')) return runSyntheticSeed(def, argv);
  const unknown = argv.filter((a) => a !== '--reset' && a !== '--if-empty');
  if (unknown.length) throw new Error(`Unknown option(s): ${unknown.join(' ')} (use --reset or --if-empty)`);
  const reset = argv.includes('--reset');
  const config = loadSubgraphConfig(def.name);
  const orm = await createOrm({ databaseUrl: config.databaseUrl, entities: def.entities, migrations: def.migrations, poolMax: 2 });
  try {
    const applied = await migrate(orm);
    if (applied.length) console.log(`[${def.name}] applied migrations: ${applied.join(', ')}`);
    const em = orm.em.fork();
    const loaded = await readMeta(em, 'dataset');
    if (loaded && !reset) {
      // The command that reloads it is said once, by `npm start` or `npm run seed`, not once per subgraph.
      console.log(`[${def.name}] ${loaded} data already loaded`);
      return;
    }
    await em.transactional(async (tx) => {
      if (def.tables.length) {
        await tx.getConnection().execute(`truncate ${def.tables.map((t) => `"${t}"`).join(', ')} cascade`);
      }
      const counts = await def.seedDemo(tx);
      await writeMeta(tx, 'dataset', 'demo');
      console.log(`[${def.name}] demo data loaded: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);
    });
  } finally {
    await orm.close();
  }
}
