import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { createLogger, nextCrashCount, restartDelayMs, type Logger } from '@mitra/runtime';
import type { GatewayConfig } from './config';

/**
 * The gateway on every core: a primary process that holds the port and
 * hands connections to GATEWAY_WORKERS worker processes (node:cluster,
 * round-robin), each a whole gateway (planner, limits, persisted queries,
 * health, dashboard, exports). Query planning and result shaping are
 * CPU-bound JavaScript, so one process uses one core at most.
 *
 * The primary does no GraphQL: it starts the workers, restarts one that
 * crashes (with back-off), forwards SIGINT/SIGTERM so each worker drains
 * its requests, sums the workers' metrics for whichever worker serves
 * GET /metrics, and exits when the last worker has.
 */

const METRICS_REQUEST = 'mitra:metrics-request';
const METRICS_ANSWER = 'mitra:metrics-answer';

interface MetricsMessage {
  type: typeof METRICS_REQUEST | typeof METRICS_ANSWER;
  id: number;
  text?: string;
  error?: string;
}

const isMetricsMessage = (message: unknown, type: MetricsMessage['type']): message is MetricsMessage =>
  typeof message === 'object' && message !== null && (message as MetricsMessage).type === type;

/** What a worker may take beyond SHUTDOWN_TIMEOUT_MS to close Apollo and exit before the primary gives up on it. */
const STOP_GRACE_MS = 15_000;

/** In a worker: GET /metrics answers with the sum over all workers, which the primary collects. */
export function clusterMetrics(registry: Registry): () => Promise<string> {
  AggregatorRegistry.setRegistries([registry]);
  // Constructing one installs the worker's answer to the primary's collection request (prom-client).
  void new AggregatorRegistry();
  const waiting = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>();
  let next = 0;
  process.on('message', (message: unknown) => {
    if (!isMetricsMessage(message, METRICS_ANSWER)) return;
    const entry = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error !== undefined) entry?.reject(new Error(message.error));
    else entry?.resolve(message.text ?? '');
  });
  return () =>
    new Promise((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error('The gateway primary did not answer the metrics request within 5 s'));
      }, 5_000);
      waiting.set(id, {
        resolve: (text) => (clearTimeout(timer), resolve(text)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      process.send?.({ type: METRICS_REQUEST, id } satisfies MetricsMessage);
    });
}

/** The id of this worker (1, 2, …; a restarted worker gets a new one), or null outside a cluster. */
export function workerId(): number | null {
  return cluster.isWorker ? cluster.worker!.id : null;
}

/**
 * The node options of the workers: the primary's own, and `--single-threaded-gc` when there are at least as many
 * workers as cores. V8 collects garbage with helper threads beside the main thread; with a worker on every core, they
 * can only take a core from another worker's requests, and waiting for each other costs more CPU than it saves. On
 * 2 cores, the introspection query at concurrency 10 (wrk, six alternating 5 s rounds in one hub): two workers
 * served 8% more requests with it (1,799 against 1,661 req/s summed), and `teachers-100` at concurrency 1 was as fast
 * (p50 28.5 against 29.6 ms); docs/benchmarks.md. A `--single-threaded-gc` or `--no-single-threaded-gc` on node's
 * command line (MITRA_NODE_ARGS under `npm start`; node refuses both in NODE_OPTIONS) is left as it is.
 */
export function workerExecArgv(execArgv: readonly string[], workers: number, cores: number): string[] {
  const said = execArgv.some((option) => /^--(no-)?single[-_]threaded[-_]gc$/.test(option));
  return said || workers < cores ? [...execArgv] : [...execArgv, '--single-threaded-gc'];
}

/** Runs the primary: forks `config.workers` workers of this same script and looks after them. */
export function runPrimary(config: GatewayConfig, logger: Logger = createLogger('gateway', config.logLevel)): void {
  const aggregator = new AggregatorRegistry();
  const everListened = new Set<number>();
  const startedAt = new Map<number, number>();
  let crashesInARow = 0;
  let anyReady = false;
  let stopping = false;
  let worstExit = 0;

  const fork = (): Worker => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
    worker.on('message', (message: unknown) => {
      if (!isMetricsMessage(message, METRICS_REQUEST)) return;
      aggregator.clusterMetrics().then(
        (text) => worker.send({ type: METRICS_ANSWER, id: message.id, text } satisfies MetricsMessage),
        (error: Error) => worker.send({ type: METRICS_ANSWER, id: message.id, error: error.message } satisfies MetricsMessage),
      );
    });
    return worker;
  };

  // A worker that has exited may stay in cluster.workers until its IPC channel closes.
  const live = (): Worker[] => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());

  const exit = (): void => {
    logger.info({ exitCode: worstExit }, 'stopped');
    setTimeout(() => process.exit(worstExit), 1_000).unref();
    logger.flush(() => process.exit(worstExit));
  };

  const stopAll = (signal: NodeJS.Signals | 'start-up failure'): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: live().length }, 'stopping');
    if (live().length === 0) return exit();
    for (const worker of live()) worker.process.kill('SIGTERM');
    setTimeout(() => {
      logger.error({ workers: live().length }, 'workers did not stop in time; killing them');
      for (const worker of live()) worker.process.kill('SIGKILL');
      process.exit(1);
    }, config.shutdownTimeoutMs + STOP_GRACE_MS).unref();
  };

  cluster.on('listening', (worker) => {
    everListened.add(worker.id);
    if (!anyReady && everListened.size >= config.workers) {
      anyReady = true;
      logger.info({ workers: config.workers, port: config.port }, 'all workers ready');
    }
  });

  cluster.on('exit', (worker, code, signal) => {
    const ranMs = Date.now() - (startedAt.get(worker.id) ?? Date.now());
    startedAt.delete(worker.id);
    if (stopping) {
      if (code !== 0) worstExit = 1;
      if (live().length === 0) exit();
      return;
    }
    // A worker that never listened before any worker was ready: a start-up failure (configuration, port, supergraph)
    // that a restart would only repeat. Its own output says why.
    if (!everListened.has(worker.id) && !anyReady) {
      logger.error({ worker: worker.id, code, signal }, 'a gateway worker failed to start; stopping');
      worstExit = 1;
      stopAll('start-up failure');
      return;
    }
    crashesInARow = nextCrashCount(crashesInARow, ranMs);
    const delay = restartDelayMs(crashesInARow);
    logger.error({ worker: worker.id, code, signal, ranMs, restartInMs: delay }, 'a gateway worker exited; starting another');
    setTimeout(() => {
      if (!stopping) fork();
    }, delay).unref();
  });

  process.on('SIGINT', () => stopAll('SIGINT'));
  process.on('SIGTERM', () => stopAll('SIGTERM'));
  const execArgv = workerExecArgv(process.execArgv, config.workers, os.availableParallelism());
  cluster.setupPrimary({ execArgv });
  logger.info({ workers: config.workers, port: config.port, nodeOptions: execArgv }, 'starting gateway workers');
  for (let i = 0; i < config.workers; i++) fork();
}
