import fs from 'node:fs';
import { loadHttp, type RawRun } from './load';
import { replaceMarkedSection } from './report';

/**
 * Issue 6's memory target: under a steady load, the whole stack's memory
 * stays flat after warm-up (no growth above 10%). "Whole stack" is every
 * process of the hub: the gateway(s), the three subgraphs, and PostgreSQL's
 * postmaster with all its children. Memory is PSS (proportional set size,
 * /proc/<pid>/smaps_rollup): PostgreSQL's shared buffers are counted once
 * across its backends, not once per backend as RSS would.
 */

export interface MemorySample {
  /** Seconds since the load started. */
  at: number;
  /** PSS in MiB by process group (gateway, schools, ..., postgres). */
  byGroup: Record<string, number>;
  total: number;
}

export interface MemoryReport {
  date: string;
  command: string;
  dataset: string;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  operations: string[];
  requests: number;
  errors: number;
  /** Peak total PSS during the warm-up, and after it. */
  warmupPeakMiB: number;
  peakAfterWarmupMiB: number;
  growthPercent: number;
  flat: boolean;
  groups: Array<{ name: string; warmupPeakMiB: number; peakAfterMiB: number; endMiB: number }>;
  machine: string;
}

function pssKiB(pid: number): number {
  try {
    const text = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const match = /^Pss:\s+(\d+) kB/m.exec(text);
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // gone between listing and reading (a backend that ended)
  }
}

/** A process and all its descendants (PostgreSQL's backends and helpers). */
function withDescendants(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      const tasks = fs.readdirSync(`/proc/${out[i]}/task`);
      for (const task of tasks) {
        const children = fs.readFileSync(`/proc/${out[i]}/task/${task}/children`, 'utf8').trim();
        if (children) out.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // ended meanwhile
    }
  }
  return out;
}

export function sampleMemory(groups: Record<string, number>, at: number): MemorySample {
  const byGroup: Record<string, number> = {};
  for (const [name, pid] of Object.entries(groups)) {
    byGroup[name] = withDescendants(pid).reduce((sum, p) => sum + pssKiB(p), 0) / 1024;
  }
  return { at, byGroup, total: Object.values(byGroup).reduce((a, b) => a + b, 0) };
}

export interface MemoryLoad {
  name: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Drives the given operations in parallel (the connections split among
 * them) for `seconds`, sampling the stack's memory every second; the first
 * `warmupSeconds` are the warm-up.
 */
export async function runMemoryCheck(options: {
  groups: Record<string, number>;
  loads: MemoryLoad[];
  connections: number;
  seconds: number;
  warmupSeconds: number;
  log: (line: string) => void;
}): Promise<Omit<MemoryReport, 'date' | 'command' | 'dataset' | 'machine'> & { samples: MemorySample[] }> {
  const { groups, loads, seconds, warmupSeconds, log } = options;
  const perLoad = Math.max(1, Math.floor(options.connections / loads.length));
  const started = performance.now();
  const samples: MemorySample[] = [sampleMemory(groups, 0)];
  const timer = setInterval(() => {
    const sample = sampleMemory(groups, (performance.now() - started) / 1000);
    samples.push(sample);
    if (Math.round(sample.at) % 10 === 0)
      log(
        `[bench] memory at ${sample.at.toFixed(0)} s: ${sample.total.toFixed(0)} MiB (${Object.entries(sample.byGroup)
          .map(([k, v]) => `${k} ${v.toFixed(0)}`)
          .join(', ')})`,
      );
  }, 1000);
  let runs: RawRun[];
  try {
    runs = await Promise.all(loads.map((l) => loadHttp({ url: l.url, headers: l.headers, body: l.body, connections: perLoad, seconds })));
  } finally {
    clearInterval(timer);
  }
  samples.push(sampleMemory(groups, (performance.now() - started) / 1000));
  const during = samples.filter((s) => s.at <= warmupSeconds);
  const after = samples.filter((s) => s.at > warmupSeconds);
  const peak = (list: MemorySample[], key?: string) => Math.max(...list.map((s) => (key ? s.byGroup[key] : s.total)));
  const warmupPeakMiB = peak(during);
  const peakAfterWarmupMiB = peak(after);
  const growthPercent = ((peakAfterWarmupMiB - warmupPeakMiB) / warmupPeakMiB) * 100;
  const last = samples[samples.length - 1];
  return {
    seconds,
    warmupSeconds,
    connections: perLoad * loads.length,
    operations: loads.map((l) => l.name),
    requests: runs.reduce((sum, r) => sum + r.latencies.length, 0),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    warmupPeakMiB,
    peakAfterWarmupMiB,
    growthPercent,
    flat: growthPercent <= 10,
    groups: Object.keys(groups).map((name) => ({
      name,
      warmupPeakMiB: peak(during, name),
      peakAfterMiB: peak(after, name),
      endMiB: last.byGroup[name],
    })),
    samples,
  };
}

const mib = (x: number) => x.toFixed(1);

export function memoryMarkdown(report: MemoryReport): string {
  return [
    '<!-- memory -->',
    '## Memory under steady load (`npm run bench -- --memory`)',
    '',
    `Run of ${report.date.slice(0, 10)}: \`${report.command}\` on ${report.dataset}; ${report.machine}. ${report.connections} connections split over ${report.operations.join(', ')} for ${report.seconds} s, through both gateways; the first ${report.warmupSeconds} s are the warm-up. Memory is PSS from /proc (PostgreSQL: the postmaster and all its backends, shared buffers counted once), sampled every second. Node's heaps grow for the first minute or two of steady load before they settle, so the warm-up is 120 s by default (with 10 s the same load measured +56%; with 180 s, the last 60 s stayed 3.6% below the warm-up's peak).`,
    '',
    `- ${report.requests.toLocaleString('en')} requests, ${report.errors} errors.`,
    `- Whole stack: peak ${mib(report.warmupPeakMiB)} MiB during the warm-up, ${mib(report.peakAfterWarmupMiB)} MiB after it: **${report.growthPercent >= 0 ? '+' : ''}${report.growthPercent.toFixed(1)}%** (target: at most +10%: ${report.flat ? 'met' : 'not met'}).`,
    '',
    '| process | peak in warm-up MiB | peak after MiB | at the end MiB |',
    '|---|---:|---:|---:|',
    ...report.groups.map((g) => `| ${g.name} | ${mib(g.warmupPeakMiB)} | ${mib(g.peakAfterMiB)} | ${mib(g.endMiB)} |`),
    '<!-- /memory -->',
  ].join('\n');
}

/** Replaces the memory section of docs/benchmarks.md (or adds it at the end). */
export function updateMemorySection(file: string, report: MemoryReport): void {
  replaceMarkedSection(file, 'memory', memoryMarkdown(report));
}
