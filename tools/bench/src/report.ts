import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchViewer } from './operations';
import type { RunFigures } from './load';

/** What one operation is measured against, in turns. */
export const TARGET_NAMES = ['gateway', 'gateway-1', 'router', 'direct', 'floor'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

export const TARGET_TITLES: Record<TargetName, string> = {
  gateway: 'gateway, N workers',
  'gateway-1': 'gateway, 1 worker',
  router: 'Grafbase router',
  direct: 'direct',
  floor: 'floor (SQL)',
};

/**
 * `gateway`: the hub's gateway (GATEWAY_WORKERS = one per core); `gateway-1`:
 * a second gateway with one worker; `router`: Grafbase's Rust router; all
 * three in front of the same subgraphs. `direct`: the gateway's subgraph
 * requests sent straight to the subgraphs. `floor`: one SQL statement.
 */
export type OperationRun = { connections: number } & Partial<Record<TargetName, RunFigures>>;

export interface OperationResult {
  name: string;
  title: string;
  viewer: BenchViewer;
  /** measured; not-available (a field the hub does not serve yet); failed (anything else). */
  status: 'measured' | 'not-available' | 'failed';
  reason?: string;
  /** The gateway's subgraph requests for this operation, as replayed for "direct". */
  plan?: { fetches: number; depth: number; subgraphs: string[]; source: 'query plan' | 'timing' };
  /** none: the operation does no database work (introspection). */
  floorStatus: 'measured' | 'failed' | 'none';
  floorReason?: string;
  runs: OperationRun[];
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  /** 1-minute load average when the measurements started and when they ended: other work on the machine skews the figures. */
  loadAverage: { start: number; end: number };
}

export interface BenchReport {
  date: string;
  command: string;
  dataset: string;
  subjects: { districtCode: string; districtTeachers: number; teacherId: string };
  /** The organisation whose staff read the person-level operations (--viewer-org). */
  partnerOrg: string;
  machine: Machine;
  /** What sent the HTTP requests (--load-tool), with its version. */
  loadGenerator: string;
  durationSeconds: number;
  warmupSeconds: number;
  /** The warm-up went on until this many requests had been answered (at most MAX_WARMUP_SECONDS); absent in older reports. */
  warmupRequests?: number;
  /** Each measurement was taken in this many slices, gateway, direct and floor taking turns. */
  rounds: number;
  connections: number[];
  /** Hub settings that differ from `npm start`'s defaults. */
  settings: Record<string, string | number>;
  operations: OperationResult[];
  targets: Array<{ target: string; reached: string; met: boolean | null }>;
  /** --rtt: the round trip added between the gateway and each subgraph, in ms. */
  rttMs?: number;
}

/** The longest a warm-up goes on for --warmup-requests. */
export const MAX_WARMUP_SECONDS = 60;

/** How the report's measurements were warmed up, for its text. */
export function warmUpText(report: Pick<BenchReport, 'warmupSeconds' | 'warmupRequests'>): string {
  if (report.warmupSeconds === 0) return 'no warm-up';
  const seconds = `${report.warmupSeconds} s of warm-up`;
  if (!report.warmupRequests) return seconds;
  return `${seconds}, going on until ${report.warmupRequests} requests had been answered (at most ${MAX_WARMUP_SECONDS} s)`;
}

export function loadAverage(): number {
  return Math.round(os.loadavg()[0] * 100) / 100;
}

export function describeMachine(postgresVersion: string, loadAtStart: number): Machine {
  const cpus = os.cpus();
  return {
    loadAverage: { start: loadAtStart, end: loadAverage() },
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres: postgresVersion,
  };
}

const ms = (x: number | undefined): string =>
  x === undefined || Number.isNaN(x) ? '-' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0);
const rps = (x: number | undefined): string => (x === undefined ? '-' : x < 100 ? x.toFixed(1) : x.toFixed(0));
const flagged = (f: RunFigures | undefined, text: string): string => (f && f.errors ? `${text} (${f.errors} err)` : text);

function cells(f: RunFigures | undefined): string[] {
  if (!f) return ['-', '-', '-'];
  return [flagged(f, rps(f.rps)), ms(f.p50), ms(f.p99)];
}

export function overhead(run: OperationRun): string {
  if (!run.gateway || !run.direct || !run.direct.p50) return '-';
  return `${(run.gateway.p50 / run.direct.p50).toFixed(2)}×`;
}

/** req/s with N workers ÷ req/s with one: what the other cores add. */
export function workerRatio(run: OperationRun): string {
  if (!run.gateway || !run['gateway-1'] || !run['gateway-1'].rps) return '-';
  return `${(run.gateway.rps / run['gateway-1'].rps).toFixed(2)}×`;
}

/** Direct ÷ floor at p50: what the subgraphs cost beyond their SQL. */
export function subgraphRatio(run: OperationRun): string {
  if (!run.direct || !run.floor || !run.floor.p50) return '-';
  return `${(run.direct.p50 / run.floor.p50).toFixed(2)}×`;
}

const HEADER = [
  'operation',
  'conn.',
  ...TARGET_NAMES.flatMap((t) => [`${TARGET_TITLES[t]} req/s`, 'p50', 'p99']),
  'N ÷ 1 worker (req/s)',
  'gateway ÷ direct (p50)',
  'direct ÷ floor (p50)',
];

export function tableRows(report: BenchReport): string[][] {
  const rows: string[][] = [];
  for (const op of report.operations) {
    for (const run of op.runs) {
      const measured = TARGET_NAMES.flatMap((t) => cells(run[t]));
      const gatewayCells =
        op.status === 'measured'
          ? [...measured, workerRatio(run), overhead(run), subgraphRatio(run)]
          : [
              op.status === 'not-available' ? 'not available yet' : 'failed',
              ...Array<string>(measured.length - 4).fill(''),
              ...cells(run.floor),
              '-',
              '-',
              '-',
            ];
      rows.push([op.name, String(run.connections), ...gatewayCells]);
    }
  }
  return rows;
}

export function consoleTable(report: BenchReport): string {
  const rows = [HEADER, ...tableRows(report)];
  const widths = HEADER.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c < 1 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

function markdownTable(report: BenchReport): string {
  const rows = tableRows(report);
  const out = [`| ${HEADER.join(' | ')} |`, `|${HEADER.map((_, c) => (c < 1 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const r of rows) out.push(`| ${r.map((cell) => cell || ' ').join(' | ')} |`);
  return out.join('\n');
}

function sectionKey(report: BenchReport): string {
  return `${report.date.slice(0, 10)} ${report.dataset} c=${report.connections.join(',')} d=${report.durationSeconds}`;
}

export function markdownSection(report: BenchReport): string {
  const m = report.machine;
  const notes = report.operations.map((op) => {
    const plan = !op.plan
      ? ''
      : op.plan.fetches === 0
        ? ' No subgraph request: the gateway answers it alone (no direct target).'
        : op.plan.fetches === 1
          ? ` Direct: the gateway's one request to ${op.plan.subgraphs[0]}, sent as is.`
          : ` Direct: the gateway's ${op.plan.fetches} requests to ${op.plan.subgraphs.join(', ')} (at most ${op.plan.depth} one after another), replayed in the order of its ${op.plan.source}.`;
    const state = op.status === 'measured' ? '' : ` ${op.status === 'not-available' ? 'Not available yet' : 'Failed'}: ${op.reason}.`;
    const floor = op.floorStatus === 'failed' ? ` Floor failed: ${op.floorReason}.` : '';
    return `- \`${op.name}\` (${op.viewer}): ${op.title}.${plan}${state}${floor}`;
  });
  const targets = report.targets.map((t) => `- ${t.target}: ${t.reached}${t.met === null ? '' : t.met ? ' (met)' : ' (not met)'}`);
  const key = sectionKey(report);
  return [
    `<!-- bench:${key} -->`,
    `## ${report.date.slice(0, 10)}: ${report.dataset}`,
    '',
    `- Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB RAM, ${m.os}; Node ${m.node}; ${m.postgres} (embedded). Gateway, subgraphs, PostgreSQL and the load generator (${report.loadGenerator}) share the machine; 1-minute load average ${m.loadAverage.start} at the start, ${m.loadAverage.end} at the end.`,
    `- Command: \`${report.command}\`; hub settings: ${Object.entries(report.settings)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}.`,
    `- ${report.durationSeconds} s per measurement after ${warmUpText(report)}, in ${report.rounds} slices with every target taking turns (the gateway with one worker per core, the gateway with one worker and Grafbase's router in front of the same subgraphs); subjects: district ${report.subjects.districtCode} (${report.subjects.districtTeachers.toLocaleString('en')} teachers), teacher ${report.subjects.teacherId}; persons read by ${report.partnerOrg}'s staff.`,
    '- Latencies in ms.',
    '',
    markdownTable(report),
    '',
    ...notes,
    '',
    'Targets:',
    '',
    ...targets,
    '',
    `<!-- /bench:${key} -->`,
  ].join('\n');
}

const INTRO = `# Benchmarks

Written by \`npm run bench\` (see \`tools/bench/src/bench.ts\`); each run adds or replaces its dated section below, newest first.
`;

/** Adds the run's section to docs/benchmarks.md (newest first), replacing a section of the same day and configuration. */
export function updateBenchmarksDoc(file: string, report: BenchReport): void {
  const section = markdownSection(report);
  const key = sectionKey(report);
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : INTRO;
  const start = text.indexOf(`<!-- bench:${key} -->`);
  const endMarker = `<!-- /bench:${key} -->`;
  if (start >= 0 && text.indexOf(endMarker, start) >= 0) {
    const end = text.indexOf(endMarker, start) + endMarker.length;
    text = `${text.slice(0, start)}${section}${text.slice(end)}`;
  } else {
    const first = text.indexOf('<!-- bench:');
    text = first >= 0 ? `${text.slice(0, first)}${section}\n\n${text.slice(first)}` : `${text.trimEnd()}\n\n${section}\n`;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** Replaces the section between `<!-- name -->` and `<!-- /name -->` (the memory check's, the load test's), or adds it at the end. */
export function replaceMarkedSection(file: string, name: string, section: string): void {
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : INTRO;
  const endMarker = `<!-- /${name} -->`;
  const start = text.indexOf(`<!-- ${name} -->`);
  const end = start >= 0 ? text.indexOf(endMarker, start) : -1;
  text =
    start >= 0 && end >= 0 ? `${text.slice(0, start)}${section}${text.slice(end + endMarker.length)}` : `${text.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, text);
}

/** Writes a run's JSON into `dir` as `<prefix><date>.json`; returns its path. */
export function writeJson(dir: string, report: { date: string }, prefix = ''): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${prefix}${report.date.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
