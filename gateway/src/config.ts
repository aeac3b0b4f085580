import path from 'node:path';
import { z } from 'zod';
import { ConfigError, DEFAULT_PORTS, type SubgraphName } from '@mitra/kit';

export interface GatewayConfig {
  nodeEnv: 'development' | 'test' | 'production';
  isProduction: boolean;
  logLevel: string;
  host: string;
  port: number;
  /** The committed, composed supergraph the gateway serves. */
  supergraphPath: string;
  /** Run-time overrides of the subgraph URLs recorded in the supergraph, by subgraph name. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** Upper bound for one subgraph fetch, so a hung partner cannot hold a client request forever. */
  subgraphTimeoutMs: number;
  /** Upper bound for one subgraph's /readyz answer when the gateway's /readyz is asked. */
  readinessTimeoutMs: number;
}

// Both gateway/src (jest) and gateway/dist (node) sit one level below
// gateway/, so the same relative path reaches the committed file.
export const DEFAULT_SUPERGRAPH_PATH = path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql');

const url = z.string().url();

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('0.0.0.0'),
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORTS.gateway),
  SUPERGRAPH_PATH: z.string().min(1).optional(),
  SCHOOLS_URL: url.optional(),
  UNIVERSITY_URL: url.optional(),
  SKB_URL: url.optional(),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).default(10_000),
  READINESS_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000).default(2_000),
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
  const subgraphUrls: Partial<Record<SubgraphName, string>> = {};
  if (parsed.SCHOOLS_URL) subgraphUrls.schools = parsed.SCHOOLS_URL;
  if (parsed.UNIVERSITY_URL) subgraphUrls.university = parsed.UNIVERSITY_URL;
  if (parsed.SKB_URL) subgraphUrls.skb = parsed.SKB_URL;
  return {
    nodeEnv: parsed.NODE_ENV,
    isProduction: parsed.NODE_ENV === 'production',
    logLevel: parsed.LOG_LEVEL,
    host: parsed.HOST,
    port: parsed.GATEWAY_PORT,
    supergraphPath: path.resolve(parsed.SUPERGRAPH_PATH ?? DEFAULT_SUPERGRAPH_PATH),
    subgraphUrls,
    subgraphTimeoutMs: parsed.SUBGRAPH_TIMEOUT_MS,
    readinessTimeoutMs: parsed.READINESS_TIMEOUT_MS,
  };
}
