import os from 'node:os';
import path from 'node:path';
import { ensureDatabases, findRepoRoot } from '@mitra/cli';
import { SyntheticOptionsError } from '@mitra/fixtures';
import { prepareDataset, prepareFloor, type Dataset } from './dataset';
import { benchEnvironment } from './environment';
import { startBenchIdentity } from './identity';
import { autocannonVersion } from './load';
import { measureAll } from './measure';
import { runMemoryMode } from './memory-run';
import { USAGE, parseOptions, type BenchOptions } from './options';
import { recordPlans, selectOperations } from './plans';
import {
  consoleTable,
  describeMachine,
  loadAverage,
  updateBenchmarksDoc,
  writeJson,
  type BenchReport,
  type OperationResult,
} from './report';
import { BenchStack } from './stack';
import { benchTargets } from './targets';
import { probeReach, viewerHeaders } from './viewers';
import { runWriteLoad } from './writes/write-load';
import { wanConsoleTable, wanTargets, writeWanSection } from './wan';
import { chooseLoadTool } from './wrk';

/** Prints the table and the targets, writes the JSON and (unless --no-docs) the dated section of docs/benchmarks.md. */
function publish(report: BenchReport, root: string, docs: boolean, rttMs?: number): void {
  console.log(`\n${rttMs === undefined ? consoleTable(report) : wanConsoleTable(report.operations, rttMs)}\n`);
  for (const t of report.targets) console.log(`${t.target}: ${t.reached}${t.met === null ? '' : t.met ? ' (met)' : ' (not met)'}`);
  const json = writeJson(path.join(root, 'bench-results'), report);
  console.log(`\nJSON: ${path.relative(root, json)}`);
  if (docs) {
    const file = path.join(root, 'docs', 'benchmarks.md');
    if (rttMs === undefined) updateBenchmarksDoc(file, report);
    else writeWanSection(file, report, rttMs);
    console.log('Table: docs/benchmarks.md');
  }
}

function benchReport(
  options: BenchOptions,
  env: NodeJS.ProcessEnv,
  started: Date,
  data: Dataset,
  loadAtStart: number,
  results: OperationResult[],
  loadGenerator: string,
): BenchReport {
  return {
    date: started.toISOString(),
    command: process.argv.length > 2 ? `npm run bench -- ${process.argv.slice(2).join(' ')}` : 'npm run bench',
    dataset: data.label,
    subjects: data.subjects,
    partnerOrg: options.viewerOrg,
    machine: describeMachine(data.postgresVersion, loadAtStart),
    loadGenerator,
    durationSeconds: options.duration,
    warmupSeconds: options.warmup,
    warmupRequests: options.warmupRequests,
    rounds: options.rounds,
    connections: options.connections,
    settings: { NODE_ENV: 'production', MAX_QUERY_COST: Number(env.MAX_QUERY_COST), LOG_LEVEL: 'warn' },
    operations: results,
    targets: options.rttMs === undefined ? benchTargets(results) : wanTargets(results, options.rttMs),
    ...(options.rttMs === undefined ? {} : { rttMs: options.rttMs }),
  };
}

/** The read benchmark (and, with --memory, the memory check) on a hub of its own over synthetic data. */
async function runReadBench(options: BenchOptions): Promise<void> {
  const root = findRepoRoot();
  const dataDir = path.resolve(options.dataDir ?? path.join(root, '.data', 'bench'));
  const identity = await startBenchIdentity();
  const env = benchEnvironment(identity.url);
  const log = (line: string): void => console.log(line);
  const started = new Date();
  const stack = new BenchStack();
  stack.stopOnSignals();

  const { urls, postgres } = await ensureDatabases({ env, dataDir, log }).catch(async (error: unknown) => {
    await identity.close();
    throw error;
  });
  try {
    const data = await prepareDataset({
      synthetic: options.synthetic,
      skipGenerate: options.skipGenerate,
      urls,
      dataDir,
      root,
      env,
      log,
      signal: stack.interrupted.signal,
    });
    const { subgraphUrls, gateways } = await stack.start({ root, env, dataDir, targets: options.targets, rttMs: options.rttMs, log });
    const floorUrl = await prepareFloor(urls, data, log);
    const headersFor = viewerHeaders(env, identity, options.viewerOrg);
    const operations = selectOperations(data.subjects, options.operations, options.viewerOrg);
    if (operations.some((op) => op.viewer === 'partner'))
      await probeReach({ gatewayUrl: gateways.gateway!, headers: headersFor('partner'), partnerOrg: options.viewerOrg, log });
    const { results, plans } = await recordPlans({ operations, subgraphUrls, root, env, floorUrl, headersFor, log });

    if (options.memory) {
      const groups: Record<string, number> = { ...stack.hub!.pids() };
      if (postgres) groups.postgres = postgres.pid;
      const { warmup, connections, docs } = options;
      await runMemoryMode({
        groups,
        operations,
        plans,
        gatewayUrl: gateways.gateway!,
        headersFor,
        warmup,
        connections,
        started,
        dataset: data.label,
        postgresVersion: data.postgresVersion,
        root,
        docs,
        log,
      });
      return;
    }

    const loadTool = chooseLoadTool(options.loadTool, autocannonVersion());
    log(
      `[bench] load generator: ${loadTool.label}${loadTool.name === 'autocannon' && options.loadTool === 'auto' ? ' (wrk is not installed; on a small machine autocannon takes CPU the services need: apt-get install wrk)' : ''}`,
    );
    const loadAtStart = loadAverage();
    log(`[bench] 1-minute load average before measuring: ${loadAtStart} on ${os.cpus().length} cores`);
    const completed = await measureAll({
      operations,
      results,
      plans,
      floorUrl,
      gateways,
      targets: options.targets,
      connections: options.connections,
      timing: { duration: options.duration, warmup: options.warmup, warmupRequests: options.warmupRequests, rounds: options.rounds },
      headersFor,
      loadTool,
      log,
      hubFailure: () => stack.failure,
      interrupted: stack.interrupted.signal,
    });
    if (completed)
      publish(benchReport(options, env, started, data, loadAtStart, results, loadTool.label), root, options.docs, options.rttMs);
  } finally {
    await stack.stop();
    // stop() is idempotent: a no-op when the hub already stopped the server.
    await postgres?.stop();
    await identity.close();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // The load test of mixed reads and writes has its own options and hub (writes/write-load.ts).
  if (argv.includes('--writes')) return runWriteLoad(argv);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  await runReadBench(parseOptions(argv));
}

main().catch((error: unknown) => {
  console.error(error instanceof SyntheticOptionsError ? `${error.message}\n${USAGE}` : error instanceof Error ? error.message : error);
  process.exit(1);
});
