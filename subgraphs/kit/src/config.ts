import { z } from 'zod';

export type SubgraphName = 'schools' | 'university' | 'skb';
export const SUBGRAPH_NAMES: readonly SubgraphName[] = ['schools', 'university', 'skb'];
export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  schools: 4001,
  university: 4002,
  skb: 4003,
};

/** The development-only secret; production refuses to start without a real one. */
export const DEVELOPMENT_SECRET = 'mitra-graph-development-secret-do-not-use-in-production';

const port = z.coerce.number().int().min(0).max(65535);

const common = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('0.0.0.0'),
  CURSOR_SECRET: z.string().min(16).optional(),
  JWT_SECRET: z.string().min(16).optional(),
  MIN_CELL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
};

export interface ServiceConfig {
  nodeEnv: 'development' | 'test' | 'production';
  isProduction: boolean;
  logLevel: string;
  host: string;
  port: number;
  cursorSecret: string;
  minCellSize: number;
}

export interface SubgraphConfig extends ServiceConfig {
  name: SubgraphName;
  databaseUrl: string;
  dbPoolMax: number;
}

export class ConfigError extends Error {}

function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}

function baseConfig(parsed: z.infer<z.ZodObject<typeof common>>, portValue: number): ServiceConfig {
  const secret = parsed.CURSOR_SECRET ?? parsed.JWT_SECRET;
  if (!secret && parsed.NODE_ENV === 'production') {
    throw new ConfigError('CURSOR_SECRET or JWT_SECRET must be set when NODE_ENV=production');
  }
  return {
    nodeEnv: parsed.NODE_ENV,
    isProduction: parsed.NODE_ENV === 'production',
    logLevel: parsed.LOG_LEVEL,
    host: parsed.HOST,
    port: portValue,
    cursorSecret: secret ?? DEVELOPMENT_SECRET,
    minCellSize: parsed.MIN_CELL_SIZE,
  };
}

/** Parses the environment of one subgraph once; nothing else reads process.env. */
export function loadSubgraphConfig(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  const upper = name.toUpperCase();
  const schema = z.object({
    ...common,
    [`${upper}_PORT`]: port.default(DEFAULT_PORTS[name]),
    [`${upper}_DATABASE_URL`]: z
      .string({ required_error: `${upper}_DATABASE_URL is not set (npm start sets it for embedded PostgreSQL)` })
      .url(),
  });
  const result = schema.safeParse(env);
  if (!result.success) throw new ConfigError(`Invalid configuration for ${name}: ${formatIssues(result.error)}`);
  const parsed = result.data as Record<string, unknown> & z.infer<z.ZodObject<typeof common>>;
  return {
    ...baseConfig(parsed, parsed[`${upper}_PORT`] as number),
    name,
    databaseUrl: parsed[`${upper}_DATABASE_URL`] as string,
    dbPoolMax: parsed.DB_POOL_MAX,
  };
}
