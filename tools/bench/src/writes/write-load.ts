import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { findRepoRoot, startHub, type Hub } from '@mitra/cli';
import { DEMO_IDS } from '@mitra/fixtures';
import { ipv4, writeLoadEnvironment } from '../environment';
import { startBenchIdentity, type BenchIdentity } from '../identity';
import { loadAverage, replaceMarkedSection, writeJson } from '../report';
import { freePorts } from '../stack';
import { LoadClient, type Acknowledged, type Caller } from './client';
import { WRITES_USAGE, WriteLoadOptionsError, parseWriteLoadOptions, type WriteLoadOptions } from './options';
import { fmt, markdown, table, type WriteLoadReport } from './report';
import { Sender } from './sender';
import { verify } from './verify';

/**
 * `npm run bench -- --writes`: the load test of issue 7. Concurrent clients
 * (default 100) send mixed reads and writes through the gateway for a
 * bounded time (default 60 s), closed loop, on loopback only, against a hub
 * of its own on the demo data: a school's admin creates teachers and
 * registers them for events the SKB's admin opens (who also registers
 * participants who are not teachers), the
 * SKB's staff records attendance, partners and analysts read. Every answer
 * is checked; afterwards every acknowledged write is looked up in the
 * partners' databases, with its audit row. Prints the figures and records
 * them in a section of docs/benchmarks.md.
 */

/** A token for each kind of caller of the mix, signed with the hub's own key (identity.ts). */
function callerTokens(env: NodeJS.ProcessEnv, identity: BenchIdentity): Record<Caller, string | undefined> {
  const token = (org: string, roles: string[], sub: string) => identity.sign(env, { org, roles, sub, ttl: '12h' });
  return {
    anonymous: undefined,
    partner: token('university:mulia', ['staff'], 'load:partner'),
    analyst: token('government:load', ['analyst'], 'load:analyst'),
    schoolAdmin: token(`school:${DEMO_IDS.firstBalikpapanSchool}`, ['admin'], 'load:school-admin'),
    skbAdmin: token(DEMO_IDS.skb, ['admin'], 'load:skb-admin'),
    skbStaff: token(DEMO_IDS.skb, ['staff'], 'load:skb-staff'),
  };
}

/** Every client's loop until the deadline or a crash, timed; the seconds it ran. */
async function drive(clients: LoadClient[], sender: Sender, seconds: number, crashed: () => Error | undefined): Promise<number> {
  sender.measuring = true;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < deadline && !crashed()) await client.step();
    }),
  );
  sender.measuring = false;
  return (performance.now() - started) / 1000;
}

/** Prints the figures, writes the JSON and (unless --no-docs) the load test's section of docs/benchmarks.md. */
function publish(report: WriteLoadReport, elapsed: number, root: string, docs: boolean): void {
  console.log(`\n${table(report)}\n`);
  console.log(
    `${report.requests} requests in ${elapsed.toFixed(1)} s (${fmt(report.rps)} req/s), ${report.unexpected} unexpected errors${report.firstUnexpected ? `; first: ${report.firstUnexpected}` : ''}`,
  );
  console.log(`verification: ${JSON.stringify(report.verification)}`);
  const json = writeJson(path.join(root, 'bench-results'), report, 'writes-');
  console.log(`JSON: ${path.relative(root, json)}`);
  if (docs) {
    replaceMarkedSection(path.join(root, 'docs', 'benchmarks.md'), 'load-writes', markdown(report));
    console.log('Section: docs/benchmarks.md');
  }
}

/** Opens an event per client (ten at a time), runs the load, then looks up every acknowledged write; the report and the seconds the load ran. */
async function loadAndVerify(
  hub: Hub,
  options: WriteLoadOptions,
  argv: string[],
  tokens: Record<Caller, string | undefined>,
  crashed: () => Error | undefined,
): Promise<{ report: WriteLoadReport; seconds: number }> {
  const log = (line: string): void => console.log(line);
  const sender = new Sender(ipv4(hub.gatewayUrl), tokens);
  const acknowledged: Acknowledged = { teachers: new Map(), events: new Set(), registrations: new Map(), attendanceChanges: 0 };
  const run = Date.now().toString(36);
  const clients = Array.from({ length: options.clients }, (_, i) => new LoadClient(i + 1, run, sender.send, acknowledged));
  log(`[load] opening one event per client (${options.clients})`);
  for (let i = 0; i < clients.length; i += 10) await Promise.all(clients.slice(i, i + 10).map((c) => c.openEvent()));

  log(`[load] ${options.clients} clients for ${options.duration} s`);
  const loadAtStart = loadAverage();
  const seconds = await drive(clients, sender, options.duration, crashed);
  const failure = crashed();
  if (failure) throw new Error(`a service stopped during the load: ${failure.message}`);

  log('[load] checking every acknowledged write in the databases');
  const verification = await verify(hub, acknowledged);
  const kinds = sender.figures();
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
    unexpected: sender.unexpected,
    ...(sender.firstUnexpected ? { firstUnexpected: sender.firstUnexpected } : {}),
    kinds,
    verification,
  };
  return { report, seconds };
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
  const identity = await startBenchIdentity();
  try {
    const env = writeLoadEnvironment(identity.url);
    const ports = await freePorts();
    console.log(`[load] starting a hub in ${dataDir} (demo data reloaded, NODE_ENV=production)`);
    const hub = await startHub({ dataDir, ports, env, seed: 'reset', quiet: true, log: (line) => console.log(line) });
    let crash: Error | undefined;
    hub.closed.catch((error: Error) => {
      crash = error;
    });
    try {
      const { report, seconds } = await loadAndVerify(hub, options, argv, callerTokens(env, identity), () => crash);
      publish(report, seconds, root, options.docs);
      if (report.unexpected || !report.verification.ok) process.exitCode = 1;
    } finally {
      await hub.stop();
    }
  } finally {
    await identity.close();
  }
}
