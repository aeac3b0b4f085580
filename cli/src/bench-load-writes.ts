import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { findFreePort } from '@mitra/devtools';
import { DEMO_IDS } from '@mitra/fixtures';
import { todayWita } from '@mitra/kit';
import { SUBGRAPH_NAMES, loadAuthConfig, signToken, type SubgraphName } from '@mitra/runtime';
import { percentile } from './bench-load';
import { loadAverage } from './bench-report';
import { databaseUrlVariable } from './databases';
import { startHub, type Hub, type ServiceName } from './hub';
import { findRepoRoot } from './repo';

/**
 * `npm run bench -- --writes`: the load test of issue 7. Concurrent clients
 * (default 100) send mixed reads and writes through the gateway for a
 * bounded time (default 60 s), closed loop, on loopback only, against a hub
 * of its own on the demo data: a school's admin creates teachers, the SKB's
 * admin registers them (and other participants) for events it opens, the
 * SKB's staff records attendance, partners and analysts read. Every answer
 * is checked; afterwards every acknowledged write is looked up in the
 * partners' databases, with its audit row. Prints the figures and records
 * them in a section of docs/benchmarks.md.
 */

export const WRITES_USAGE = `usage: npm run bench -- --writes [--clients N] [--duration S] [--data-dir DIR] [--no-docs]
  --clients N     concurrent clients, each one request at a time (default 100, at most 500)
  --duration S    seconds of load (default 60, at most 600)
  --data-dir DIR  default .data/bench-writes (its demo data is reloaded at each run)
  --no-docs       do not update docs/benchmarks.md`;

interface WriteLoadOptions {
  clients: number;
  duration: number;
  dataDir?: string;
  docs: boolean;
}

export class WriteLoadOptionsError extends Error {}

export function parseWriteLoadOptions(argv: string[]): WriteLoadOptions {
  const options: WriteLoadOptions = { clients: 100, duration: 60, docs: true };
  for (let i = 0; i < argv.length; i++) {
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new WriteLoadOptionsError(`${argv[i - 1]} needs a value`);
      return v;
    };
    const bounded = (flag: string, max: number): number => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1 || n > max) throw new WriteLoadOptionsError(`${flag} must be a whole number from 1 to ${max}`);
      return n;
    };
    switch (argv[i]) {
      case '--writes':
        break;
      case '--clients':
        options.clients = bounded('--clients', 500);
        break;
      case '--duration':
        options.duration = bounded('--duration', 600);
        break;
      case '--data-dir':
        options.dataDir = value();
        break;
      case '--no-docs':
        options.docs = false;
        break;
      default:
        throw new WriteLoadOptionsError(`Unknown option ${argv[i]} for --writes`);
    }
  }
  return options;
}

type Kind = 'read:catalogue' | 'read:teachers' | 'read:statistics' | 'read:event' | 'createTeacher' | 'createTrainingEvent' | 'openEvent' | 'registerParticipant' | 'recordAttendance';
type Caller = 'anonymous' | 'partner' | 'analyst' | 'schoolAdmin' | 'skbAdmin' | 'skbStaff';

interface Registration {
  id: string;
  eventId: string;
  teacherId: string | null;
  participantName: string;
  /** The last attendance the hub acknowledged. */
  status: 'REGISTERED' | 'ATTENDED' | 'NO_SHOW';
}

/** What the hub said it did: checked against the databases afterwards. */
interface Acknowledged {
  teachers: Map<string, string>;
  events: Set<string>;
  registrations: Map<string, Registration>;
  /** Attendance changes acknowledged (a change of status writes one audit row; the same status again writes none). */
  attendanceChanges: number;
}

interface Tally {
  latencies: number[];
  errors: number;
}

const QUERIES: Record<Exclude<Kind, 'openEvent'>, string> = {
  'read:catalogue':
    'query LoadCatalogue { trainingPrograms { code title tier } venues { name capacity } trainingEvents(first: 20, filter: { status: OPEN }) { totalCount edges { node { id title startsOn } } } }',
  'read:teachers':
    'query LoadTeachers { teachers(first: 20, filter: { districtCode: "64.71" }) { totalCount edges { node { fullName school { name } trainingHistory { status } highestCompletedTier } } } }',
  'read:statistics': 'query LoadStatistics { district(code: "64.71") { teacherCount qualifications { teacherCount meetingStandard } training { teachersTrained } } }',
  'read:event': 'query LoadEvent($id: ID!) { trainingEvent(id: $id) { title capacity registrations { id status participantName } } }',
  createTeacher: 'mutation LoadCreateTeacher($input: TeacherInput!) { createTeacher(input: $input) { id fullName } }',
  createTrainingEvent: 'mutation LoadCreateEvent($input: TrainingEventInput!) { createTrainingEvent(input: $input) { id } }',
  registerParticipant:
    'mutation LoadRegister($e: ID!, $t: ID, $name: String) { registerParticipant(eventId: $e, teacherId: $t, participantName: $name) { id participantName status } }',
  recordAttendance: 'mutation LoadAttendance($r: ID!, $s: RegistrationStatus!) { recordAttendance(registrationId: $r, status: $s) { id status } }',
};
const OPEN_EVENT = 'mutation LoadOpenEvent($id: ID!) { setTrainingEventStatus(id: $id, status: OPEN) { id status } }';

/** An event's seats (the hall holds 60): a client opens a new event before its current one is full. */
const SEATS = 60;

class LoadClient {
  private event: { id: string; taken: number } | undefined;
  private readonly teachersToRegister: string[] = [];
  private readonly mine: Registration[] = [];
  private serial = 0;

  constructor(
    private readonly index: number,
    private readonly run: string,
    private readonly send: (kind: Kind, caller: Caller, query: string, variables?: Record<string, unknown>) => Promise<Record<string, unknown> | undefined>,
    private readonly acknowledged: Acknowledged,
  ) {}

  async openEvent(): Promise<void> {
    const day = todayWita();
    const created = await this.send('createTrainingEvent', 'skbAdmin', QUERIES.createTrainingEvent, {
      input: { title: `Beban ${this.run} ${this.index}-${++this.serial}`, programId: DEMO_IDS.programs.basic, venueId: DEMO_IDS.venues.hall, startsOn: day, endsOn: day, capacity: SEATS },
    });
    const id = (created?.createTrainingEvent as { id?: string } | undefined)?.id;
    if (!id) return;
    this.acknowledged.events.add(id);
    if (await this.send('openEvent', 'skbAdmin', OPEN_EVENT, { id })) this.event = { id, taken: 0 };
  }

  /** One request: half reads, half writes, in the mix a partner hub sees on a busy training day. */
  async step(): Promise<void> {
    if (!this.event || this.event.taken >= SEATS) return this.openEvent();
    const roll = Math.random();
    if (roll < 0.5) {
      const kinds: Array<[Kind, Caller]> = [
        ['read:catalogue', 'anonymous'],
        ['read:teachers', 'partner'],
        ['read:statistics', 'analyst'],
        ['read:event', 'skbAdmin'],
      ];
      const [kind, caller] = kinds[Math.floor(Math.random() * kinds.length)];
      await this.send(kind, caller, QUERIES[kind as Exclude<Kind, 'openEvent'>], kind === 'read:event' ? { id: this.event.id } : undefined);
    } else if (roll < 0.65) {
      const fullName = `Guru Beban ${this.run} ${this.index}-${++this.serial}`;
      const data = await this.send('createTeacher', 'schoolAdmin', QUERIES.createTeacher, {
        input: { npsn: DEMO_IDS.firstBalikpapanSchool, fullName, employmentStatus: 'GTT' },
      });
      const id = (data?.createTeacher as { id?: string } | undefined)?.id;
      if (id) {
        this.acknowledged.teachers.set(id, fullName);
        this.teachersToRegister.push(id);
      }
    } else if (roll < 0.85) {
      // A teacher of the schools partner (checked through the gateway) or, with none at hand, a community member by name.
      const teacherId = this.teachersToRegister.shift() ?? null;
      const participantName = teacherId ? null : `Peserta Beban ${this.run} ${this.index}-${++this.serial}`;
      const event = this.event;
      event.taken += 1;
      const data = await this.send('registerParticipant', 'skbAdmin', QUERIES.registerParticipant, { e: event.id, t: teacherId, name: participantName });
      const registration = data?.registerParticipant as { id?: string; participantName?: string } | undefined;
      if (registration?.id) {
        const record: Registration = { id: registration.id, eventId: event.id, teacherId, participantName: registration.participantName ?? '', status: 'REGISTERED' };
        this.acknowledged.registrations.set(record.id, record);
        this.mine.push(record);
      }
    } else {
      const registration = this.mine[Math.floor(Math.random() * this.mine.length)];
      if (!registration) return;
      const status = Math.random() < 0.8 ? 'ATTENDED' : 'NO_SHOW';
      const data = await this.send('recordAttendance', 'skbStaff', QUERIES.recordAttendance, { r: registration.id, s: status });
      if ((data?.recordAttendance as { status?: string } | undefined)?.status === status) {
        if (registration.status !== status) this.acknowledged.attendanceChanges += 1;
        registration.status = status;
      }
    }
  }
}

interface Verification {
  teachers: { acknowledged: number; present: number; withAudit: number };
  events: { acknowledged: number; present: number };
  registrations: { acknowledged: number; present: number; asAcknowledged: number; withAudit: number };
  attendance: { acknowledgedChanges: number; auditRows: number };
  ok: boolean;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every acknowledged write, looked up in the database of the partner that owns it. */
async function verify(hub: Hub, acknowledged: Acknowledged): Promise<Verification> {
  const teacherIds = [...acknowledged.teachers.keys()];
  const teachers = await withClient(hub.databaseUrls.schools, async (db) => {
    const rows = (await db.query<{ id: string; full_name: string }>('select id, full_name from teacher where id = any($1::uuid[])', [teacherIds])).rows;
    const audit = await db.query<{ n: string }>("select count(distinct entity_id) as n from audit_log where action = 'createTeacher' and entity_id = any($1::text[])", [teacherIds]);
    return { acknowledged: teacherIds.length, present: rows.filter((r) => acknowledged.teachers.get(r.id) === r.full_name).length, withAudit: Number(audit.rows[0].n) };
  });
  const registrationIds = [...acknowledged.registrations.keys()];
  const skb = await withClient(hub.databaseUrls.skb, async (db) => {
    const events = (await db.query<{ n: string }>('select count(*) as n from training_event where id = any($1::uuid[])', [[...acknowledged.events]])).rows[0].n;
    const rows = (await db.query<{ id: string; event_id: string; teacher_id: string | null; participant_name: string; status: string }>(
      'select id, event_id, teacher_id, participant_name, status from registration where id = any($1::uuid[])',
      [registrationIds],
    )).rows;
    const asAcknowledged = rows.filter((r) => {
      const a = acknowledged.registrations.get(r.id);
      return a && a.eventId === r.event_id && a.teacherId === r.teacher_id && a.participantName === r.participant_name && a.status === r.status;
    }).length;
    const registered = await db.query<{ n: string }>("select count(distinct entity_id) as n from audit_log where action = 'registerParticipant' and entity_id = any($1::text[])", [registrationIds]);
    const attendance = await db.query<{ n: string }>("select count(*) as n from audit_log where action = 'recordAttendance' and entity_id = any($1::text[])", [registrationIds]);
    return {
      events: { acknowledged: acknowledged.events.size, present: Number(events) },
      registrations: { acknowledged: registrationIds.length, present: rows.length, asAcknowledged, withAudit: Number(registered.rows[0].n) },
      attendance: { acknowledgedChanges: acknowledged.attendanceChanges, auditRows: Number(attendance.rows[0].n) },
    };
  });
  const ok =
    teachers.present === teachers.acknowledged &&
    teachers.withAudit === teachers.acknowledged &&
    skb.events.present === skb.events.acknowledged &&
    skb.registrations.asAcknowledged === skb.registrations.acknowledged &&
    skb.registrations.withAudit === skb.registrations.acknowledged &&
    skb.attendance.auditRows === skb.attendance.acknowledgedChanges;
  return { teachers, ...skb, ok };
}

const fmt = (x: number): string => (Number.isNaN(x) ? '-' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));

interface WriteLoadReport {
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
  kinds: Array<{ kind: string; requests: number; errors: number; p50: number; p95: number; p99: number }>;
  verification: Verification;
}

function table(report: WriteLoadReport): string {
  const rows = report.kinds.map((k) => `| ${k.kind} | ${k.requests} | ${k.errors} | ${fmt(k.p50)} | ${fmt(k.p95)} | ${fmt(k.p99)} |`);
  return ['| request | count | unexpected errors | p50 ms | p95 ms | p99 ms |', '|---|---:|---:|---:|---:|---:|', ...rows].join('\n');
}

function markdown(report: WriteLoadReport): string {
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

/** Replaces this test's section of docs/benchmarks.md, or appends it; the rest of the file is the read benchmark's. */
function updateDoc(file: string, section: string): void {
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = text.indexOf('<!-- load-writes -->');
  const endMarker = '<!-- /load-writes -->';
  const end = start >= 0 ? text.indexOf(endMarker, start) : -1;
  text = start >= 0 && end >= 0 ? `${text.slice(0, start)}${section}${text.slice(end + endMarker.length)}` : `${text.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, text);
}

function environment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SUBGRAPH_NAMES) delete env[databaseUrlVariable(name as SubgraphName)];
  for (const name of ['JWKS_URL', 'MITRA_DATA_DIR', 'METRICS_TOKEN']) delete env[name];
  const secret = (): string => randomBytes(24).toString('hex');
  return {
    ...env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    // Loopback only: nothing of this run is reachable from another machine.
    HOST: '127.0.0.1',
    JWT_SECRET: secret(),
    GATEWAY_SECRET: secret(),
    CURSOR_SECRET: secret(),
    APOLLO_TELEMETRY_DISABLED: 'true',
  };
}

export async function runWriteLoad(argv: string[]): Promise<void> {
  let options: WriteLoadOptions;
  try {
    options = parseWriteLoadOptions(argv);
  } catch (error) {
    if (error instanceof WriteLoadOptionsError) throw new WriteLoadOptionsError(`${error.message}\n${WRITES_USAGE}`);
    throw error;
  }
  const root = findRepoRoot();
  const dataDir = path.resolve(options.dataDir ?? path.join(root, '.data', 'bench-writes'));
  const env = environment();
  const log = (line: string): void => console.log(line);
  const ports = {} as Record<ServiceName, number>;
  for (const name of ['gateway', ...SUBGRAPH_NAMES] as ServiceName[]) ports[name] = await findFreePort();
  log(`[load] starting a hub in ${dataDir} (demo data reloaded, NODE_ENV=production)`);
  const hub = await startHub({ dataDir, ports, env, seed: 'reset', quiet: true, log });
  const crashed: { error?: Error } = {};
  hub.closed.catch((error: Error) => {
    crashed.error = error;
  });
  try {
    const auth = loadAuthConfig(env);
    const token = (org: string, roles: string[], sub: string) => signToken(auth, { org, roles, sub, ttl: '1d' });
    const tokens: Record<Caller, string | undefined> = {
      anonymous: undefined,
      partner: await token('university:mulia', ['staff'], 'load:partner'),
      analyst: await token('government:load', ['analyst'], 'load:analyst'),
      schoolAdmin: await token(`school:${DEMO_IDS.firstBalikpapanSchool}`, ['admin'], 'load:school-admin'),
      skbAdmin: await token(DEMO_IDS.skb, ['admin'], 'load:skb-admin'),
      skbStaff: await token(DEMO_IDS.skb, ['staff'], 'load:skb-staff'),
    };
    const url = hub.gatewayUrl.replace('//localhost:', '//127.0.0.1:');
    const tallies = new Map<Kind, Tally>();
    let unexpected = 0;
    let firstUnexpected: string | undefined;
    let measuring = false;

    const send = async (kind: Kind, caller: Caller, query: string, variables?: Record<string, unknown>): Promise<Record<string, unknown> | undefined> => {
      const started = performance.now();
      let problem: string | undefined;
      let data: Record<string, unknown> | undefined;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(tokens[caller] ? { authorization: `Bearer ${tokens[caller]}` } : {}) },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await response.text();
        const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: unknown[] };
        if (response.status !== 200 || body.errors?.length || !body.data || Object.values(body.data).some((v) => v === null)) {
          problem = `${kind}: HTTP ${response.status} ${text.slice(0, 240)}`;
        } else {
          data = body.data;
        }
      } catch (error) {
        problem = `${kind}: ${error instanceof Error ? error.message : String(error)}`;
      }
      if (measuring) {
        const tally = tallies.get(kind) ?? { latencies: [], errors: 0 };
        tallies.set(kind, tally);
        tally.latencies.push(performance.now() - started);
        if (problem) {
          tally.errors += 1;
          unexpected += 1;
          firstUnexpected ??= problem;
        }
      } else if (problem) {
        throw new Error(`set-up failed: ${problem}`);
      }
      return data;
    };

    const acknowledged: Acknowledged = { teachers: new Map(), events: new Set(), registrations: new Map(), attendanceChanges: 0 };
    const run = Date.now().toString(36);
    const clients = Array.from({ length: options.clients }, (_, i) => new LoadClient(i + 1, run, send, acknowledged));
    log(`[load] opening one event per client (${options.clients})`);
    for (let i = 0; i < clients.length; i += 10) await Promise.all(clients.slice(i, i + 10).map((c) => c.openEvent()));

    log(`[load] ${options.clients} clients for ${options.duration} s`);
    const loadAtStart = loadAverage();
    measuring = true;
    const started = performance.now();
    const deadline = started + options.duration * 1000;
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < deadline && !crashed.error) await client.step();
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    measuring = false;
    if (crashed.error) throw new Error(`a service stopped during the load: ${crashed.error.message}`);

    log('[load] checking every acknowledged write in the databases');
    const verification = await verify(hub, acknowledged);
    const kinds = [...tallies]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, t]) => {
        const sorted = [...t.latencies].sort((a, b) => a - b);
        return { kind, requests: sorted.length, errors: t.errors, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99) };
      });
    const requests = kinds.reduce((n, k) => n + k.requests, 0);
    const cpus = os.cpus();
    const report: WriteLoadReport = {
      date: new Date().toISOString(),
      command: `npm run bench -- ${argv.join(' ')}`.trim(),
      clients: options.clients,
      seconds: Math.round(seconds),
      machine: `${cpus.length} × ${cpus[0]?.model.replace(/\s+/g, ' ').trim() ?? 'cpu'}, Node ${process.version}`,
      loadAverage: { start: loadAtStart, end: loadAverage() },
      requests,
      rps: requests / seconds,
      unexpected,
      ...(firstUnexpected ? { firstUnexpected } : {}),
      kinds,
      verification,
    };
    console.log(`\n${table(report)}\n`);
    console.log(`${requests} requests in ${seconds.toFixed(1)} s (${fmt(report.rps)} req/s), ${unexpected} unexpected errors${firstUnexpected ? `; first: ${firstUnexpected}` : ''}`);
    console.log(`verification: ${JSON.stringify(verification)}`);
    const jsonDir = path.join(root, 'bench-results');
    fs.mkdirSync(jsonDir, { recursive: true });
    const json = path.join(jsonDir, `writes-${report.date.replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`JSON: ${path.relative(root, json)}`);
    if (options.docs) {
      updateDoc(path.join(root, 'docs', 'benchmarks.md'), markdown(report));
      console.log('Section: docs/benchmarks.md');
    }
    if (unexpected || !verification.ok) process.exitCode = 1;
  } finally {
    await hub.stop();
  }
}
