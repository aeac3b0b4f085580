import { type EmbeddedPostgresServer } from '@mitra/devtools';
import { type ServiceName, type SubgraphName } from '@mitra/runtime';
import { type SeedMode } from './seeding';
import { type ExitStatus } from './services';

export interface HubOptions {
  /** Where the embedded PostgreSQL keeps its data; default `MITRA_DATA_DIR`, else `<checkout>/.data`. */
  dataDir?: string;
  /** Default: `GATEWAY_PORT`, `SCHOOLS_PORT`, ... from `env`, else 4000-4003. */
  ports?: Partial<Record<ServiceName, number>>;
  /** The environment the services get (plus their ports and URLs); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** No service output; the last lines of each still appear in error messages. */
  quiet?: boolean;
  /** Demo data: load once (default), reload, or leave the databases alone. */
  seed?: SeedMode | 'none';
  /** The hub's own messages (and the services' output unless quiet); default console.log unless quiet. */
  log?: (line: string) => void;
  /** Aborting during start-up stops whatever already runs and rejects. */
  signal?: AbortSignal;
  /** How long each service may take to answer /readyz with 200. */
  readyTimeoutMs?: number;
  /** Every output line of every service as written (pino JSON), e.g. for tests that read the logs. */
  onServiceLine?: (service: ServiceName, line: string) => void;
  /**
   * Once the hub is up, a service that exits on its own is started again
   * (after 0.5 s, doubling per crash in a row up to 30 s) while the others
   * keep serving, and the log says so: what `npm start` does. Without it,
   * such an exit stops the hub and `closed` rejects (the tests' choice: a
   * crash there is a failure). A crash during start-up always fails it.
   */
  restartCrashed?: boolean;
}

export interface Hub {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  databaseUrls: Record<SubgraphName, string>;
  /** The embedded server, when the hub started or reused one (absent with `*_DATABASE_URL`). */
  postgres?: EmbeddedPostgresServer;
  /**
   * Settles when the hub is down: resolves after stop(); rejects when a
   * service exited on its own (the others are stopped first).
   */
  closed: Promise<void>;
  /** Stops the gateway, then the subgraphs, then PostgreSQL. Idempotent. */
  stop(): Promise<void>;
  /**
   * Fault tests: stops one service as a deployment would (SIGTERM) and
   * resolves with how it exited; the hub does not count it as a crash.
   */
  stopService(name: ServiceName): Promise<ExitStatus>;
  /** Starts a service stopped by stopService again, on the same port and settings, and waits for its /readyz. */
  startService(name: ServiceName): Promise<void>;
  /** Fault tests: freezes a service (SIGSTOP): it accepts connections and answers nothing, as a hung process would. */
  pauseService(name: ServiceName): void;
  /** Lets a paused service run again (SIGCONT). */
  resumeService(name: ServiceName): void;
  /** The running services' process ids (the bench's memory check reads their memory). */
  pids(): Partial<Record<ServiceName, number>>;
}
