import { type EmbeddedPostgresServer } from '@mitra/devtools';
import { nextCrashCount, restartDelayMs, SUBGRAPH_NAMES, type ServiceName } from '@mitra/runtime';
import { type HubOptions } from './hub-options';
import { RunRecord } from './leftovers';
import { waitUntilReady } from './readiness';
import { describeExit, ServiceProcess } from './services';
import { LABEL_WIDTH } from './service-ports';

/** What the hub resolved from its options before it starts anything. */
export interface HubSettings {
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /** Where the services' output goes; undefined when quiet. */
  output?: (line: string) => void;
  readyTimeoutMs: number;
  root: string;
  ports: Record<ServiceName, number>;
  scripts: Record<ServiceName, string>;
  dataDir: string;
}

/**
 * The hub's child processes and its life: launching a service, restarting
 * one that crashed (when asked to), and stopping everything in order. A
 * start-up step races against a crash and against a stop.
 */
export class HubProcesses {
  readonly lifecycle = new AbortController();
  postgres: EmbeddedPostgresServer | undefined;
  /** Rejects when a service exits on its own (and is not restarted). */
  readonly failure: Promise<never>;
  /** Set once start-up is done: from then on a crash may be restarted. */
  up = false;
  private readonly aborted: Promise<never>;
  private reportFailure: (error: Error) => void = () => undefined;
  private stopping: Promise<void> | undefined;
  private readonly services = new Map<ServiceName, ServiceProcess>();
  private readonly launchEnv = new Map<ServiceName, NodeJS.ProcessEnv>();
  private readonly crashes = new Map<ServiceName, number>();
  private readonly runRecord: RunRecord;

  constructor(
    private readonly settings: HubSettings,
    private readonly options: Pick<HubOptions, 'signal' | 'onServiceLine' | 'restartCrashed'>,
  ) {
    this.runRecord = new RunRecord(settings.dataDir);
    options.signal?.addEventListener('abort', this.onCallerAbort, { once: true });
    if (options.signal?.aborted) this.lifecycle.abort();
    // Children must not outlive this process, even on process.exit() or a crash.
    process.on('exit', this.onExit);
    this.failure = new Promise<never>((_, reject) => {
      this.reportFailure = reject;
    });
    this.failure.catch(() => undefined);
    this.aborted = new Promise<never>((_, reject) => {
      const fail = (): void => reject(new Error('The hub was stopped while starting'));
      if (this.lifecycle.signal.aborted) fail();
      else this.lifecycle.signal.addEventListener('abort', fail, { once: true });
    });
    this.aborted.catch(() => undefined);
  }

  private readonly onCallerAbort = (): void => this.lifecycle.abort();

  private readonly onExit = (): void => {
    for (const service of this.services.values()) service.terminateNow();
  };

  get isStopping(): boolean {
    return !!this.stopping;
  }

  /** Whatever start-up step is under way loses the race against a crash or a stop. */
  step<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.failure, this.aborted]);
  }

  /** Stops the gateway, then the subgraphs, then PostgreSQL. Idempotent. */
  stopEverything(): Promise<void> {
    this.stopping ??= (async () => {
      this.lifecycle.abort();
      const gateway = this.services.get('gateway');
      if (gateway) await gateway.stop();
      await Promise.all(SUBGRAPH_NAMES.map((name) => this.services.get(name)?.stop()));
      if (this.postgres) await this.postgres.stop();
      this.runRecord.remove();
      process.removeListener('exit', this.onExit);
      this.options.signal?.removeEventListener('abort', this.onCallerAbort);
    })();
    return this.stopping;
  }

  /** Starts a service (again, with the settings of its last start when `extraEnv` is omitted). */
  launch(name: ServiceName, extraEnv: NodeJS.ProcessEnv = this.launchEnv.get(name) ?? {}): ServiceProcess {
    this.launchEnv.set(name, extraEnv);
    const { env, root, output, scripts } = this.settings;
    const onServiceLine = this.options.onServiceLine;
    const service = new ServiceProcess({
      label: name,
      script: scripts[name],
      cwd: root,
      env: { ...env, ...extraEnv },
      output,
      rawOutput: onServiceLine ? (line) => onServiceLine(name, line) : undefined,
      labelWidth: LABEL_WIDTH,
    });
    this.services.set(name, service);
    this.runRecord.add(name, service.pid, scripts[name]);
    const launchedAt = Date.now();
    void service.exited.then((status) => {
      if (service.expectedExit || this.stopping) return;
      const why = `${name} exited unexpectedly (${describeExit(status)})`;
      if (this.up && this.options.restartCrashed) this.restartLater(name, why, Date.now() - launchedAt);
      else this.reportFailure(new Error(`${why}; last output:\n${service.tail()}`));
    });
    return service;
  }

  /** Waits for a service's /readyz, until the hub starts stopping (or, during start-up, is aborted). */
  ready(name: ServiceName, service: ServiceProcess, cancelled: () => boolean = () => this.lifecycle.signal.aborted): Promise<void> {
    return waitUntilReady(service, this.settings.ports[name], this.settings.readyTimeoutMs, cancelled);
  }

  private restartLater(name: ServiceName, why: string, ranMs: number): void {
    const count = nextCrashCount(this.crashes.get(name) ?? 0, ranMs);
    this.crashes.set(name, count);
    const delay = restartDelayMs(count);
    const log = this.settings.log;
    log(`${why}; starting it again in ${(delay / 1000).toFixed(1)} s (crash ${count} in a row); the other services keep serving`);
    setTimeout(() => {
      if (this.stopping) return;
      const again = this.launch(name);
      this.ready(name, again, () => this.isStopping).then(
        () => log(`${name} is back`),
        (error: Error) => log(`${name} did not come back: ${error.message.split('\n')[0]}`),
      );
    }, delay);
  }

  serviceNamed(name: ServiceName): ServiceProcess {
    const service = this.services.get(name);
    if (!service) throw new Error(`No service ${name} in this hub`);
    return service;
  }

  pids(): Partial<Record<ServiceName, number>> {
    return Object.fromEntries(
      [...this.services].filter(([, service]) => service.running && service.pid).map(([name, service]) => [name, service.pid!]),
    );
  }
}
