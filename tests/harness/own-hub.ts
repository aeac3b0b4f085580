import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHub, type Hub, type ServiceName } from '@mitra/cli';
import { findFreePort } from '@mitra/devtools';
import { bySubgraph, databaseUrlEnv, partner, SERVICE_NAMES, type SubgraphName } from '@mitra/runtime';
import type { PostgresCommand, PostgresMessage } from './postgres-process';
import { tokenFor, type TokenSpec } from './tokens';

/**
 * A hub of its own for a test file that breaks things (stops a subgraph,
 * stops PostgreSQL): its own embedded PostgreSQL in a child process
 * (postgres-process.ts), its own services on free ports, fresh demo data.
 * The shared hub of the other test files is never touched.
 */
export interface OwnHub {
  hub: Hub;
  gatewayUrl: string;
  /** The hub's own lines (what `npm start` prints besides the services' output), in order. */
  hubLines: string[];
  /** Every line each service wrote (pino JSON), in order. */
  lines: Array<{ service: ServiceName; line: string }>;
  secrets: { jwtSecret: string; gatewaySecret: string };
  /** Stops the PostgreSQL server under all three subgraphs (as `pg_ctl stop -m fast` would). */
  stopPostgres(): Promise<void>;
  /** Starts it again on the same port and data. */
  startPostgres(): Promise<void>;
  token(spec: TokenSpec): Promise<string>;
  /** Set when a service exited on its own: a fault test must never make one crash. */
  crash: { error?: Error };
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

export async function startOwnHub(options: { env?: Record<string, string>; restartCrashed?: boolean } = {}): Promise<OwnHub> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-faults-'));
  // As root PostgreSQL runs as `postgres`, which must traverse it.
  fs.chmodSync(dataDir, 0o755);
  const postgres = new PostgresProcess(path.join(dataDir, 'postgres'));
  const ready = await postgres.next();
  if (ready.type !== 'ready') throw new Error('PostgreSQL process did not start');

  const secrets = { jwtSecret: randomBytes(32).toString('base64url'), gatewaySecret: randomBytes(32).toString('base64url') };
  const { JWKS_URL: _jwks, JWT_ISSUER: _issuer, JWT_AUDIENCE: _audience, ...inherited } = process.env;
  const ports = {} as Record<ServiceName, number>;
  for (const name of SERVICE_NAMES) ports[name] = await findFreePort();
  const lines: OwnHub['lines'] = [];
  const hubLines: string[] = [];
  const crash: OwnHub['crash'] = {};
  let hub: Hub;
  try {
    hub = await startHub({
      dataDir,
      ports,
      env: {
        ...inherited,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        // The gateway as it runs on two cores, whatever this machine has: a primary and two workers.
        GATEWAY_WORKERS: '2',
        JWT_SECRET: secrets.jwtSecret,
        GATEWAY_SECRET: secrets.gatewaySecret,
        ...databaseUrlEnv(bySubgraph((name) => ready.urls[DATABASES[name]])),
        ...options.env,
      },
      seed: 'reset',
      quiet: true,
      log: (line) => hubLines.push(line),
      restartCrashed: options.restartCrashed,
      onServiceLine: (service, line) => lines.push({ service, line }),
    });
  } catch (error) {
    await postgres.exit();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  hub.closed.catch((error: Error) => {
    crash.error = error;
  });
  return {
    hub,
    gatewayUrl: hub.gatewayUrl,
    hubLines,
    lines,
    secrets,
    crash,
    stopPostgres: () => postgres.command('stop'),
    startPostgres: () => postgres.command('start'),
    token: (spec) => tokenFor({ ...spec, secret: secrets.jwtSecret }),
    close: async () => {
      try {
        await hub.stop();
      } finally {
        await postgres.exit();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** The request log lines (one per GraphQL request) of the services, parsed. */
export function requestLines(lines: OwnHub['lines']): Array<{ service: ServiceName } & Record<string, unknown>> {
  return lines.flatMap(({ service, line }) => {
    try {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      return parsed.msg === 'graphql request' ? [{ service, ...parsed }] : [];
    } catch {
      return [];
    }
  });
}
