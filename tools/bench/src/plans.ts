import { SyntheticOptionsError } from '@mitra/fixtures';
import type { SubgraphName } from '@mitra/runtime';
import { probeFloor } from './floor';
import { benchOperations, type BenchOperation, type BenchSubjects } from './operations';
import { PlanRecorder, type RecordedPlan } from './record';
import type { OperationResult } from './report';
import type { HeadersFor } from './viewers';

/** Every operation, or the ones named (an unknown name is refused); `partnerOrg` reads the person-level ones. */
export function selectOperations(subjects: BenchSubjects, names: string[] | undefined, partnerOrg: string): BenchOperation[] {
  const all = benchOperations(subjects, partnerOrg);
  const unknown = names?.filter((n) => !all.some((op) => op.name === n)) ?? [];
  if (unknown.length)
    throw new SyntheticOptionsError(`Unknown operation(s): ${unknown.join(', ')} (known: ${all.map((o) => o.name).join(', ')})`);
  return names ? all.filter((op) => names.includes(op.name)) : all;
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

/** One operation through the recording gateway (does it answer, with which subgraph requests?) and its floor SQL once. */
async function probeOperation(
  recorder: PlanRecorder,
  op: BenchOperation,
  floorUrl: string,
  headers: Record<string, string>,
): Promise<{ result: OperationResult; plan?: RecordedPlan }> {
  const body = JSON.stringify({ query: op.query, variables: op.variables });
  const { answer, plan } = await recorder.record(body, headers);
  const problem = errorSummary(answer);
  const result: OperationResult = {
    name: op.name,
    title: op.title,
    viewer: op.viewer,
    status: 'measured',
    floorStatus: 'measured',
    runs: [],
  };
  if (problem) {
    result.status = problem.notImplemented ? 'not-available' : 'failed';
    result.reason = problem.reason;
  } else {
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
  return problem ? { result } : { result, plan };
}

/**
 * What each operation costs directly: the subgraph requests the gateway's
 * plan makes for it (replayed as "direct"), recorded once per operation.
 */
export async function recordPlans(options: {
  operations: BenchOperation[];
  subgraphUrls: Record<SubgraphName, string>;
  root: string;
  env: NodeJS.ProcessEnv;
  floorUrl: string;
  headersFor: HeadersFor;
  log: (line: string) => void;
}): Promise<{ results: OperationResult[]; plans: Map<string, RecordedPlan> }> {
  const plans = new Map<string, RecordedPlan>();
  const results: OperationResult[] = [];
  const recorder = new PlanRecorder(options.subgraphUrls);
  try {
    await recorder.start(options.root, options.env);
    for (const op of options.operations) {
      const { result, plan } = await probeOperation(recorder, op, options.floorUrl, options.headersFor(op.viewer));
      if (plan) plans.set(op.name, plan);
      options.log(
        `[bench] ${op.name}: ${result.status === 'measured' ? `${result.plan!.fetches} subgraph request(s), ${result.plan!.depth} after one another (from the ${result.plan!.source})` : `${result.status}: ${result.reason}`}`,
      );
      results.push(result);
    }
  } finally {
    await recorder.stop();
  }
  return { results, plans };
}
