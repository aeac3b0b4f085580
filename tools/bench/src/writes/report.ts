import type { KindFigures } from './sender';
import type { Verification } from './verify';

export const fmt = (x: number): string => (Number.isNaN(x) ? '-' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));

export interface WriteLoadReport {
  date: string;
  command: string;
  clients: number;
  seconds: number;
  machine: string;
  loadAverage: { start: number; end: number };
  requests: number;
  rps: number;
  unexpected: number;
  firstUnexpected?: string;
  kinds: KindFigures[];
  verification: Verification;
}

export function table(report: WriteLoadReport): string {
  const rows = report.kinds.map((k) => `| ${k.kind} | ${k.requests} | ${k.errors} | ${fmt(k.p50)} | ${fmt(k.p95)} | ${fmt(k.p99)} |`);
  return ['| request | count | unexpected errors | p50 ms | p95 ms | p99 ms |', '|---|---:|---:|---:|---:|---:|', ...rows].join('\n');
}

export function markdown(report: WriteLoadReport): string {
  const v = report.verification;
  return `<!-- load-writes -->
## Load: mixed reads and writes (\`npm run bench -- --writes\`)

The load test of issue 7 (\`cli/src/bench-load-writes.ts\`): ${report.clients} concurrent
clients, each one request at a time with no pause, for ${report.seconds} s, through the
gateway on loopback, against a hub of its own on the demo data (\`NODE_ENV=production\`,
\`LOG_LEVEL=warn\`, \`DB_POOL_MAX\` 10 per subgraph). Half reads (the public catalogue, a
partner's page of teachers across three partners, district statistics, an event with its
registrations); half writes: a school's admin creates teachers, the SKB's admin opens
events and registers participants (a teacher just created, checked with the schools
partner through the gateway, or a community member by name), the SKB's staff records
attendance. Any error, any HTTP status but 200, or an answer without the expected data
counts as unexpected. Afterwards every acknowledged write is looked up in its partner's
database, with its audit row.

Run of ${report.date.slice(0, 10)}: \`${report.command}\` on ${report.machine}, 1-minute
load average ${report.loadAverage.start} before and ${report.loadAverage.end} after.

- **${report.requests} requests** in ${report.seconds} s (${fmt(report.rps)} req/s), **${report.unexpected} unexpected errors**${report.firstUnexpected ? ` (first: ${report.firstUnexpected})` : ''}.
- Acknowledged and present: ${v.teachers.present} of ${v.teachers.acknowledged} teachers (each with its audit row: ${v.teachers.withAudit}),
  ${v.events.present} of ${v.events.acknowledged} events, ${v.registrations.asAcknowledged} of ${v.registrations.acknowledged} registrations with the acknowledged event,
  teacher, name and attendance (audit rows: ${v.registrations.withAudit}); ${v.attendance.acknowledgedChanges} acknowledged attendance changes, ${v.attendance.auditRows} audit rows.
  **${v.ok ? 'Every acknowledged write is present.' : 'SOME ACKNOWLEDGED WRITES ARE MISSING OR DIFFER.'}**

${table(report)}
<!-- /load-writes -->`;
}
