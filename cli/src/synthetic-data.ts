import { Client } from 'pg';
import { syntheticArgs, syntheticDatasetLabel, type SyntheticOptions } from '@mitra/fixtures';
import { SUBGRAPH_NAMES, type SubgraphName } from '@mitra/runtime';
import { runSeedScripts } from './seeding';

/** The `mitra_meta` dataset marker of each partner's database (null: nothing loaded, or not even migrated). */
export async function readDatasets(urls: Record<SubgraphName, string>): Promise<Record<SubgraphName, string | null>> {
  const entries = await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => {
      const client = new Client({ connectionString: urls[name] });
      client.on('error', () => undefined);
      await client.connect();
      try {
        const { rows } = await client.query<{ value: string }>(`select value from mitra_meta where key = 'dataset'`);
        return [name, rows[0]?.value ?? null] as const;
      } catch (error) {
        // 42P01: no mitra_meta yet, i.e. a database that was never migrated.
        if ((error as { code?: string }).code === '42P01') return [name, null] as const;
        throw error;
      } finally {
        await client.end().catch(() => undefined);
      }
    }),
  );
  return Object.fromEntries(entries) as Record<SubgraphName, string | null>;
}

export interface PartnerLoad {
  rows: number;
  seconds: number;
}

export interface GenerateResult {
  label: string;
  seconds: number;
  partners: Partial<Record<SubgraphName, PartnerLoad>>;
}

export class ExistingDataError extends Error {}

const LOADED = /^\[(\w+)\]\s+loaded ([\d,]+) rows in ([\d.]+) s/;

/**
 * Fills the three partners' databases with a synthetic data set: each
 * partner's seed script, in its own process, writes its own slice into its
 * own database. Without `reset` it refuses (before anything is written) when
 * any of the databases already holds a data set.
 */
export async function generateSynthetic(options: {
  root: string;
  urls: Record<SubgraphName, string>;
  synthetic: SyntheticOptions;
  reset: boolean;
  env: NodeJS.ProcessEnv;
  output?: (line: string) => void;
  signal?: AbortSignal;
}): Promise<GenerateResult> {
  const label = syntheticDatasetLabel(options.synthetic);
  if (!options.reset) {
    const datasets = await readDatasets(options.urls);
    const loaded = SUBGRAPH_NAMES.filter((name) => datasets[name]);
    if (loaded.length) {
      throw new ExistingDataError(
        `The databases already hold data (${loaded.map((name) => `${name}: ${datasets[name]}`).join(', ')}); nothing was changed.\n` +
          `Add --reset to replace it with ${label} (npm run seed -- --reset brings the demo data back).`,
      );
    }
  }
  const partners: GenerateResult['partners'] = {};
  const started = Date.now();
  await runSeedScripts({
    root: options.root,
    urls: options.urls,
    env: options.env,
    args: ['--synthetic', ...syntheticArgs(options.synthetic), ...(options.reset ? ['--reset'] : [])],
    labelWidth: 'university'.length,
    signal: options.signal,
    output: (line) => {
      const match = LOADED.exec(line);
      if (match) partners[match[1] as SubgraphName] = { rows: Number(match[2].replace(/,/g, '')), seconds: Number(match[3]) };
      options.output?.(line);
    },
  });
  return { label, seconds: (Date.now() - started) / 1000, partners };
}
