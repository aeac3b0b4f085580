import net from 'node:net';
import path from 'node:path';
import { type EmbeddedPostgresServer } from '@mitra/devtools';
import { DEFAULT_PORTS, nextCrashCount, restartDelayMs, subgraphUrlEnv, SUBGRAPH_NAMES, type ServiceName, type SubgraphName } from '@mitra/runtime';
import { databaseUrlVariable, ensureDatabases } from './databases';
import { RunRecord, stopLeftovers } from './leftovers';
import { builtScript, findRepoRoot } from './repo';
import { runSeeds, type SeedMode } from './seeding';
import { describeExit, ServiceProcess, type ExitStatus } from './services';

export type { ServiceName };

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

const SERVICE_ORDER: readonly ServiceName[] = [...SUBGRAPH_NAMES, 'gateway'];
const LABEL_WIDTH = Math.max(...SERVICE_ORDER.map((name) => name.length));
const DEFAULT_READY_TIMEOUT_MS = 60_000;

const portVariable = (name: ServiceName): string => `${name.toUpperCase()}_PORT`;

function resolvePorts(given: HubOptions['ports'], env: NodeJS.ProcessEnv): Record<ServiceName, number> {
  const ports = {} as Record<ServiceName, number>;
  for (const name of SERVICE_ORDER) {
    const fromEnv = env[portVariable(name)];
    const port = given?.[name] ?? (fromEnv ? Number(fromEnv) : DEFAULT_PORTS[name]);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`Invalid port for ${name}: ${String(port)} (${portVariable(name)})`);
    ports[name] = port;
  }
  return ports;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** A port taken by something else would otherwise make /readyz answer for the wrong server. */
async function assertPortsFree(ports: Record<ServiceName, number>): Promise<void> {
  const busy: string[] = [];
  for (const name of SERVICE_ORDER) {
    if (!(await portIsFree(ports[name]))) busy.push(`${name} ${ports[name]} (${portVariable(name)})`);
  }
  if (busy.length) throw new Error(`Port${busy.length > 1 ? 's' : ''} already in use: ${busy.join(', ')}. Stop what uses it or choose another port.`);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls GET /readyz until 200; gives up when the process exits, the hub is stopping, or time runs out. */
async function waitUntilReady(service: ServiceProcess, port: number, timeoutMs: number, cancelled: () => boolean): Promise<void> {
  const url = `http://127.0.0.1:${port}/readyz`;
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (!cancelled() && service.running) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      const body = (await response.text()).slice(0, 300);
      if (response.status === 200) return;
      last = `${response.status} ${body}`;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      last = cause ?? (error instanceof Error ? error.message : String(error));
    }
    if (Date.now() > deadline) {
      throw new Error(`${service.label} was not ready within ${timeoutMs / 1000} s (GET ${url}: ${last}); last output:\n${service.tail()}`);
    }
    await sleep(150);
  }
  // The exit itself (or the stop) is reported by the caller.
}

/**
 * Starts the whole hub as child processes: PostgreSQL (embedded unless
 * `*_DATABASE_URL` are set), demo data, the three subgraphs, then the
 * gateway, each awaited on its /readyz. What `npm start` and the
 * end-to-end tests run.
 */
export async function startHub(options: HubOptions = {}): Promise<Hub> {
  const env = options.env ?? process.env;
  const quiet = options.quiet ?? false;
  const log = options.log ?? (quiet ? () => undefined : (line: string) => console.log(line));
  const output = quiet ? undefined : log;
  const readyTimeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const root = findRepoRoot();
  const ports = resolvePorts(options.ports, env);
  const scripts = Object.fromEntries(
    SERVICE_ORDER.map((name) => [name, builtScript(root, name === 'gateway' ? 'gateway/dist/index.js' : `subgraphs/${name}/dist/index.js`)]),
  ) as Record<ServiceName, string>;
  const dataDir = path.resolve(options.dataDir ?? (env.MITRA_DATA_DIR || path.join(root, '.data')));
  await stopLeftovers(dataDir, log);
  await assertPortsFree(ports);
  const runRecord = new RunRecord(dataDir);

  const lifecycle = new AbortController();
  const onCallerAbort = (): void => lifecycle.abort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  if (options.signal?.aborted) lifecycle.abort();

  const services = new Map<ServiceName, ServiceProcess>();
  let postgres: EmbeddedPostgresServer | undefined;
  let stopping: Promise<void> | undefined;
  let reportFailure: (error: Error) => void = () => undefined;

  // Children must not outlive this process, even on process.exit() or a crash.
  const onExit = (): void => {
    for (const service of services.values()) service.terminateNow();
  };
  process.on('exit', onExit);

  const stopEverything = (): Promise<void> => {
    stopping ??= (async () => {
      lifecycle.abort();
      const gateway = services.get('gateway');
      if (gateway) await gateway.stop();
      await Promise.all(SUBGRAPH_NAMES.map((name) => services.get(name)?.stop()));
      if (postgres) await postgres.stop();
      runRecord.remove();
      process.removeListener('exit', onExit);
      options.signal?.removeEventListener('abort', onCallerAbort);
    })();
    return stopping;
  };

  const failure = new Promise<never>((_, reject) => {
    reportFailure = reject;
  });
  failure.catch(() => undefined);
  const aborted = new Promise<never>((_, reject) => {
    const fail = (): void => reject(new Error('The hub was stopped while starting'));
    if (lifecycle.signal.aborted) fail();
    else lifecycle.signal.addEventListener('abort', fail, { once: true });
  });
  aborted.catch(() => undefined);
  /** Whatever start-up step is under way loses the race against a crash or a stop. */
  const step = <T>(work: Promise<T>): Promise<T> => Promise.race([work, failure, aborted]);

  const launchEnv = new Map<ServiceName, NodeJS.ProcessEnv>();
  const crashes = new Map<ServiceName, number>();
  let up = false;
  const restartLater = (name: ServiceName, why: string, ranMs: number): void => {
    const count = nextCrashCount(crashes.get(name) ?? 0, ranMs);
    crashes.set(name, count);
    const delay = restartDelayMs(count);
    log(`${why}; starting it again in ${(delay / 1000).toFixed(1)} s (crash ${count} in a row); the other services keep serving`);
    setTimeout(() => {
      if (stopping) return;
      const again = launch(name, launchEnv.get(name) ?? {});
      waitUntilReady(again, ports[name], readyTimeoutMs, () => !!stopping).then(
        () => log(`${name} is back`),
        (error: Error) => log(`${name} did not come back: ${error.message.split('\n')[0]}`),
      );
    }, delay);
  };
  const launch = (name: ServiceName, extraEnv: NodeJS.ProcessEnv): ServiceProcess => {
    launchEnv.set(name, extraEnv);
    const onServiceLine = options.onServiceLine;
    const service = new ServiceProcess({
      label: name,
      script: scripts[name],
      cwd: root,
      env: { ...env, ...extraEnv },
      output,
      rawOutput: onServiceLine ? (line) => onServiceLine(name, line) : undefined,
      labelWidth: LABEL_WIDTH,
    });
    services.set(name, service);
    runRecord.add(name, service.pid, scripts[name]);
    const launchedAt = Date.now();
    void service.exited.then((status) => {
      if (service.expectedExit || stopping) return;
      const why = `${name} exited unexpectedly (${describeExit(status)})`;
      if (up && options.restartCrashed) restartLater(name, why, Date.now() - launchedAt);
      else reportFailure(new Error(`${why}; last output:\n${service.tail()}`));
    });
    return service;
  };

  const subgraphUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, `http://localhost:${ports[name]}/graphql`]),
  ) as Record<SubgraphName, string>;
  const gatewayUrl = `http://localhost:${ports.gateway}/graphql`;
  let databaseUrls: Record<SubgraphName, string>;

  try {
    // Not raced: a server that starts while we give up would be left running.
    const databases = await ensureDatabases({ env, dataDir, log });
    postgres = databases.postgres;
    databaseUrls = databases.urls;
    await step(Promise.resolve());

    const seed = options.seed ?? 'if-empty';
    if (seed !== 'none') {
      await step(runSeeds({ root, mode: seed, urls: databaseUrls, env, output, labelWidth: LABEL_WIDTH, signal: lifecycle.signal }));
    }

    await step(
      Promise.all(
        SUBGRAPH_NAMES.map((name) => {
          const service = launch(name, {
            [portVariable(name)]: String(ports[name]),
            [databaseUrlVariable(name)]: databaseUrls[name],
            // A write that names another partner's key asks that partner through this hub's own gateway (started next).
            GATEWAY_URL: gatewayUrl,
          });
          return waitUntilReady(service, ports[name], readyTimeoutMs, () => lifecycle.signal.aborted);
        }),
      ),
    );

    const gateway = launch('gateway', {
      APOLLO_TELEMETRY_DISABLED: env.APOLLO_TELEMETRY_DISABLED ?? 'true',
      GATEWAY_PORT: String(ports.gateway),
      ...subgraphUrlEnv(subgraphUrls),
    });
    await step(waitUntilReady(gateway, ports.gateway, readyTimeoutMs, () => lifecycle.signal.aborted));
  } catch (error) {
    await stopEverything();
    throw error;
  }
  up = true;

  let resolveClosed: () => void = () => undefined;
  let rejectClosed: (error: Error) => void = () => undefined;
  const closed = new Promise<void>((resolve, reject) => {
    resolveClosed = resolve;
    rejectClosed = reject;
  });
  // Callers that never look at `closed` must not get an unhandled rejection.
  closed.catch(() => undefined);
  failure.catch((error: Error) => {
    if (stopping) return;
    void stopEverything().finally(() => rejectClosed(error));
  });

  const serviceNamed = (name: ServiceName): ServiceProcess => {
    const service = services.get(name);
    if (!service) throw new Error(`No service ${name} in this hub`);
    return service;
  };

  return {
    gatewayUrl,
    subgraphUrls,
    databaseUrls,
    postgres,
    closed,
    stop: async () => {
      await stopEverything();
      resolveClosed();
    },
    stopService: (name) => serviceNamed(name).stop(),
    startService: async (name) => {
      if (stopping) throw new Error('The hub is stopping');
      if (serviceNamed(name).running) throw new Error(`${name} is running; stop it first`);
      const service = launch(name, launchEnv.get(name) ?? {});
      await Promise.race([waitUntilReady(service, ports[name], readyTimeoutMs, () => !!stopping), failure]);
      if (!service.running) throw new Error(`${name} exited while starting; last output:\n${service.tail()}`);
    },
    pauseService: (name) => serviceNamed(name).signal('SIGSTOP'),
    resumeService: (name) => serviceNamed(name).signal('SIGCONT'),
    pids: () => Object.fromEntries([...services].filter(([, service]) => service.running && service.pid).map(([name, service]) => [name, service.pid!])),
  };
}
