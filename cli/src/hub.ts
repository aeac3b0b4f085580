import path from 'node:path';
import { subgraphUrlEnv, SUBGRAPH_NAMES, type ServiceName, type SubgraphName } from '@mitra/runtime';
import { databaseUrlVariable, ensureDatabases } from './databases';
import { type Hub, type HubOptions } from './hub-options';
import { HubProcesses, type HubSettings } from './hub-processes';
import { stopLeftovers } from './leftovers';
import { builtScript, findRepoRoot } from './repo';
import { runSeeds } from './seeding';
import { assertPortsFree, LABEL_WIDTH, portVariable, resolvePorts, SERVICE_ORDER } from './service-ports';

export type { ServiceName };
export type { Hub, HubOptions };

const DEFAULT_READY_TIMEOUT_MS = 60_000;

function hubSettings(options: HubOptions): HubSettings {
  const env = options.env ?? process.env;
  const quiet = options.quiet ?? false;
  const log = options.log ?? (quiet ? () => undefined : (line: string) => console.log(line));
  const root = findRepoRoot();
  const scripts = Object.fromEntries(
    SERVICE_ORDER.map((name) => [
      name,
      builtScript(root, name === 'gateway' ? 'gateway/dist/index.js' : `subgraphs/${name}/dist/index.js`),
    ]),
  ) as Record<ServiceName, string>;
  return {
    env,
    log,
    output: quiet ? undefined : log,
    readyTimeoutMs: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
    root,
    ports: resolvePorts(options.ports, env),
    scripts,
    dataDir: path.resolve(options.dataDir ?? (env.MITRA_DATA_DIR || path.join(root, '.data'))),
  };
}

/** PostgreSQL, the demo data, the three subgraphs, then the gateway, each awaited on its /readyz. Returns the database URLs. */
async function bringUp(
  processes: HubProcesses,
  settings: HubSettings,
  seed: HubOptions['seed'],
  urls: { gateway: string; subgraphs: Record<SubgraphName, string> },
): Promise<Record<SubgraphName, string>> {
  const { env, dataDir, log, output, root, ports } = settings;
  // Not raced: a server that starts while we give up would be left running.
  const databases = await ensureDatabases({ env, dataDir, log });
  processes.postgres = databases.postgres;
  const databaseUrls = databases.urls;
  await processes.step(Promise.resolve());

  const mode = seed ?? 'if-empty';
  if (mode !== 'none') {
    await processes.step(
      runSeeds({ root, mode, urls: databaseUrls, env, output, labelWidth: LABEL_WIDTH, signal: processes.lifecycle.signal }),
    );
  }

  await processes.step(
    Promise.all(
      SUBGRAPH_NAMES.map((name) => {
        const service = processes.launch(name, {
          [portVariable(name)]: String(ports[name]),
          [databaseUrlVariable(name)]: databaseUrls[name],
          // A write that names another partner's key asks that partner through this hub's own gateway (started next).
          GATEWAY_URL: urls.gateway,
        });
        return processes.ready(name, service);
      }),
    ),
  );

  const gateway = processes.launch('gateway', {
    APOLLO_TELEMETRY_DISABLED: env.APOLLO_TELEMETRY_DISABLED ?? 'true',
    GATEWAY_PORT: String(ports.gateway),
    ...subgraphUrlEnv(urls.subgraphs),
  });
  await processes.step(processes.ready('gateway', gateway));
  return databaseUrls;
}

/** Settles when the hub is down: resolves once `stopped` is called; rejects when a service exited on its own (the others stopped first). */
function closedPromise(processes: HubProcesses): { closed: Promise<void>; stopped: () => void } {
  let resolveClosed: () => void = () => undefined;
  let rejectClosed: (error: Error) => void = () => undefined;
  const closed = new Promise<void>((resolve, reject) => {
    resolveClosed = resolve;
    rejectClosed = reject;
  });
  // Callers that never look at `closed` must not get an unhandled rejection.
  closed.catch(() => undefined);
  processes.failure.catch((error: Error) => {
    if (processes.isStopping) return;
    void processes.stopEverything().finally(() => rejectClosed(error));
  });
  return { closed, stopped: resolveClosed };
}

/**
 * Starts the whole hub as child processes: PostgreSQL (embedded unless
 * `*_DATABASE_URL` are set), demo data, the three subgraphs, then the
 * gateway, each awaited on its /readyz. What `npm start` and the
 * end-to-end tests run.
 */
export async function startHub(options: HubOptions = {}): Promise<Hub> {
  const settings = hubSettings(options);
  await stopLeftovers(settings.dataDir, settings.log);
  await assertPortsFree(settings.ports);
  const processes = new HubProcesses(settings, options);

  const subgraphUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, `http://localhost:${settings.ports[name]}/graphql`]),
  ) as Record<SubgraphName, string>;
  const gatewayUrl = `http://localhost:${settings.ports.gateway}/graphql`;
  let databaseUrls: Record<SubgraphName, string>;
  try {
    databaseUrls = await bringUp(processes, settings, options.seed, { gateway: gatewayUrl, subgraphs: subgraphUrls });
  } catch (error) {
    await processes.stopEverything();
    throw error;
  }
  processes.up = true;
  const { closed, stopped } = closedPromise(processes);

  return {
    gatewayUrl,
    subgraphUrls,
    databaseUrls,
    postgres: processes.postgres,
    closed,
    stop: async () => {
      await processes.stopEverything();
      stopped();
    },
    stopService: (name) => processes.serviceNamed(name).stop(),
    startService: async (name) => {
      if (processes.isStopping) throw new Error('The hub is stopping');
      if (processes.serviceNamed(name).running) throw new Error(`${name} is running; stop it first`);
      const service = processes.launch(name);
      await Promise.race([processes.ready(name, service, () => processes.isStopping), processes.failure]);
      if (!service.running) throw new Error(`${name} exited while starting; last output:\n${service.tail()}`);
    },
    pauseService: (name) => processes.serviceNamed(name).signal('SIGSTOP'),
    resumeService: (name) => processes.serviceNamed(name).signal('SIGCONT'),
    pids: () => processes.pids(),
  };
}
