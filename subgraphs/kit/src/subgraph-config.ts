import { z } from 'zod';
import {
  AUTH_ENV,
  ConfigError,
  DEFAULT_GATEWAY_URL,
  DEFAULT_PORTS,
  DEVELOPMENT_SECRET,
  HOST_ENV,
  listenHost,
  serverTlsFrom,
  TLS_ENV,
  LIMITS_ENV,
  OPERATIONS_ENV,
  PORT,
  authConfigFrom,
  formatIssues,
  limitsFrom,
  operationsConfigFrom,
  partnerEnv,
  unsetIfEmpty,
  type OperationLimits,
  type ServiceConfig,
  type SubgraphName,
} from '@mitra/runtime';
import { databaseTls } from './database-tls';

const common = {
  ...AUTH_ENV,
  ...OPERATIONS_ENV,
  // The gateway's operation limits, enforced here for every caller without the gateway's secret.
  ...LIMITS_ENV,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ...HOST_ENV,
  ...TLS_ENV,
  CURSOR_SECRET: z.string().min(16).optional(),
  MIN_CELL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  STATISTICS_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
};

export interface SubgraphConfig extends ServiceConfig {
  name: SubgraphName;
  /** Signs pagination cursors (CURSOR_SECRET, else JWT_SECRET). */
  cursorSecret: string;
  /** MIN_CELL_SIZE: the smallest group a statistic is shown for (privacy.ts). */
  minCellSize: number;
  /** What a caller without the gateway's secret may ask for (the gateway's MAX_* settings). */
  limits: OperationLimits;
  databaseUrl: string;
  dbPoolMax: number;
  /** How long a subgraph may reuse its statistics aggregates (0: never); its own writes refresh them at once. */
  statisticsCacheMs: number;
  /**
   * The gateway's GraphQL endpoint (GATEWAY_URL): a write that names another
   * partner's key asks that partner through the gateway, never its database.
   */
  gatewayUrl: string;
}

/** Parses the environment of one subgraph once; nothing else reads process.env. */
export function loadSubgraphConfig(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  const names = partnerEnv(name);
  const schema = z.object({
    ...common,
    [names.port]: PORT.default(DEFAULT_PORTS[name]),
    [names.databaseUrl]: z.string({ required_error: `${names.databaseUrl} is not set (npm start sets it for embedded PostgreSQL)` }).url(),
    GATEWAY_URL: z.preprocess(unsetIfEmpty, z.string().url().default(DEFAULT_GATEWAY_URL)),
  });
  const result = schema.safeParse(env);
  if (!result.success) throw new ConfigError(`Invalid configuration for ${name}: ${formatIssues(result.error)}`);
  const parsed = result.data as Record<string, unknown> & z.infer<z.ZodObject<typeof common>>;
  // A bad sslmode stops the start here, naming the setting, rather than at the first connection.
  databaseTls(parsed[names.databaseUrl] as string, names.databaseUrl);
  const secret = parsed.CURSOR_SECRET ?? parsed.JWT_SECRET;
  // Every missing production secret is named at once, not one per attempt.
  const auth = authConfigFrom(parsed, secret ? [] : [`CURSOR_SECRET must be set (signs pagination cursors)`]);
  return {
    nodeEnv: parsed.NODE_ENV,
    isProduction: parsed.NODE_ENV === 'production',
    logLevel: parsed.LOG_LEVEL,
    host: listenHost(parsed.HOST, parsed.NODE_ENV),
    tls: serverTlsFrom(parsed),
    port: parsed[names.port] as number,
    auth,
    ...operationsConfigFrom(parsed),
    name,
    cursorSecret: secret ?? DEVELOPMENT_SECRET,
    minCellSize: parsed.MIN_CELL_SIZE,
    limits: limitsFrom(parsed),
    databaseUrl: parsed[names.databaseUrl] as string,
    dbPoolMax: parsed.DB_POOL_MAX,
    statisticsCacheMs: parsed.STATISTICS_CACHE_SECONDS * 1000,
    gatewayUrl: parsed.GATEWAY_URL as string,
  };
}
