import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import {
  AUTH_ENV,
  ConfigError,
  DEFAULT_PORTS,
  HOST_ENV,
  listenHost,
  readPemSetting,
  serverTlsFrom,
  TLS_ENV,
  type ServerTls,
  OPERATIONS_ENV,
  authConfigFrom,
  LIMITS_ENV,
  limitsFrom,
  operationsConfigFrom,
  partnerEnv,
  SUBGRAPH_NAMES,
  type AuthConfig,
  type OperationLimits,
  type SubgraphName,
} from '@mitra/runtime';
import { dashboardPackageDir } from './dashboard';
import type { BreakerSettings } from './circuit-breaker';
import type { PersistedQueryMode } from './persisted-queries';

export interface GatewayConfig {
  nodeEnv: 'development' | 'test' | 'production';
  isProduction: boolean;
  logLevel: string;
  host: string;
  port: number;
  /** GATEWAY_WORKERS: processes sharing the port (node:cluster); 1 serves from this process alone. */
  workers: number;
  /** The committed, composed supergraph the gateway serves. */
  supergraphPath: string;
  /** Run-time overrides of the subgraph URLs recorded in the supergraph, by subgraph name. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** Upper bound for one subgraph fetch, so a hung partner cannot hold a client request forever. */
  subgraphTimeoutMs: number;
  /** `<NAME>_TIMEOUT_MS`: a partner's own deadline over subgraphTimeoutMs (a far institution may need more). */
  subgraphTimeouts: Partial<Record<SubgraphName, number>>;
  /** When a partner that does not answer is skipped, and for how long (circuit-breaker.ts). */
  breaker: BreakerSettings;
  /** How the gateway reaches https subgraphs: the CA(s) it trusts and the client certificate it presents (SUBGRAPH_*_FILE). */
  subgraphTls: SubgraphTls | null;
  /** TLS_CERT_FILE / TLS_KEY_FILE: the gateway serves https. */
  tls: ServerTls | null;
  /** Upper bound for one subgraph's /readyz answer when the gateway's /readyz is asked. */
  readinessTimeoutMs: number;
  /** How callers' tokens are verified (as in every subgraph) and the secret the gateway sends the subgraphs. */
  auth: AuthConfig;
  /** Refusals before planning: what one operation may ask for. */
  limits: OperationLimits;
  /** Introspection is on outside production unless configured otherwise. */
  introspection: boolean;
  /** Which documents the gateway answers: any (`optional`), or only the manifest's, by hash (`required`). */
  persistedQueries: { mode: PersistedQueryMode; manifestPath: string };
  /** The built dashboard served at /dashboard. */
  dashboardDir: string;
  /** METRICS_TOKEN: who may read /metrics. */
  metricsToken: string | null;
  /** SHUTDOWN_TIMEOUT_MS: the bound on finishing in-flight requests after SIGTERM. */
  shutdownTimeoutMs: number;
  /** EXPOSE_STACKTRACES: stack traces in error answers (development only; off by default). */
  exposeStacktraces: boolean;
}

// Both gateway/src (jest) and gateway/dist (node) sit one level below
// gateway/, so the same relative path reaches the committed file.
export const DEFAULT_SUPERGRAPH_PATH = path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql');

const url = z.string().url();
const timeoutMs = z.coerce.number().int().min(1).max(600_000);
const optionalFile = z.string().min(1).optional();

/** The TLS side of the gateway's connections to https subgraphs (PEM text). */
export interface SubgraphTls {
  /** SUBGRAPH_CA_FILE: trusted instead of the public roots (one file may hold each institution's CA). */
  ca?: string;
  /** SUBGRAPH_CLIENT_CERT_FILE / SUBGRAPH_CLIENT_KEY_FILE: for subgraphs that require a client certificate. */
  cert?: string;
  key?: string;
}

function subgraphTlsFrom(parsed: { SUBGRAPH_CA_FILE?: string; SUBGRAPH_CLIENT_CERT_FILE?: string; SUBGRAPH_CLIENT_KEY_FILE?: string }) {
  const { SUBGRAPH_CA_FILE: ca, SUBGRAPH_CLIENT_CERT_FILE: cert, SUBGRAPH_CLIENT_KEY_FILE: key } = parsed;
  if (Boolean(cert) !== Boolean(key))
    throw new ConfigError('SUBGRAPH_CLIENT_CERT_FILE and SUBGRAPH_CLIENT_KEY_FILE go together: set both, or neither');
  if (!ca && !cert) return null;
  return {
    ...(ca ? { ca: readPemSetting('SUBGRAPH_CA_FILE', ca) } : {}),
    ...(cert && key
      ? { cert: readPemSetting('SUBGRAPH_CLIENT_CERT_FILE', cert), key: readPemSetting('SUBGRAPH_CLIENT_KEY_FILE', key) }
      : {}),
  };
}

const schema = z.object({
  ...AUTH_ENV,
  ...OPERATIONS_ENV,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ...HOST_ENV,
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORTS.gateway),
  GATEWAY_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  // The in-process Hive engine is gone; an old setting gets a word of explanation instead of silence.
  GATEWAY_ENGINE: z
    .literal('apollo', {
      errorMap: () => ({ message: 'only "apollo" remains (the Hive engine was removed; the scale path is a Rust router: docs/router.md)' }),
    })
    .optional(),
  SUPERGRAPH_PATH: z.string().min(1).optional(),
  // <NAME>_URL for every partner in the registry: where it is reached, over the supergraph's default.
  ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [partnerEnv(name).url, url.optional()])),
  SUBGRAPH_TIMEOUT_MS: timeoutMs.default(10_000),
  ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [partnerEnv(name).timeoutMs, timeoutMs.optional()])),
  ...TLS_ENV,
  SUBGRAPH_CA_FILE: optionalFile,
  SUBGRAPH_CLIENT_CERT_FILE: optionalFile,
  SUBGRAPH_CLIENT_KEY_FILE: optionalFile,
  SUBGRAPH_BREAKER_FAILURES: z.coerce.number().int().min(1).max(1_000).default(3),
  SUBGRAPH_BREAKER_PAUSE_MS: z.coerce.number().int().min(1).max(3_600_000).default(5_000),
  READINESS_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000).default(2_000),
  ...LIMITS_ENV,
  INTROSPECTION: z.enum(['true', 'false']).optional(),
  PERSISTED_QUERIES: z.enum(['required', 'optional']).default('optional'),
  PERSISTED_QUERIES_MANIFEST: z.string().min(1).optional(),
  DASHBOARD_DIR: z.string().min(1).optional(),
});

/** Parses the gateway's environment once; nothing else reads process.env. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  // An empty variable (`SKB_URL=` in a .env file) means "not set", not "invalid URL".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration for gateway: ${issues}`);
  }
  const parsed = result.data;
  const dashboardPackage = dashboardPackageDir();
  const dashboardDir = path.resolve(parsed.DASHBOARD_DIR ?? path.join(dashboardPackage, 'dist'));
  const subgraphUrls: Partial<Record<SubgraphName, string>> = {};
  const subgraphTimeouts: Partial<Record<SubgraphName, number>> = {};
  for (const name of SUBGRAPH_NAMES) {
    const given = (parsed as Record<string, unknown>)[partnerEnv(name).url];
    if (typeof given === 'string') subgraphUrls[name] = given;
    const timeout = (parsed as Record<string, unknown>)[partnerEnv(name).timeoutMs];
    if (typeof timeout === 'number') subgraphTimeouts[name] = timeout;
  }
  return {
    nodeEnv: parsed.NODE_ENV,
    isProduction: parsed.NODE_ENV === 'production',
    logLevel: parsed.LOG_LEVEL,
    host: listenHost(parsed.HOST, parsed.NODE_ENV),
    port: parsed.GATEWAY_PORT,
    // One worker per core: the planner and result shaping are CPU-bound JavaScript.
    workers: parsed.GATEWAY_WORKERS ?? availableParallelism(),
    supergraphPath: path.resolve(parsed.SUPERGRAPH_PATH ?? DEFAULT_SUPERGRAPH_PATH),
    subgraphUrls,
    subgraphTimeoutMs: parsed.SUBGRAPH_TIMEOUT_MS,
    subgraphTimeouts,
    breaker: { failures: parsed.SUBGRAPH_BREAKER_FAILURES, pauseMs: parsed.SUBGRAPH_BREAKER_PAUSE_MS },
    subgraphTls: subgraphTlsFrom(parsed),
    tls: serverTlsFrom(parsed),
    readinessTimeoutMs: parsed.READINESS_TIMEOUT_MS,
    auth: authConfigFrom(parsed),
    limits: limitsFrom(parsed),
    introspection: parsed.INTROSPECTION ? parsed.INTROSPECTION === 'true' : parsed.NODE_ENV !== 'production',
    persistedQueries: {
      mode: parsed.PERSISTED_QUERIES,
      // The dashboard's codegen writes the manifest beside its typed documents.
      manifestPath: path.resolve(
        parsed.PERSISTED_QUERIES_MANIFEST ?? path.join(dashboardPackage, 'src', 'gql', 'persisted-documents.json'),
      ),
    },
    dashboardDir,
    ...operationsConfigFrom(parsed),
  };
}
