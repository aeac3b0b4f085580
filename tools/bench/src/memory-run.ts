import path from 'node:path';
import { memoryMarkdown, runMemoryCheck, updateMemorySection, type MemoryLoad, type MemoryReport } from './memory';
import type { BenchOperation } from './operations';
import type { RecordedPlan } from './record';
import { describeMachine, loadAverage, writeJson } from './report';
import type { HeadersFor } from './viewers';

/** The operations whose memory matters most: the big page, a district's statistics, one teacher with everything. */
const HEAVY = new Set(['teachers-100', 'district-statistics', 'teacher']);

/**
 * `npm run bench -- --memory`: steady load through the gateway on the
 * heaviest operations that answer, sampling the memory of every process of
 * the stack (the hub's services, PostgreSQL with its backends).
 */
export async function runMemoryMode(options: {
  groups: Record<string, number>;
  operations: BenchOperation[];
  plans: Map<string, RecordedPlan>;
  gatewayUrl: string;
  headersFor: HeadersFor;
  warmup: number;
  connections: number[];
  started: Date;
  dataset: string;
  postgresVersion: string;
  root: string;
  docs: boolean;
  log: (line: string) => void;
}): Promise<void> {
  const { log, root } = options;
  const heavy = options.operations.filter((op) => options.plans.has(op.name) && HEAVY.has(op.name));
  const loads: MemoryLoad[] = heavy.map((op) => ({
    name: op.name,
    url: options.gatewayUrl,
    headers: options.headersFor(op.viewer),
    body: JSON.stringify({ query: op.query, variables: op.variables }),
  }));
  // Node's heaps grow for the first minute or two of steady load before they settle (a 10 s warm-up showed +56%,
  // 180 s showed the last 60 s 3.6% below the warm-up's peak): --warmup of less than 10 s means the default, 120 s.
  const warmupSeconds = options.warmup >= 10 ? options.warmup : 120;
  log(`[bench] memory: ${warmupSeconds + 60} s of load (${loads.map((l) => l.name).join(', ')}), the first ${warmupSeconds} s warm-up`);
  const checked = await runMemoryCheck({
    groups: options.groups,
    loads,
    connections: Math.max(...options.connections, loads.length),
    seconds: warmupSeconds + 60,
    warmupSeconds,
    log,
  });
  const m = describeMachine(options.postgresVersion, loadAverage());
  const report: MemoryReport = {
    ...checked,
    date: options.started.toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`,
    dataset: options.dataset,
    machine: `${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB RAM, Node ${m.node}, ${m.postgres}`,
  };
  console.log(`\n${memoryMarkdown(report)}\n`);
  const withSamples = { ...report, samples: checked.samples };
  writeJson(path.join(root, 'bench-results'), withSamples);
  if (options.docs) updateMemorySection(path.join(root, 'docs', 'benchmarks.md'), report);
}
