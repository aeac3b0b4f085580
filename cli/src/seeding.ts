import { SUBGRAPH_NAMES, type SubgraphName } from '@mitra/runtime';
import { databaseUrlVariable } from './databases';
import { builtScript } from './repo';
import { describeExit, ServiceProcess } from './services';

export type SeedMode = 'if-empty' | 'reset';

const SEED_TIMEOUT_MS = 300_000;

export interface SeedOptions {
  root: string;
  mode: SeedMode;
  urls: Record<SubgraphName, string>;
  env: NodeJS.ProcessEnv;
  output?: (line: string) => void;
  labelWidth?: number;
  /** Aborting stops the seed processes and rejects. */
  signal?: AbortSignal;
}

/**
 * Runs every subgraph's `dist/seed.js` (migrations, then demo data) in
 * parallel, each against its own database only.
 */
export function runSeeds(options: SeedOptions): Promise<void> {
  return runSeedScripts({ ...options, args: [`--${options.mode}`], timeoutMs: SEED_TIMEOUT_MS });
}

export interface SeedScriptOptions extends Omit<SeedOptions, 'mode'> {
  /** Arguments for every subgraph's seed script. */
  args: string[];
  /** Default: no limit. */
  timeoutMs?: number;
}

/**
 * Runs every subgraph's `dist/seed.js` with the same arguments, in parallel
 * processes, each against its own database only (demo data, or with
 * `--synthetic` a synthetic data set).
 */
export async function runSeedScripts(options: SeedScriptOptions): Promise<void> {
  if (options.signal?.aborted) throw new Error('seeding was interrupted');
  const scripts = SUBGRAPH_NAMES.map((name) => [name, builtScript(options.root, `subgraphs/${name}/dist/seed.js`)] as const);
  const processes = scripts.map(
    ([name, script]) =>
      new ServiceProcess({
        label: name,
        script,
        args: options.args,
        cwd: options.root,
        env: { ...options.env, [databaseUrlVariable(name)]: options.urls[name] },
        output: options.output,
        labelWidth: options.labelWidth,
      }),
  );
  for (const p of processes) p.expectedExit = true;
  const stopAll = async (): Promise<void> => {
    await Promise.all(processes.map((p) => p.stop(5_000)));
  };

  let timer: NodeJS.Timeout | undefined;
  const onAbort = (): void => void stopAll();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const limit = options.timeoutMs;
    const results = await Promise.race([
      Promise.all(processes.map(async (p) => ({ p, status: await p.exited }))),
      new Promise<never>((_, reject) => {
        if (limit) timer = setTimeout(() => reject(new Error(`seeding took longer than ${limit / 1000} s`)), limit);
      }),
    ]);
    if (options.signal?.aborted) throw new Error('seeding was interrupted');
    const failed = results.filter(({ status }) => status.code !== 0);
    if (failed.length) {
      throw new Error(
        failed.map(({ p, status }) => `Seeding ${p.label} failed (${describeExit(status)}); last output:\n${p.tail()}`).join('\n'),
      );
    }
  } catch (error) {
    await stopAll();
    throw error;
  } finally {
    if (timer) clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}
