import {
  builtScript,
  ServiceProcess,
  startHub,
  startRouter,
  waitUntilReady,
  type Hub,
  type RunningRouter,
  type ServiceName,
} from '@mitra/cli';
import { WanProxy, findFreePort } from '@mitra/devtools';
import { SERVICE_NAMES, SUBGRAPH_NAMES, subgraphUrlEnv, type SubgraphName } from '@mitra/runtime';
import { ipv4 } from './environment';
import type { TargetName } from './report';
import { partnersWarmedUp } from './warm-up';

/** The gateways an operation is measured through: the hub's, one with a single worker, Grafbase's router. */
export type GatewayUrls = Partial<Record<'gateway' | 'gateway-1' | 'router', string>>;

interface SingleWorkerGateway {
  url: string;
  process: ServiceProcess;
}

/** A free port for each service of a hub of the bench's own. */
export async function freePorts(): Promise<Record<ServiceName, number>> {
  const ports = {} as Record<ServiceName, number>;
  for (const name of SERVICE_NAMES) ports[name] = await findFreePort();
  return ports;
}

/**
 * A second gateway in front of `subgraphUrls`: with one worker, measured in
 * turns with the hub's own; or (--rtt) with the hub's workers, in front of
 * the proxies that put the partners far away.
 */
async function startSecondGateway(
  root: string,
  env: NodeJS.ProcessEnv,
  subgraphUrls: Record<SubgraphName, string>,
  log: (line: string) => void,
  label = 'gateway (1 worker)',
): Promise<SingleWorkerGateway> {
  const port = await findFreePort();
  const workers = label === 'gateway (1 worker)' ? { GATEWAY_WORKERS: '1' } : {};
  const child = new ServiceProcess({
    label,
    script: builtScript(root, 'gateway/dist/index.js'),
    cwd: root,
    env: { ...env, ...workers, GATEWAY_PORT: String(port), ...subgraphUrlEnv(subgraphUrls) },
    output: log,
  });
  try {
    await waitUntilReady(child, port, 30_000);
  } catch (error) {
    await child.stop();
    throw error;
  }
  if (!child.running) throw new Error(`The ${label} exited while starting:\n${child.tail()}`);
  const url = `http://127.0.0.1:${port}/graphql`;
  log(`Hub: a second gateway, ${label}, at ${url}`);
  return { url, process: child };
}

/**
 * What the read benchmark measures against: the hub (on free ports, the
 * data already loaded) and, as asked, a single-worker gateway and Grafbase's
 * router in front of the same subgraphs. Ctrl-C, or the hub stopping on its
 * own, aborts `interrupted`.
 */
export class BenchStack {
  readonly interrupted = new AbortController();
  hub: Hub | undefined;
  /** Why the hub stopped on its own, if it did. */
  failure: Error | undefined;
  private single: SingleWorkerGateway | undefined;
  private router: RunningRouter | undefined;
  /** --rtt: the proxies in front of the subgraphs, and the gateway that reaches them only through these. */
  private far: { proxies: WanProxy[]; gateway: SingleWorkerGateway } | undefined;

  /** On SIGINT or SIGTERM: stop what runs and exit with 130. */
  stopOnSignals(): void {
    const onSignal = (): void => {
      this.interrupted.abort();
      console.error('\nInterrupted: stopping the hub');
      void Promise.all([this.single?.process.stop(), this.far?.gateway.process.stop(), this.router?.stop(), this.hub?.stop()]).finally(() =>
        process.exit(130),
      );
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }

  async start(options: {
    root: string;
    env: NodeJS.ProcessEnv;
    dataDir: string;
    targets: readonly TargetName[];
    /** --rtt: the gateway measured reaches the subgraphs through proxies that add this round trip. */
    rttMs?: number;
    log: (line: string) => void;
  }): Promise<{ subgraphUrls: Record<SubgraphName, string>; gateways: GatewayUrls }> {
    const { root, env, dataDir, targets, rttMs, log } = options;
    const ports = await freePorts();
    log('Hub: starting the gateway and the three subgraphs (NODE_ENV=production)');
    const hub = await startHub({ dataDir, ports, env, seed: 'none', quiet: true, log, signal: this.interrupted.signal });
    this.hub = hub;
    hub.closed.catch((error: Error) => {
      this.failure = error;
      console.error(`[bench] the hub stopped: ${error.message}`);
      this.interrupted.abort();
    });
    const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, ipv4(hub.subgraphUrls[n])])) as Record<SubgraphName, string>;
    const warmedUp = () => partnersWarmedUp(subgraphUrls, log, { signal: this.interrupted.signal });
    if (rttMs !== undefined) {
      const gateway = await this.startFar(root, env, subgraphUrls, rttMs, log);
      await warmedUp();
      return { subgraphUrls, gateways: { gateway } };
    }
    if (targets.includes('gateway-1')) this.single = await startSecondGateway(root, env, subgraphUrls, log);
    if (targets.includes('router')) {
      this.router = await startRouter({ subgraphUrls, gatewaySecret: env.GATEWAY_SECRET! });
      log(`Hub: Grafbase's router (router/grafbase.toml) at ${this.router.url}`);
    }
    await warmedUp();
    return { subgraphUrls, gateways: { gateway: ipv4(hub.gatewayUrl), 'gateway-1': this.single?.url, router: this.router?.url } };
  }

  /** Each subgraph behind a WanProxy of `rttMs`, and a gateway (the hub's number of workers) that reaches them only through it. */
  private async startFar(
    root: string,
    env: NodeJS.ProcessEnv,
    subgraphUrls: Record<SubgraphName, string>,
    rttMs: number,
    log: (line: string) => void,
  ): Promise<string> {
    const proxies: WanProxy[] = [];
    const farUrls = {} as Record<SubgraphName, string>;
    for (const name of SUBGRAPH_NAMES) {
      const proxy = await WanProxy.start({ targetPort: Number(new URL(subgraphUrls[name]).port), rttMs });
      proxies.push(proxy);
      farUrls[name] = proxy.url(new URL(subgraphUrls[name]).pathname);
    }
    const gateway = await startSecondGateway(root, env, farUrls, log, `gateway ${rttMs} ms from each partner`);
    this.far = { proxies, gateway };
    return gateway.url;
  }

  async stop(): Promise<void> {
    await this.far?.gateway.process.stop();
    await Promise.all(this.far?.proxies.map((p) => p.close()) ?? []);
    await this.single?.process.stop();
    await this.router?.stop();
    if (this.hub) await this.hub.stop();
  }
}
