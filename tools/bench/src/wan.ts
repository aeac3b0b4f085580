import { replaceMarkedSection, warmUpText, type BenchReport, type OperationResult } from './report';

/**
 * `npm run bench -- --rtt MS`: partners far from the gateway. Each
 * sequential fetch of an operation's query plan is one round trip to a
 * partner, so p50 is about (sequential fetches × RTT) + the work; issue 16's
 * bound is 30 ms of work on top of the round trips.
 */
export const WAN_SLACK_MS = 30;

/**
 * Operations with a bound (issue 16): district statistics and the teacher
 * page, read both ways: one teacher's page (`teacher`) and a page of 100
 * teachers (`teachers-100`, the reference operation named TeacherPage).
 */
const BOUNDED = ['district-statistics', 'teacher', 'teachers-100'];

const ms = (x: number): string => (x < 100 ? x.toFixed(1) : x.toFixed(0));

const HEADER = [
  'operation',
  'conn.',
  'sequential fetches',
  'fetches',
  'req/s',
  'p50',
  'p99',
  `fetches × RTT + ${WAN_SLACK_MS}`,
  'p50 within',
];

export function wanRows(operations: OperationResult[], rttMs: number): string[][] {
  const rows: string[][] = [];
  for (const op of operations) {
    for (const run of op.runs) {
      const g = run.gateway;
      if (!op.plan || !g || op.status !== 'measured') {
        rows.push([op.name, String(run.connections), op.status === 'measured' ? '-' : op.status, '', '', '', '', '', '']);
        continue;
      }
      const bound = op.plan.depth * rttMs + WAN_SLACK_MS;
      const errors = g.errors ? ` (${g.errors} err)` : '';
      rows.push([
        op.name,
        String(run.connections),
        String(op.plan.depth),
        String(op.plan.fetches),
        `${g.rps.toFixed(1)}${errors}`,
        ms(g.p50),
        ms(g.p99),
        String(bound),
        g.p50 <= bound ? 'yes' : `no (+${ms(g.p50 - bound)})`,
      ]);
    }
  }
  return rows;
}

export function wanTargets(operations: OperationResult[], rttMs: number): BenchReport['targets'] {
  return BOUNDED.map((name) => {
    const op = operations.find((o) => o.name === name);
    const run = op?.runs.find((r) => r.connections === 1)?.gateway;
    const bound = op?.plan ? op.plan.depth * rttMs + WAN_SLACK_MS : undefined;
    return {
      target: `${name}, concurrency 1, ${rttMs} ms from each partner: p50 <= sequential fetches × RTT + ${WAN_SLACK_MS} ms`,
      reached:
        run && bound !== undefined ? `p50 ${ms(run.p50)} ms, bound ${bound} ms (${op!.plan!.depth} sequential fetches)` : 'not measured',
      met: run && bound !== undefined ? run.p50 <= bound : null,
    };
  });
}

export function wanConsoleTable(operations: OperationResult[], rttMs: number): string {
  const rows = [HEADER, ...wanRows(operations, rttMs)];
  const widths = HEADER.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c < 1 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** The dated section of docs/benchmarks.md for a run with --rtt (replaced by a run of the same day, data and RTT). */
export function writeWanSection(file: string, report: BenchReport, rttMs: number): void {
  const m = report.machine;
  const name = `bench-wan:${report.date.slice(0, 10)} ${report.dataset} rtt=${rttMs}`;
  const rows = wanRows(report.operations, rttMs);
  const section = [
    `<!-- ${name} -->`,
    `## ${report.date.slice(0, 10)}: partners ${rttMs} ms away (${report.dataset})`,
    '',
    `- Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB RAM, ${m.os}; Node ${m.node}; ${m.postgres} (embedded); 1-minute load average ${m.loadAverage.start} at the start, ${m.loadAverage.end} at the end.`,
    `- Command: \`${report.command}\`. A gateway (one worker per core) reaches each subgraph only through a WanProxy on 127.0.0.1 (tools/devtools/src/wan-proxy.ts) that adds ${rttMs} ms of round trip per request and one more per new connection; subgraphs, PostgreSQL and the load generator (${report.loadGenerator}) are on this machine.`,
    `- ${report.durationSeconds} s per measurement after ${warmUpText(report)}. Sequential fetches: the longest chain of the gateway's query plan for the operation (as recorded); schema/test/query-plans.test.ts holds the budget of each. Latencies in ms.`,
    '',
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map((_, c) => (c < 1 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...rows.map((r) => `| ${r.map((cell) => cell || ' ').join(' | ')} |`),
    '',
    ...report.operations.filter((op) => op.status !== 'measured').map((op) => `- \`${op.name}\` ${op.status}: ${op.reason ?? ''}`),
    '',
    'Targets:',
    '',
    ...wanTargets(report.operations, rttMs).map(
      (t) => `- ${t.target}: ${t.reached}${t.met === null ? '' : t.met ? ' (met)' : ' (not met)'}`,
    ),
    '',
    `<!-- /${name} -->`,
  ].join('\n');
  replaceMarkedSection(file, name, section);
}
