import { timingSafeEqual } from 'node:crypto';
import type express from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { sqlStatementsTotal } from './request-scope';

/**
 * How a GraphQL request ended, as a bounded label: `ok` (no errors),
 * `refused` (the caller's fault: bad input, no rights, not found, conflict,
 * a limit), `unavailable` (a partner or a database did not answer), `error`
 * (anything else: a bug).
 */
export type Outcome = 'ok' | 'refused' | 'unavailable' | 'error';

/** How one gateway → subgraph fetch ended. */
export type FetchOutcome = 'ok' | 'errors' | 'timeout' | 'unavailable';

const REFUSED_CODES = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'NOT_IMPLEMENTED',
]);

/** The outcome of a response from the codes of its errors (the worst one wins). */
export function outcomeOf(codes: readonly (string | undefined)[]): Outcome {
  if (!codes.length) return 'ok';
  if (codes.some((code) => code !== 'SERVICE_UNAVAILABLE' && !REFUSED_CODES.has(code ?? ''))) return 'error';
  if (codes.includes('SERVICE_UNAVAILABLE')) return 'unavailable';
  return 'refused';
}

/** For a request that never reached GraphQL execution (a refused token, a body too large). */
export function outcomeOfStatus(status: number): Outcome {
  if (status < 400) return 'ok';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return status < 500 ? 'refused' : 'error';
}

// A GraphQL name, as the spec defines it: anything else is not an operation name.
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
export const MAX_OPERATION_LABEL_LENGTH = 64;

/**
 * The operation name as it may appear in a label or a log line: the
 * client's name when it is a GraphQL name (cut to 64 characters),
 * `anonymous` without one, `invalid` for anything else.
 */
export function operationLabel(name: unknown): string {
  if (name === undefined || name === null || name === '') return 'anonymous';
  if (typeof name !== 'string' || !GRAPHQL_NAME.test(name)) return 'invalid';
  return name.slice(0, MAX_OPERATION_LABEL_LENGTH);
}

/**
 * Distinct operation names kept as labels per process. Names are chosen by
 * clients; past this many, new ones are counted as `other`, so a client
 * that sends a fresh name with every request cannot grow the metrics
 * without bound.
 */
export const MAX_OPERATION_LABELS = 200;

/** A knex (tarn) pool's counters, read when /metrics is scraped. */
export interface PoolUsage {
  used: number;
  free: number;
  pendingAcquires: number;
  pendingCreates: number;
  max: number;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * One service's Prometheus metrics, in a registry of its own (each service
 * is its own process; tests build several servers in one process). Every
 * series carries `service`. Nothing here names a person: labels are
 * operation names, outcomes and subgraph names.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'operation' | 'outcome'>;
  private readonly requestSeconds: Histogram<'operation' | 'outcome'>;
  private readonly knownOperations = new Set<string>();
  private fetchSeconds: Histogram<'subgraph' | 'outcome'> | undefined;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'mitra_graphql_requests_total',
      help: 'GraphQL requests by operation name and outcome (ok, refused, unavailable, error)',
      labelNames: ['operation', 'outcome'],
      registers: [this.registry],
    });
    this.requestSeconds = new Histogram({
      name: 'mitra_graphql_request_duration_seconds',
      help: 'Time from receiving a GraphQL request to the end of its response',
      labelNames: ['operation', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
  }

  /** The label for a client's operation name: sanitised, and bounded in number. */
  operation(name: unknown): string {
    const label = operationLabel(name);
    if (this.knownOperations.has(label)) return label;
    if (this.knownOperations.size >= MAX_OPERATION_LABELS) return 'other';
    this.knownOperations.add(label);
    return label;
  }

  observeRequest(operationName: unknown, outcome: Outcome, seconds: number): void {
    const labels = { operation: this.operation(operationName), outcome };
    this.requests.inc(labels);
    this.requestSeconds.observe(labels, seconds);
  }

  /** The gateway's view of each subgraph. */
  observeSubgraphFetch(subgraph: string, outcome: FetchOutcome, seconds: number): void {
    this.fetchSeconds ??= new Histogram({
      name: 'mitra_subgraph_fetch_duration_seconds',
      help: 'Gateway to subgraph fetches by subgraph and outcome (ok, errors, timeout, unavailable)',
      labelNames: ['subgraph', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    this.fetchSeconds.observe({ subgraph, outcome }, seconds);
  }

  /** SQL statements this process sent (counted in request-scope.ts for every statement). */
  trackSqlStatements(total: () => number = sqlStatementsTotal): void {
    let reported = 0;
    new Counter({
      name: 'mitra_sql_statements_total',
      help: 'SQL statements sent to the database',
      registers: [this.registry],
      collect() {
        const now = total();
        if (now > reported) this.inc(now - reported);
        reported = now;
      },
    });
  }

  /** The database pool, read at each scrape; `usage` answers undefined while there is no pool. */
  trackPool(usage: () => PoolUsage | undefined): void {
    new Gauge({
      name: 'mitra_db_pool_connections',
      help: 'Database pool connections: used (checked out), free (idle), pending_acquires (requests waiting for one), pending_creates (being opened)',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const pool = usage();
        this.set({ state: 'used' }, pool?.used ?? 0);
        this.set({ state: 'free' }, pool?.free ?? 0);
        this.set({ state: 'pending_acquires' }, pool?.pendingAcquires ?? 0);
        this.set({ state: 'pending_creates' }, pool?.pendingCreates ?? 0);
      },
    });
    new Gauge({
      name: 'mitra_db_pool_max',
      help: 'Largest number of connections the pool opens (DB_POOL_MAX)',
      registers: [this.registry],
      collect() {
        this.set(usage()?.max ?? 0);
      },
    });
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Who may read /metrics: with a token, only its bearers; without one, anyone outside production, nobody in it. */
export interface MetricsAccess {
  token: string | null;
  isProduction: boolean;
  /**
   * Where the text comes from when it is not this process's registry alone:
   * the gateway's workers answer with the sum over all workers.
   */
  collect?: () => Promise<string>;
}

/** `GET /metrics` in Prometheus's text format. */
export function metricsRoute(metrics: ServiceMetrics, access: MetricsAccess): express.RequestHandler {
  return async (req, res) => {
    res.set('cache-control', 'no-store');
    if (access.token) {
      const header = req.headers.authorization ?? '';
      const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
      if (!sameSecret(given, access.token)) {
        res.status(401).set('www-authenticate', 'Bearer').json({ error: 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>' });
        return;
      }
    } else if (access.isProduction) {
      res.status(404).json({ error: 'Metrics are off: set METRICS_TOKEN to serve /metrics in production' });
      return;
    }
    res.set('content-type', metrics.registry.contentType).send(await (access.collect ? access.collect() : metrics.registry.metrics()));
  };
}
