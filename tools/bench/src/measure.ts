import { loadFloor } from './floor';
import { figures, loadHttp, type RawRun, type RunFigures } from './load';
import type { BenchOperation } from './operations';
import type { RecordedPlan } from './record';
import { loadReplay } from './replay';
import { loadWrk, type LoadTool } from './wrk';
import { MAX_WARMUP_SECONDS, overhead, workerRatio, type OperationResult, type OperationRun, type TargetName } from './report';
import type { GatewayUrls } from './stack';
import type { HeadersFor } from './viewers';

export interface MeasurementTarget {
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
  tool: LoadTool,
): MeasurementTarget[] {
  const targets: MeasurementTarget[] = [];
  const loadOne = tool.name === 'wrk' ? loadWrk : loadHttp;
  if (plan) {
    const body = JSON.stringify({ query: op.query, variables: op.variables });
    for (const what of ['gateway', 'gateway-1', 'router'] as const) {
      const url = gateways[what];
      if (url && wanted.includes(what))
        targets.push({ what, tool: tool.name, load: (seconds) => loadOne({ url, headers, body, connections, seconds }) });
    }
    const [single] = plan.fetches;
    // Nothing to send straight to a subgraph when the gateway answers alone (introspection).
    if (wanted.includes('direct') && plan.fetches.length > 0) {
      targets.push(
        plan.fetches.length === 1
          ? {
              what: 'direct',
              tool: tool.name,
              load: (seconds) => loadOne({ url: single.url, headers: single.headers, body: single.body, connections, seconds }),
            }
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

function runLine(name: string, connections: number, what: string, f: RunFigures): string {
  const err = f.errors ? `, ${f.errors} errors${f.firstError ? `: ${f.firstError}` : ''}` : '';
  return `[bench] ${name} c=${connections} ${what.padEnd(7)} ${f.rps.toFixed(1)} req/s, p50 ${f.p50.toFixed(2)} ms, p95 ${f.p95.toFixed(2)} ms, p99 ${f.p99.toFixed(2)} ms (${f.requests} requests${err})`;
}

export interface Timing {
  /** Seconds per measurement, split over the rounds. */
  duration: number;
  /** Seconds of warm-up per target (0: none)... */
  warmup: number;
  /** ...going on, as long again each time, until this many requests have been answered (at most MAX_WARMUP_SECONDS). */
  warmupRequests: number;
  rounds: number;
}

/**
 * A target's warm-up: `warmup` seconds, then as long again until
 * `warmupRequests` have been answered or MAX_WARMUP_SECONDS have passed. A
 * hub gets faster over its first few hundred requests (compiled code, plans
 * PostgreSQL keeps per connection), not its first seconds: 50 ms from each
 * partner, a page of teachers answered at 146 ms after 2 s of warm-up (13
 * pages) and at 136 to 140 ms after 30 to 60 s. A target answering nothing
 * but errors is not warmed any longer.
 */
async function warmUp(t: MeasurementTarget, timing: Timing): Promise<RawRun> {
  const runs = [await t.load(timing.warmup)];
  const answered = () => runs.reduce((n, r) => n + r.latencies.length, 0);
  while (answered() > 0 && answered() < timing.warmupRequests && (runs.length + 1) * timing.warmup <= MAX_WARMUP_SECONDS)
    runs.push(await t.load(timing.warmup));
  return {
    latencies: runs.flatMap((r) => r.latencies),
    seconds: runs.reduce((n, r) => n + r.seconds, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    ...(runs.find((r) => r.firstError) ? { firstError: runs.find((r) => r.firstError)!.firstError } : {}),
  };
}

/** One measurement: a warm-up per target, then the rounds, in which the targets take turns. */
export async function measure(targets: MeasurementTarget[], timing: Timing): Promise<Map<TargetName, RawRun[]>> {
  const slices = new Map(targets.map((t) => [t.what, [] as RawRun[]]));
  const taking: MeasurementTarget[] = [];
  for (const t of targets) {
    const warm = timing.warmup > 0 ? await warmUp(t, timing) : undefined;
    // A target that answered nothing but errors while warming up (Grafbase's router refuses the introspection
    // query, "Query is nested too deep": its depth limit counts the nested type references) is reported with those errors and left out of the
    // rounds: thousands of refusals a second would only take the machine from the targets measured after it.
    if (warm && warm.errors > 0 && warm.latencies.length === 0) slices.get(t.what)!.push(warm);
    else taking.push(t);
  }
  // Taking turns: a burst of other work on the machine weighs on all three alike.
  for (let round = 0; round < timing.rounds; round++) {
    for (const t of taking) slices.get(t.what)!.push(await t.load(timing.duration / timing.rounds));
  }
  return slices;
}

/**
 * Measures every operation at every concurrency into its result's runs.
 * False when interrupted; throws when the hub stopped on its own.
 */
export async function measureAll(options: {
  operations: BenchOperation[];
  results: OperationResult[];
  plans: Map<string, RecordedPlan>;
  floorUrl: string;
  gateways: GatewayUrls;
  targets: readonly TargetName[];
  connections: number[];
  timing: Timing;
  headersFor: HeadersFor;
  /** What sends the HTTP requests of the gateways, the router and a single direct request. */
  loadTool: LoadTool;
  log: (line: string) => void;
  hubFailure: () => Error | undefined;
  interrupted: AbortSignal;
}): Promise<boolean> {
  for (const op of options.operations) {
    const result = options.results.find((r) => r.name === op.name)!;
    const plan = options.plans.get(op.name);
    for (const connections of options.connections) {
      const failure = options.hubFailure();
      if (failure) throw new Error(`The hub stopped during the measurements: ${failure.message}`);
      if (options.interrupted.aborted) return false;
      const floorUrl = result.floorStatus === 'measured' ? options.floorUrl : null;
      const targets = measurementTargets(
        op,
        plan,
        floorUrl,
        options.gateways,
        options.targets,
        options.headersFor(op.viewer),
        connections,
        options.loadTool,
      );
      const slices = await measure(targets, options.timing);
      const run: OperationRun = { connections };
      for (const t of targets) {
        run[t.what] = figures(slices.get(t.what)!, t.tool);
        const ratio =
          t.what === 'direct'
            ? `; gateway ÷ direct ${overhead(run)}`
            : t.what === 'gateway-1'
              ? `; N workers ÷ 1 worker (req/s) ${workerRatio(run)}`
              : '';
        options.log(`${runLine(op.name, connections, t.what, run[t.what]!)}${ratio}`);
      }
      result.runs.push(run);
    }
  }
  return true;
}
