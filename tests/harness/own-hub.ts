import fs from 'node:fs';
import { type Hub, type ServiceName } from '@mitra/cli';
import { makeDataDir, startTestHub, type HubSecrets, type TestHub } from './hub';
import { ownDatabasesOnSharedServer, startOwnPostgres, type OwnPostgres } from './own-postgres';
import { tokenFor, type TokenSpec } from './tokens';

/**
 * A hub of its own for a test file that breaks things (stops a subgraph,
 * stops PostgreSQL): its own PostgreSQL (own-postgres.ts) or, for a test
 * that never stops PostgreSQL, databases of its own on the shared hub's
 * server; its own services on free ports, fresh demo data. The shared hub
 * of the other test files is never touched.
 */
export interface OwnHub {
  hub: Hub;
  gatewayUrl: string;
  /** The hub's own lines (what `npm start` prints besides the services' output), in order. */
  hubLines: string[];
  /** Every line each service wrote (pino JSON), in order. */
  lines: Array<{ service: ServiceName; line: string }>;
  secrets: HubSecrets;
  /** Stops the PostgreSQL server under all three subgraphs (as `pg_ctl stop -m fast` would): its own PostgreSQL only. */
  stopPostgres(): Promise<void>;
  /** Starts it again on the same port and data. */
  startPostgres(): Promise<void>;
  token(spec: TokenSpec): Promise<string>;
  /** Set when a service exited on its own: a fault test must never make one crash. */
  crash: { error?: Error };
  close(): Promise<void>;
}

export interface OwnHubOptions {
  /** Settings of its services, over the harness's. */
  env?: Record<string, string>;
  /** As `npm start` runs it: a service that exits on its own is started again (HubOptions.restartCrashed). */
  restartCrashed?: boolean;
  /**
   * Databases of its own on the shared hub's PostgreSQL server instead of a
   * PostgreSQL of its own: quicker to start, for a test that never stops
   * PostgreSQL (stopPostgres is refused). Where the shared hub's PostgreSQL
   * is not the embedded one, a PostgreSQL of its own all the same.
   */
  sharedPostgresServer?: boolean;
}

export async function startOwnHub(options: OwnHubOptions = {}): Promise<OwnHub> {
  const dataDir = makeDataDir('mitra-faults-');
  const lines: OwnHub['lines'] = [];
  const hubLines: string[] = [];
  const crash: OwnHub['crash'] = {};
  let postgres: OwnPostgres | undefined;
  let started: TestHub;
  try {
    postgres = (options.sharedPostgresServer ? await ownDatabasesOnSharedServer() : undefined) ?? (await startOwnPostgres(dataDir));
    started = await startTestHub({
      dataDir,
      databases: postgres.databases,
      env: { LOG_LEVEL: 'info', ...options.env },
      quiet: true,
      log: (line) => hubLines.push(line),
      restartCrashed: options.restartCrashed,
      onServiceLine: (service, line) => lines.push({ service, line }),
    });
  } catch (error) {
    await postgres?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const { hub, secrets } = started;
  const database = postgres;
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
    stopPostgres: () => database.stop(),
    startPostgres: () => database.start(),
    token: (spec) => tokenFor({ ...spec, secret: secrets.jwtSecret }),
    close: async () => {
      try {
        await hub.stop();
      } finally {
        await database.close();
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
