import { randomBytes } from 'node:crypto';
import { databaseUrlVariable } from '@mitra/cli';
import { SUBGRAPH_NAMES } from '@mitra/runtime';

const BENCH_MAX_QUERY_COST = 100_000;

const secret = (): string => randomBytes(24).toString('hex');

/**
 * A hub of the bench's own runs as in production: tokens verified against
 * the bench's own key set (`jwksUrl`, identity.ts: production accepts no
 * shared HS256 secret), real (random, per run) secrets, no development
 * fallbacks, quiet logs; its own embedded PostgreSQL and its own token
 * settings, whatever the shell has set.
 */
function productionEnvironment(jwksUrl: string, dropped: string[], settings: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SUBGRAPH_NAMES) delete env[databaseUrlVariable(name)];
  for (const name of ['JWT_SECRET', 'JWT_ISSUER', 'JWT_AUDIENCE', 'MITRA_DATA_DIR', ...dropped]) delete env[name];
  return {
    ...env,
    ...settings,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    JWKS_URL: jwksUrl,
    GATEWAY_SECRET: secret(),
    CURSOR_SECRET: secret(),
    APOLLO_TELEMETRY_DISABLED: 'true',
  };
}

/** The read benchmark's hub. */
export function benchEnvironment(jwksUrl: string): NodeJS.ProcessEnv {
  return productionEnvironment(jwksUrl, [], {
    // The introspection operation is the gateway-bound one (no subgraph request): on, as outside production.
    INTROSPECTION: 'true',
    // The default cost limit (20,000) refuses the page of 100 teachers with every cross-partner field
    // that the benchmark measures (estimated at about 42,000); a deployment serving such pages raises it too.
    MAX_QUERY_COST: process.env.MAX_QUERY_COST || String(BENCH_MAX_QUERY_COST),
  });
}

/** The load test's hub: loopback only, nothing of this run is reachable from another machine. */
export function writeLoadEnvironment(jwksUrl: string): NodeJS.ProcessEnv {
  return productionEnvironment(jwksUrl, ['METRICS_TOKEN'], { HOST: '127.0.0.1' });
}

/** The services listen on all interfaces; 127.0.0.1 keeps the load tool from trying ::1 first. */
export const ipv4 = (url: string): string => url.replace('//localhost:', '//127.0.0.1:');
