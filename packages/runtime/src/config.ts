import fs from 'node:fs';
import { z } from 'zod';
import { DEFAULT_PORTS } from './partners';

/** The development-only secret; production refuses to start without a real one. */
export const DEVELOPMENT_SECRET = 'mitra-graph-development-secret-do-not-use-in-production';
/** Signs and verifies development tokens (HS256) when JWT_SECRET is not set; refused in production. */
export const DEVELOPMENT_JWT_SECRET = 'mitra-graph-development-jwt-secret-do-not-use-in-production';
/** Proves a request came from the gateway when GATEWAY_SECRET is not set; refused in production. */
export const DEVELOPMENT_GATEWAY_SECRET = 'mitra-graph-development-gateway-secret-do-not-use-in-production';
export const DEFAULT_JWT_ISSUER = 'mitra-graph';
export const DEFAULT_JWT_AUDIENCE = 'mitra-graph';
/** MAX_TOKEN_LIFETIME's default: a working day; a stolen token is worth little for long. */
export const DEFAULT_MAX_TOKEN_LIFETIME = '12h';

const DURATION = /^\s*(\d{1,6})([smhd])\s*$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400 };

/** Seconds in a duration such as `90s`, `30m`, `12h`, `7d`; NaN when it is not one. */
export function durationSeconds(value: string): number {
  const match = DURATION.exec(value);
  return match ? Number(match[1]) * UNIT_SECONDS[match[2]] : NaN;
}

/** A listening port setting (0: any free port). */
export const PORT = z.coerce.number().int().min(0).max(65535);

// `JWKS_URL=` in a .env file means "not set", not "invalid URL".
export const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

/** HOST: the address every service listens on (gateway and subgraphs alike). */
export const HOST_ENV = { HOST: z.preprocess(unsetIfEmpty, z.string().min(1).optional()) };

/**
 * The listen address when HOST is not set. In development and tests,
 * loopback only: a developer's hub (its development secrets, its open
 * introspection) is not reachable from the network it happens to be on.
 * In production, every interface: a partner's subgraph exists to be reached
 * by the gateway at another institution, and the gateway by its clients;
 * who may connect is the firewall's business (and TLS's, docs/deploying.md).
 */
export function listenHost(host: string | undefined, nodeEnv: 'development' | 'test' | 'production'): string {
  return host ?? (nodeEnv === 'production' ? '0.0.0.0' : '127.0.0.1');
}

/** TLS_*: a service serving https (every service reads them: the gateway and each subgraph). */
export const TLS_ENV = {
  /** PEM certificate chain the service presents; with TLS_KEY_FILE it serves https instead of http. */
  TLS_CERT_FILE: z.preprocess(unsetIfEmpty, z.string().min(1).optional()),
  TLS_KEY_FILE: z.preprocess(unsetIfEmpty, z.string().min(1).optional()),
  /** PEM CA(s): every connection must present a client certificate they signed (a subgraph that only its gateway may reach). */
  TLS_CLIENT_CA_FILE: z.preprocess(unsetIfEmpty, z.string().min(1).optional()),
};

/** What a service serving https presents, and whom it lets connect. */
export interface ServerTls {
  cert: string;
  key: string;
  /** Set: a client certificate signed by one of these CAs is required. */
  clientCa?: string;
}

/** Reads a PEM file a setting names; a missing or unreadable file stops the start with the setting named. */
export function readPemSetting(setting: string, file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${setting}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** The service's https settings, or null for plain http. Certificate and key come together or not at all. */
export function serverTlsFrom(parsed: z.infer<z.ZodObject<typeof TLS_ENV>>): ServerTls | null {
  const { TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile, TLS_CLIENT_CA_FILE: clientCaFile } = parsed;
  if (!certFile && !keyFile) {
    if (clientCaFile)
      throw new ConfigError('TLS_CLIENT_CA_FILE needs TLS_CERT_FILE and TLS_KEY_FILE (client certificates exist only over https)');
    return null;
  }
  if (!certFile || !keyFile) throw new ConfigError('TLS_CERT_FILE and TLS_KEY_FILE go together: set both to serve https, or neither');
  return {
    cert: readPemSetting('TLS_CERT_FILE', certFile),
    key: readPemSetting('TLS_KEY_FILE', keyFile),
    ...(clientCaFile ? { clientCa: readPemSetting('TLS_CLIENT_CA_FILE', clientCaFile) } : {}),
  };
}

/** Token verification and the gateway's shared secret: read by every subgraph, the gateway and `npm run token`. */
export const AUTH_ENV = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  JWT_SECRET: z.preprocess(unsetIfEmpty, z.string().min(16).optional()),
  JWKS_URL: z.preprocess(unsetIfEmpty, z.string().url().optional()),
  JWT_ISSUER: z.preprocess(unsetIfEmpty, z.string().min(1).default(DEFAULT_JWT_ISSUER)),
  JWT_AUDIENCE: z.preprocess(unsetIfEmpty, z.string().min(1).default(DEFAULT_JWT_AUDIENCE)),
  /** The longest lifetime (exp - iat) a token may have: `90s`, `30m`, `12h`, `7d`. */
  MAX_TOKEN_LIFETIME: z.preprocess(
    unsetIfEmpty,
    z.string().regex(DURATION, 'a duration such as 30m, 12h or 1d').default(DEFAULT_MAX_TOKEN_LIFETIME),
  ),
  GATEWAY_SECRET: z.preprocess(unsetIfEmpty, z.string().min(16).optional()),
};

/** Operations settings every service reads (the gateway too). */
export const OPERATIONS_ENV = {
  /** Bearer token for GET /metrics; without it /metrics is open outside production and off in production. */
  METRICS_TOKEN: z.preprocess(unsetIfEmpty, z.string().min(16).optional()),
  /** After SIGTERM: how long in-flight requests may take before their connections are closed. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** `true`: errors carry `extensions.stacktrace` (a developer's choice; refused in production). */
  EXPOSE_STACKTRACES: z.preprocess(unsetIfEmpty, z.enum(['true', 'false']).default('false')),
};

export interface OperationsConfig {
  metricsToken: string | null;
  shutdownTimeoutMs: number;
  /** EXPOSE_STACKTRACES: stack traces in error answers; off unless asked for, never in production. */
  exposeStacktraces: boolean;
}

/** The operations settings of a parsed environment. */
export function operationsConfigFrom(
  parsed: z.infer<z.ZodObject<typeof OPERATIONS_ENV>> & { NODE_ENV: 'development' | 'test' | 'production' },
): OperationsConfig {
  const exposeStacktraces = parsed.EXPOSE_STACKTRACES === 'true';
  // A stack trace maps the code for whoever reads it: production refuses to start rather than silently ignore the setting.
  if (exposeStacktraces && parsed.NODE_ENV === 'production') {
    throw new ConfigError('NODE_ENV=production: EXPOSE_STACKTRACES=true is refused (stack traces are for development only)');
  }
  return { metricsToken: parsed.METRICS_TOKEN ?? null, shutdownTimeoutMs: parsed.SHUTDOWN_TIMEOUT_MS, exposeStacktraces };
}

export interface ServiceConfig {
  nodeEnv: 'development' | 'test' | 'production';
  isProduction: boolean;
  logLevel: string;
  host: string;
  port: number;
  auth: AuthConfig;
  /** METRICS_TOKEN: who may read /metrics (see metrics.ts). */
  metricsToken: string | null;
  /** SHUTDOWN_TIMEOUT_MS: the bound on finishing in-flight requests after SIGTERM. */
  shutdownTimeoutMs: number;
  /** EXPOSE_STACKTRACES: `extensions.stacktrace` in error answers (development only; off by default). */
  exposeStacktraces?: boolean;
  /** TLS_CERT_FILE / TLS_KEY_FILE (/ TLS_CLIENT_CA_FILE): https instead of http; null or absent: http. */
  tls?: ServerTls | null;
}

/** How callers' tokens are verified and how a subgraph recognises the gateway. */
export interface AuthConfig {
  /** `iss` every token must carry (JWT_ISSUER). */
  issuer: string;
  /** `aud` every token must carry (JWT_AUDIENCE). */
  audience: string;
  /** HS256 key (JWT_SECRET or the development secret); null when tokens are verified against `jwksUrl`. */
  jwtSecret: string | null;
  /** RS256/ES256 public keys (JWKS_URL); when set, it is the only way a token is accepted. */
  jwksUrl: string | null;
  /** Sent by the gateway in `x-mitra-gateway-secret`; required by subgraphs for `_entities` and `_service`. */
  gatewaySecret: string;
  /** Development defaults in use, said once at start-up. */
  warnings: string[];
  /** MAX_TOKEN_LIFETIME in seconds: a token whose exp - iat is longer is refused. */
  maxTokenLifetimeSeconds: number;
}

export const DEFAULT_GATEWAY_URL = `http://localhost:${DEFAULT_PORTS.gateway}/graphql`;

export class ConfigError extends Error {}

export function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Token and gateway-secret settings. Development falls back to fixed,
 * clearly named secrets and says so; production refuses to start without
 * real ones, and never accepts the development values.
 */
export function authConfigFrom(
  parsed: z.infer<z.ZodObject<typeof AUTH_ENV>>,
  /** Other missing production settings of the same service, reported in the same error. */
  productionProblems: string[] = [],
): AuthConfig {
  const production = parsed.NODE_ENV === 'production';
  const problems: string[] = [...productionProblems];
  const warnings: string[] = [];
  if (production) {
    // With many institutions, a shared HS256 secret lets whoever runs any one service mint an
    // admin token for every other organisation: production verifies public keys only.
    if (parsed.JWT_SECRET) {
      problems.push(
        "JWT_SECRET is refused: a shared HS256 secret would let anyone who runs one service mint tokens for every organisation; set JWKS_URL to your identity provider's public keys (RS256/ES256) instead",
      );
    }
    if (!parsed.JWKS_URL) problems.push('JWKS_URL (the RS256/ES256 public keys of your identity provider) must be set to verify tokens');
    if (!parsed.GATEWAY_SECRET) problems.push('GATEWAY_SECRET must be set (the shared secret between the gateway and the subgraphs)');
    if (parsed.GATEWAY_SECRET === DEVELOPMENT_GATEWAY_SECRET) problems.push('GATEWAY_SECRET must not be the development secret');
    if (parsed.JWKS_URL) {
      const url = new URL(parsed.JWKS_URL);
      if (url.protocol !== 'https:' && !LOCAL_HOSTS.has(url.hostname))
        problems.push('JWKS_URL must use https (keys fetched over plain http could be replaced in transit)');
    }
    if (problems.length) throw new ConfigError(`NODE_ENV=production: ${problems.join('; ')}`);
  } else {
    if (!parsed.JWT_SECRET && !parsed.JWKS_URL) {
      warnings.push('JWT_SECRET is not set: tokens are signed and verified with the fixed development secret (never use it in production)');
    }
    if (!parsed.GATEWAY_SECRET) {
      warnings.push(
        'GATEWAY_SECRET is not set: the gateway and the subgraphs share the fixed development secret (never use it in production)',
      );
    }
  }
  return {
    issuer: parsed.JWT_ISSUER,
    audience: parsed.JWT_AUDIENCE,
    jwtSecret: parsed.JWKS_URL ? null : (parsed.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET),
    jwksUrl: parsed.JWKS_URL ?? null,
    gatewaySecret: parsed.GATEWAY_SECRET ?? DEVELOPMENT_GATEWAY_SECRET,
    warnings,
    maxTokenLifetimeSeconds: durationSeconds(parsed.MAX_TOKEN_LIFETIME),
  };
}

/** The token settings alone, for the gateway's config and `npm run token`. */
export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const result = z.object(AUTH_ENV).safeParse(env);
  if (!result.success) throw new ConfigError(`Invalid token configuration: ${formatIssues(result.error)}`);
  return authConfigFrom(result.data);
}
