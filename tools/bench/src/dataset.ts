import { Client } from 'pg';
import { generateSynthetic, readDatasets } from '@mitra/cli';
import { SyntheticWorld, parseSyntheticDatasetLabel, syntheticDatasetLabel, type SyntheticOptions } from '@mitra/fixtures';
import type { SubgraphName } from '@mitra/runtime';
import { ensureFloor } from './floor';
import { pickSubjects, type BenchSubjects } from './operations';
import { ensureProviderPartnerships } from './provider';

/** The data a read benchmark runs on: which synthetic data set, the subjects picked from it. */
export interface Dataset {
  label: string;
  subjects: BenchSubjects;
  postgresVersion: string;
}

async function postgresVersion(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>(`select 'PostgreSQL ' || current_setting('server_version') as v`);
    return rows[0].v;
  } finally {
    await client.end();
  }
}

/** The data set asked for: already there, generated now, or (--skip-generate) whatever single one the folder holds. */
async function datasetLabel(options: {
  synthetic: SyntheticOptions;
  skipGenerate: boolean;
  urls: Record<SubgraphName, string>;
  dataDir: string;
  root: string;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  signal: AbortSignal;
}): Promise<string> {
  const { urls, dataDir, log } = options;
  const wanted = syntheticDatasetLabel(options.synthetic);
  const datasets = await readDatasets(urls);
  const present = new Set(Object.values(datasets));
  if (present.size === 1 && present.has(wanted)) {
    log(`Data: ${dataDir} already holds ${wanted}`);
    return wanted;
  }
  if (options.skipGenerate) {
    const only = present.size === 1 ? [...present][0] : null;
    if (!parseSyntheticDatasetLabel(only)) {
      throw new Error(
        `--skip-generate: ${dataDir} holds no single synthetic data set (${JSON.stringify(datasets)}); run without --skip-generate`,
      );
    }
    log(`Data: --skip-generate, using ${only}`);
    return only!;
  }
  log(`Data: generating ${wanted} into ${dataDir}`);
  const result = await generateSynthetic({
    root: options.root,
    urls,
    synthetic: options.synthetic,
    reset: true,
    env: options.env,
    output: log,
    signal: options.signal,
  });
  log(`Data: ${wanted} generated in ${result.seconds.toFixed(1)} s`);
  return wanted;
}

/** The data set asked for (generated when it is not there, before the hub starts) and the subjects picked from it. */
export async function prepareDataset(options: Parameters<typeof datasetLabel>[0]): Promise<Dataset> {
  const label = await datasetLabel(options);
  const subjects = pickSubjects(new SyntheticWorld(parseSyntheticDatasetLabel(label)!));
  return { label, subjects, postgresVersion: await postgresVersion(options.urls.schools) };
}

/**
 * Once the hub has started (its partners have applied their migrations): the
 * floor copy of the data set, and in both the partnerships of the
 * person-level operations' default viewer with the district's schools
 * (provider.ts). Returns the floor database's URL.
 */
export async function prepareFloor(urls: Record<SubgraphName, string>, data: Dataset, log: (line: string) => void): Promise<string> {
  const floorUrl = await ensureFloor(urls, data.label, log);
  await ensureProviderPartnerships({ urls, floorUrl, districtCode: data.subjects.districtCode, log });
  return floorUrl;
}
