import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { findFreePort } from '@mitra/devtools';
import { SyntheticOptionsError, SyntheticWorld, parseSyntheticArgs, parseSyntheticDatasetLabel, syntheticDatasetLabel, type SyntheticOptions } from '@mitra/fixtures';
import { SERVICE_NAMES, SUBGRAPH_NAMES, loadAuthConfig, signToken, subgraphUrlEnv, type SubgraphName } from '@mitra/runtime';
import { ensureFloor, loadFloor, probeFloor } from './bench-floor';
import { figures, loadHttp, type RawRun, type RunFigures } from './bench-load';
import { benchOperations, pickSubjects, type BenchOperation, type BenchViewer } from './bench-operations';
import { PlanRecorder, loadReplay, type RecordedPlan } from './bench-record';
import { consoleTable, describeMachine, loadAverage, overhead, subgraphRatio, TARGET_NAMES, updateBenchmarksDoc, workerRatio, writeJson, type BenchReport, type OperationResult, type TargetName } from './bench-report';
import { runWriteLoad } from './bench-load-writes';
import { memoryMarkdown, runMemoryCheck, updateMemorySection, type MemoryLoad, type MemoryReport } from './bench-memory';
import { databaseUrlVariable, ensureDatabases } from './databases';
import { startHub, type Hub, type ServiceName } from './hub';
import { findRepoRoot } from './repo';
import { startRouter } from './router';
import { ServiceProcess } from './services';
import { generateSynthetic, readDatasets } from './synthetic-data';

const USAGE = `usage: npm run bench -- [--teachers N] [--seed S] [--districts N] [--duration S] [--warmup S]
                        [--connections 1,10] [--operations a,b] [--skip-generate] [--data-dir DIR] [--no-docs]
  --teachers N      synthetic teachers (default 100000); generated into the bench's own data folder
                    when its data set differs (same seed, same rows)
  --duration S      seconds per measurement (default 10)
  --warmup S        seconds of warm-up before each measurement (default 2)
  --rounds R        each measurement in R slices, every target taking turns (default 5),
                    so that other work on the machine weighs on all alike
  --connections C   concurrent connections, a list (default 1,10)
  --operations      only these operations (catalogue, teacher, teachers-100, teachers-100-schools,
                    district-statistics, national-statistics)
  --skip-generate   use whatever synthetic data set the data folder holds
  --data-dir DIR    default .data/bench (kept between runs)
  --no-docs         do not update docs/benchmarks.md
  --targets LIST    what to measure (default all): gateway (the hub's, one worker per core), gateway-1
                    (a second gateway with GATEWAY_WORKERS=1), router (Grafbase's Rust router),
                    direct (the subgraphs without a gateway), floor (one SQL statement)
  --memory          instead: 60 s of steady load (after a 120 s warm-up) on the heaviest operations through
                    the gateway, sampling the whole stack's memory (PSS) every second
  --writes          instead: the load test of mixed reads and writes (--clients N, --duration S; see bench-load-writes.ts)`;

interface BenchOptions {
  synthetic: SyntheticOptions;
  duration: number;
  warmup: number;
  rounds: number;
  connections: number[];
  operations?: string[];
  skipGenerate: boolean;
  dataDir?: string;
  docs: boolean;
  targets: TargetName[];
  memory: boolean;
}

function parseOptions(argv: string[]): BenchOptions {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    process.exit(0);
  }
  const { options: synthetic, rest } = parseSyntheticArgs(argv);
  const options: BenchOptions = { synthetic, duration: 10, warmup: 2, rounds: 5, connections: [1, 10], skipGenerate: false, docs: true, targets: [...TARGET_NAMES], memory: false };
  for (let i = 0; i < rest.length; i++) {
    const value = (): string => {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new SyntheticOptionsError(`${rest[i - 1]} needs a value`);
      return v;
    };
    const positive = (text: string, flag: string): number => {
      const n = Number(text);
      if (!(n > 0) || !Number.isFinite(n)) throw new SyntheticOptionsError(`${flag} must be a positive number (got ${text})`);
      return n;
    };
    switch (rest[i]) {
      case '--duration':
        options.duration = positive(value(), '--duration');
        break;
      case '--warmup':
        options.warmup = Number(value());
        if (!(options.warmup >= 0)) throw new SyntheticOptionsError('--warmup must be 0 or more seconds');
        break;
      case '--rounds':
        options.rounds = Math.round(positive(value(), '--rounds'));
        break;
      case '--connections':
        options.connections = value()
          .split(',')
          .map((c) => Math.round(positive(c, '--connections')));
        break;
      case '--operations':
        options.operations = value().split(',');
        break;
      case '--skip-generate':
        options.skipGenerate = true;
        break;
      case '--data-dir':
        options.dataDir = value();
        break;
      case '--no-docs':
        options.docs = false;
        break;
      case '--targets': {
        const wanted = value().split(',');
        const unknown = wanted.filter((t) => !(TARGET_NAMES as readonly string[]).includes(t));
        if (unknown.length) throw new SyntheticOptionsError(`Unknown target(s): ${unknown.join(', ')} (known: ${TARGET_NAMES.join(', ')})`);
        options.targets = wanted as TargetName[];
        break;
      }
      case '--memory':
        options.memory = true;
        break;
      default:
        throw new SyntheticOptionsError(`Unknown option ${rest[i]}`);
    }
  }
  return options;
}

const BENCH_MAX_QUERY_COST = 100_000;

/** The bench's hub runs as in production: real (random, per run) secrets, no development fallbacks, quiet logs. */
function benchEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Its own embedded PostgreSQL, and its own token settings.
  for (const name of SUBGRAPH_NAMES) delete env[databaseUrlVariable(name)];
  for (const name of ['JWKS_URL', 'MITRA_DATA_DIR']) delete env[name];
  const secret = (): string => randomBytes(24).toString('hex');
  return {
    ...env,
    // The introspection operation is the gateway-bound one (no subgraph request): on, as outside production.
    INTROSPECTION: 'true',
    // The default cost limit (20,000) refuses the page of 100 teachers with every cross-partner field
    // that the benchmark measures (estimated at about 42,000); a deployment serving such pages raises it too.
    MAX_QUERY_COST: env.MAX_QUERY_COST || String(BENCH_MAX_QUERY_COST),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    JWT_SECRET: secret(),
    GATEWAY_SECRET: secret(),
    CURSOR_SECRET: secret(),
    APOLLO_TELEMETRY_DISABLED: 'true',
  };
}

/** The services listen on all interfaces; 127.0.0.1 keeps the load tool from trying ::1 first. */
const ipv4 = (url: string): string => url.replace('//localhost:', '//127.0.0.1:');

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

function errorSummary(answer: unknown): { notImplemented: boolean; reason: string } | null {
  const errors = (answer as { errors?: Array<{ message?: string; extensions?: { code?: string } }> } | null)?.errors;
  if (!errors?.length) return null;
  const first = errors[0];
  return {
    notImplemented: errors.some((e) => e.extensions?.code === 'NOT_IMPLEMENTED'),
    reason: `${first.extensions?.code ?? 'ERROR'}: ${first.message ?? ''}`.slice(0, 200),
  };
}

function runLine(name: string, connections: number, what: string, f: RunFigures): string {
  const err = f.errors ? `, ${f.errors} errors${f.firstError ? `: ${f.firstError}` : ''}` : '';
  return `[bench] ${name} c=${connections} ${what.padEnd(7)} ${f.rps.toFixed(1)} req/s, p50 ${f.p50.toFixed(2)} ms, p95 ${f.p95.toFixed(2)} ms, p99 ${f.p99.toFixed(2)} ms (${f.requests} requests${err})`;
}

/** A second gateway with one worker, in front of the hub's subgraphs, measured in turns with the hub's own. */
async function startSingleWorkerGateway(root: string, env: NodeJS.ProcessEnv, subgraphUrls: Record<SubgraphName, string>, log: (line: string) => void): Promise<{ url: string; process: ServiceProcess }> {
  const port = await findFreePort();
  const child = new ServiceProcess({
    label: 'gateway (1 worker)',
    script: path.join(root, 'gateway', 'dist', 'index.js'),
    cwd: root,
    env: {
      ...env,
      GATEWAY_WORKERS: '1',
      GATEWAY_PORT: String(port),
      ...subgraphUrlEnv(subgraphUrls),
    },
    output: log,
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (!child.running) throw new Error(`The single-worker gateway exited while starting:\n${child.tail()}`);
    const ready = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      await child.stop();
      throw new Error(`The single-worker gateway was not ready within 30 s:\n${child.tail()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  log(`Hub: a second gateway with one worker at ${base}/graphql`);
  return { url: `${base}/graphql`, process: child };
}

async function main(): Promise<void> {
  // The load test of mixed reads and writes has its own options and hub (bench-load-writes.ts).
  if (process.argv.includes('--writes')) return runWriteLoad(process.argv.slice(2));
  const options = parseOptions(process.argv.slice(2));
  const root = findRepoRoot();
  const dataDir = path.resolve(options.dataDir ?? path.join(root, '.data', 'bench'));
  const env = benchEnvironment();
  const log = (line: string): void => console.log(line);
  const started = new Date();
  const interrupted = new AbortController();
  let hub: Hub | undefined;
  let single: { url: string; process: ServiceProcess } | undefined;
  let router: { url: string; stop(): Promise<void> } | undefined;
  const onSignal = (): void => {
    interrupted.abort();
    console.error('\nInterrupted: stopping the hub');
    void Promise.all([single?.process.stop(), router?.stop(), hub?.stop()]).finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const { urls, postgres } = await ensureDatabases({ env, dataDir, log });
  try {
    // ------------------------------------------------------------ data
    const wanted = syntheticDatasetLabel(options.synthetic);
    const datasets = await readDatasets(urls);
    const present = new Set(Object.values(datasets));
    let label = wanted;
    if (present.size === 1 && present.has(wanted)) {
      log(`Data: ${dataDir} already holds ${wanted}`);
    } else if (options.skipGenerate) {
      const only = present.size === 1 ? [...present][0] : null;
      if (!parseSyntheticDatasetLabel(only)) {
        throw new Error(`--skip-generate: ${dataDir} holds no single synthetic data set (${JSON.stringify(datasets)}); run without --skip-generate`);
      }
      label = only!;
      log(`Data: --skip-generate, using ${label}`);
    } else {
      log(`Data: generating ${wanted} into ${dataDir}`);
      const result = await generateSynthetic({ root, urls, synthetic: options.synthetic, reset: true, env, output: log, signal: interrupted.signal });
      log(`Data: ${wanted} generated in ${result.seconds.toFixed(1)} s`);
    }
    const world = new SyntheticWorld(parseSyntheticDatasetLabel(label)!);
    const subjects = pickSubjects(world);
    const floorUrl = await ensureFloor(urls, label, log);
    const pgVersion = await postgresVersion(urls.schools);

    // ------------------------------------------------------------ hub
    const ports = {} as Record<ServiceName, number>;
    for (const name of SERVICE_NAMES) ports[name] = await findFreePort();
    log('Hub: starting the gateway and the three subgraphs (NODE_ENV=production)');
    hub = await startHub({ dataDir, ports, env, seed: 'none', quiet: true, log, signal: interrupted.signal });
    const hubState: { failure?: Error } = {};
    hub.closed.catch((error: Error) => {
      hubState.failure = error;
      console.error(`[bench] the hub stopped: ${error.message}`);
      interrupted.abort();
    });
    const gatewayUrl = ipv4(hub.gatewayUrl);
    const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, ipv4(hub!.subgraphUrls[n])])) as typeof hub.subgraphUrls;
    if (options.targets.includes('gateway-1')) single = await startSingleWorkerGateway(root, env, subgraphUrls, log);
    if (options.targets.includes('router')) {
      router = await startRouter({ subgraphUrls, gatewaySecret: env.GATEWAY_SECRET! });
      log(`Hub: Grafbase's router (router/grafbase.toml) at ${router.url}`);
    }

    const auth = loadAuthConfig(env);
    const tokens: Record<BenchViewer, string | null> = {
      anonymous: null,
      // Person-level data: any partner organisation; the university's staff reads teachers, trainings and results.
      partner: await signToken(auth, { org: 'university:mulia', roles: ['staff'], sub: 'bench', ttl: '1d' }),
      // Statistics without persons: a government analyst.
      analyst: await signToken(auth, { org: 'government:bench', roles: ['analyst'], sub: 'bench', ttl: '1d' }),
    };
    const headersFor = (viewer: BenchViewer): Record<string, string> => ({
      'content-type': 'application/json',
      ...(tokens[viewer] ? { authorization: `Bearer ${tokens[viewer]}` } : {}),
    });

    // ------------------------------------------------------------ what each operation costs directly
    const all = benchOperations(subjects);
    const unknown = options.operations?.filter((n) => !all.some((op) => op.name === n)) ?? [];
    if (unknown.length) throw new SyntheticOptionsError(`Unknown operation(s): ${unknown.join(', ')} (known: ${all.map((o) => o.name).join(', ')})`);
    const operations = options.operations ? all.filter((op) => options.operations!.includes(op.name)) : all;
    const plans = new Map<string, RecordedPlan>();
    const results: OperationResult[] = [];
    const recorder = new PlanRecorder(subgraphUrls);
    await recorder.start(root, env);
    try {
      for (const op of operations) {
        const body = JSON.stringify({ query: op.query, variables: op.variables });
        const { answer, plan } = await recorder.record(body, headersFor(op.viewer));
        const problem = errorSummary(answer);
        const result: OperationResult = { name: op.name, title: op.title, viewer: op.viewer, status: 'measured', floorStatus: 'measured', runs: [] };
        if (problem) {
          result.status = problem.notImplemented ? 'not-available' : 'failed';
          result.reason = problem.reason;
        } else {
          plans.set(op.name, plan);
          result.plan = {
            fetches: plan.fetches.length,
            depth: plan.depth,
            subgraphs: [...new Set(plan.fetches.map((f) => f.subgraph))],
            source: plan.source,
          };
        }
        try {
          if (op.floor) await probeFloor(floorUrl, op.floor.sql, op.floor.params);
          else result.floorStatus = 'none';
        } catch (error) {
          result.floorStatus = 'failed';
          result.floorReason = error instanceof Error ? error.message : String(error);
        }
        log(`[bench] ${op.name}: ${result.status === 'measured' ? `${result.plan!.fetches} subgraph request(s), ${result.plan!.depth} after one another (from the ${result.plan!.source})` : `${result.status}: ${result.reason}`}`);
        results.push(result);
      }
    } finally {
      await recorder.stop();
    }

    if (options.memory) {
      const groups: Record<string, number> = { ...hub.pids() };
      if (postgres) groups.postgres = postgres.pid;
      const heavy = operations.filter((op) => plans.has(op.name) && (op.name === 'teachers-100' || op.name === 'district-statistics' || op.name === 'teacher'));
      const loads: MemoryLoad[] = heavy.flatMap((op) =>
        [{ name: op.name, url: gatewayUrl, headers: headersFor(op.viewer), body: JSON.stringify({ query: op.query, variables: op.variables }) }],
      );
      // Node's heaps grow for the first minute or two of steady load before they settle (a 10 s warm-up showed +56%,
      // 180 s showed the last 60 s 3.6% below the warm-up's peak): --warmup of less than 10 s means the default, 120 s.
      const warmupSeconds = options.warmup >= 10 ? options.warmup : 120;
      log(`[bench] memory: ${warmupSeconds + 60} s of load (${loads.map((l) => l.name).join(', ')}), the first ${warmupSeconds} s warm-up`);
      const checked = await runMemoryCheck({ groups, loads, connections: Math.max(...options.connections, loads.length), seconds: warmupSeconds + 60, warmupSeconds, log });
      const m = describeMachine(pgVersion, loadAverage());
      const report: MemoryReport = {
        ...checked,
        date: started.toISOString(),
        command: `npm run bench -- ${process.argv.slice(2).join(' ')}`,
        dataset: label,
        machine: `${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB RAM, Node ${m.node}, ${m.postgres}`,
      };
      console.log(`\n${memoryMarkdown(report)}\n`);
      const withSamples = { ...report, samples: checked.samples };
      writeJson(path.join(root, 'bench-results'), withSamples);
      if (options.docs) updateMemorySection(path.join(root, 'docs', 'benchmarks.md'), report);
      return;
    }

    // ------------------------------------------------------------ measurements
    const loadAtStart = loadAverage();
    log(`[bench] 1-minute load average before measuring: ${loadAtStart} on ${os.cpus().length} cores`);
    for (const op of operations) {
      const result = results.find((r) => r.name === op.name)!;
      const plan = plans.get(op.name);
      for (const connections of options.connections) {
        if (hubState.failure) throw new Error(`The hub stopped during the measurements: ${hubState.failure.message}`);
        if (interrupted.signal.aborted) return;
        const run: OperationResult['runs'][number] = { connections };
        const gateways: GatewayUrls = { gateway: gatewayUrl, 'gateway-1': single?.url, router: router?.url };
        const targets = measurementTargets(op, plan, result.floorStatus === 'measured' ? floorUrl : null, gateways, options.targets, headersFor(op.viewer), connections);
        const slices = new Map(targets.map((t) => [t.what, [] as RawRun[]]));
        for (const t of targets) if (options.warmup > 0) await t.load(options.warmup);
        // Taking turns: a burst of other work on the machine weighs on all three alike.
        for (let round = 0; round < options.rounds; round++) {
          for (const t of targets) slices.get(t.what)!.push(await t.load(options.duration / options.rounds));
        }
        for (const t of targets) {
          run[t.what] = figures(slices.get(t.what)!, t.tool);
          log(`${runLine(op.name, connections, t.what, run[t.what]!)}${t.what === 'direct' ? `; gateway ÷ direct ${overhead(run)}` : t.what === 'gateway-1' ? `; N workers ÷ 1 worker (req/s) ${workerRatio(run)}` : ''}`);
        }
        result.runs.push(run);
      }
    }

    // ------------------------------------------------------------ report
    const report: BenchReport = {
      date: started.toISOString(),
      command: process.argv.length > 2 ? `npm run bench -- ${process.argv.slice(2).join(' ')}` : 'npm run bench',
      dataset: label,
      subjects,
      machine: describeMachine(pgVersion, loadAtStart),
      durationSeconds: options.duration,
      warmupSeconds: options.warmup,
      rounds: options.rounds,
      connections: options.connections,
      settings: { NODE_ENV: 'production', MAX_QUERY_COST: Number(env.MAX_QUERY_COST), LOG_LEVEL: 'warn' },
      operations: results,
      targets: targets(results),
    };
    console.log(`\n${consoleTable(report)}\n`);
    for (const t of report.targets) console.log(`${t.target}: ${t.reached}${t.met === null ? '' : t.met ? ' (met)' : ' (not met)'}`);
    const json = writeJson(path.join(root, 'bench-results'), report);
    console.log(`\nJSON: ${path.relative(root, json)}`);
    if (options.docs) {
      updateBenchmarksDoc(path.join(root, 'docs', 'benchmarks.md'), report);
      console.log('Table: docs/benchmarks.md');
    }
  } finally {
    await single?.process.stop();
    await router?.stop();
    if (hub) await hub.stop();
    // stop() is idempotent: a no-op when the hub already stopped the server.
    await postgres?.stop();
  }
}

type GatewayUrls = Partial<Record<'gateway' | 'gateway-1' | 'router', string>>;

interface MeasurementTarget {
  what: TargetName;
  tool: string;
  load(seconds: number): Promise<RawRun>;
}

/** What one operation is measured against: the gateway and the subgraphs directly (when it answers), the floor (when its SQL runs). */
function measurementTargets(
  op: BenchOperation,
  plan: RecordedPlan | undefined,
  floorUrl: string | null,
  gateways: GatewayUrls,
  wanted: readonly TargetName[],
  headers: Record<string, string>,
  connections: number,
): MeasurementTarget[] {
  const targets: MeasurementTarget[] = [];
  if (plan) {
    const body = JSON.stringify({ query: op.query, variables: op.variables });
    for (const what of ['gateway', 'gateway-1', 'router'] as const) {
      const url = gateways[what];
      if (url && wanted.includes(what)) targets.push({ what, tool: 'autocannon', load: (seconds) => loadHttp({ url, headers, body, connections, seconds }) });
    }
    const [single] = plan.fetches;
    // Nothing to send straight to a subgraph when the gateway answers alone (introspection).
    if (wanted.includes('direct') && plan.fetches.length > 0) {
      targets.push(
        plan.fetches.length === 1
          ? { what: 'direct', tool: 'autocannon', load: (seconds) => loadHttp({ url: single.url, headers: single.headers, body: single.body, connections, seconds }) }
          : { what: 'direct', tool: 'replay (node:http)', load: (seconds) => loadReplay(plan, connections, seconds) },
      );
    }
  }
  const floor = op.floor;
  if (floorUrl && floor && wanted.includes('floor')) {
    targets.push({ what: 'floor', tool: 'pg', load: (seconds) => loadFloor(floorUrl, floor.sql, floor.params, connections, seconds) });
  }
  return targets;
}

function targets(results: OperationResult[]): BenchReport['targets'] {
  const out: BenchReport['targets'] = [];
  const c1 = (name: string) => results.find((r) => r.name === name)?.runs.find((r) => r.connections === 1);
  const page = c1('teachers-100');
  out.push({
    target: 'Page of 100 teachers with all cross-partner fields, concurrency 1: p50 through the gateway under 35 ms',
    reached: page?.gateway ? `p50 ${page.gateway.p50.toFixed(1)} ms` : 'not measured',
    met: page?.gateway ? page.gateway.p50 < 35 : null,
  });
  out.push({
    target: 'The same page straight at the subgraphs within 3× of one SQL statement building it (direct ÷ floor, p50)',
    reached: page?.direct && page.floor ? `${subgraphRatio(page)} (${page.direct.p50.toFixed(1)} ms vs ${page.floor.p50.toFixed(1)} ms)` : 'not measured',
    met: page?.direct && page.floor ? page.direct.p50 <= 3 * page.floor.p50 : null,
  });
  const single = c1('teachers-100-schools');
  out.push({
    target: 'Gateway overhead for a single-subgraph query, concurrency 1: p50 through the gateway within 1.25× of p50 direct',
    reached: single?.gateway && single.direct ? `${overhead(single)} (${single.gateway.p50.toFixed(1)} ms vs ${single.direct.p50.toFixed(1)} ms)` : 'not measured',
    met: single?.gateway && single.direct ? single.gateway.p50 <= 1.25 * single.direct.p50 : null,
  });
  // A gateway-bound operation under load: what the second core adds.
  const bound = results
    .flatMap((r) => r.runs.filter((run) => run.gateway && run['gateway-1']).map((run) => ({ name: r.name, run })))
    .sort((a, b) => b.run.gateway!.rps / b.run['gateway-1']!.rps - a.run.gateway!.rps / a.run['gateway-1']!.rps)[0];
  out.push({
    target: `N workers reach at least 1.6× the req/s of one on a gateway-bound operation${bound ? ` (best: ${bound.name}, concurrency ${bound.run.connections})` : ''}`,
    reached: bound ? `${bound.run.gateway!.rps.toFixed(1)} vs ${bound.run['gateway-1']!.rps.toFixed(1)} req/s (${workerRatio(bound.run)})` : 'not measured',
    met: bound ? bound.run.gateway!.rps >= 1.6 * bound.run['gateway-1']!.rps : null,
  });
  out.push({
    target: 'SQL statements per request independent of page size and district size',
    reached: 'asserted with exact equality in tests/e2e/batching-scale.e2e.ts',
    met: null,
  });
  return out;
}

main().catch((error: unknown) => {
  console.error(error instanceof SyntheticOptionsError ? `${error.message}\n${USAGE}` : error instanceof Error ? error.message : error);
  process.exit(1);
});
