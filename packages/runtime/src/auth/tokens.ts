import { SignJWT, createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { GraphQLError } from 'graphql';
import { durationSeconds, type AuthConfig } from '../config';
import { ClaimError, parseOrg, parseRoles, viewerFromClaims, type Viewer } from './claims';

/** Accepted clock skew between the token's issuer and this service. */
export const CLOCK_TOLERANCE_SECONDS = 5;
const HMAC_ALGORITHMS = ['HS256'];
const JWKS_ALGORITHMS = ['RS256', 'ES256'];

/**
 * UNAUTHENTICATED for a token that was sent but cannot be trusted: HTTP 401,
 * with a message that says which check failed and nothing about the keys.
 */
export function invalidToken(reason: string): GraphQLError {
  return new GraphQLError(`Invalid token: ${reason}`, {
    extensions: {
      code: 'UNAUTHENTICATED',
      http: { status: 401, headers: new Map([['www-authenticate', 'Bearer error="invalid_token"']]) },
    },
  });
}

function keySetUnavailable(): GraphQLError {
  return new GraphQLError('The token could not be verified now: the key set (JWKS_URL) did not answer; try again', {
    extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
  });
}

const MISSING_CLAIM_NOTES: Record<string, string> = {
  exp: ' (an expiry is required)',
  iat: ' (the time it was issued is required, to check its lifetime)',
};

/**
 * What jose does not check: a token's lifetime (exp - iat) stays within
 * MAX_TOKEN_LIFETIME, and it was not issued in the future (beyond the clock
 * tolerance), which would stretch its life past that bound.
 */
export function checkTokenTimes(payload: JWTPayload, maxLifetimeSeconds: number, nowSeconds = Math.floor(Date.now() / 1000)): void {
  const { iat, exp } = payload as { iat: number; exp: number };
  if (iat > nowSeconds + CLOCK_TOLERANCE_SECONDS) {
    throw invalidToken(`the token was issued in the future (iat is ${iat - nowSeconds} s ahead of this server's clock)`);
  }
  if (exp - iat > maxLifetimeSeconds) {
    throw invalidToken(
      `the token lives longer than this hub accepts (exp - iat is ${exp - iat} s; MAX_TOKEN_LIFETIME is ${maxLifetimeSeconds} s)`,
    );
  }
}

/** jose's failure, as the one sentence a caller needs. Matched by `code`: jose's classes may be loaded twice. */
function translate(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof ClaimError) return invalidToken(error.message);
  const { code, claim, reason } = (error ?? {}) as { code?: string; claim?: string; reason?: string };
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return invalidToken('the token has expired');
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (reason === 'missing') return invalidToken(`the token has no "${claim}" claim${MISSING_CLAIM_NOTES[claim ?? ''] ?? ''}`);
      if (claim === 'nbf') return invalidToken('the token is not valid yet (nbf is in the future)');
      if (claim === 'aud') return invalidToken('the token is for another audience (aud)');
      if (claim === 'iss') return invalidToken('the token was issued by another issuer (iss)');
      return invalidToken(`the token's "${claim ?? 'unknown'}" claim is invalid`);
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return invalidToken('the signature is invalid');
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return invalidToken('the token is signed with an algorithm or key type that is not accepted');
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return invalidToken('no key of the key set matches the token (kid)');
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID':
      return keySetUnavailable();
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return invalidToken('the token is malformed (expected a signed JWT: header.payload.signature)');
    default:
      // A fetch of the key set that failed (network, DNS) surfaces as fetch's TypeError (by name: it may come from another realm).
      if ((error as Error | undefined)?.name === 'TypeError') return keySetUnavailable();
      return invalidToken('the token could not be verified');
  }
}

/** Verified tokens kept, at most; the oldest go first. */
const VERIFIED_TOKENS_KEPT = 10_000;

/**
 * Tokens already verified, by their exact text: each request of a client
 * carries the same token to the gateway and on to every subgraph it asks,
 * and an RS256 verification costs about 0.2 ms of CPU at each. A token is
 * kept for at most `keepMs` and never past its `exp`; a refused one is never
 * kept. Keeping it 30 s adds nothing to what a key removed from the key set
 * already gets: jose keeps the fetched set for minutes.
 */
class VerifiedTokens {
  private readonly kept = new Map<string, { viewer: Viewer; until: number }>();

  constructor(private readonly keepMs: number) {}

  get(token: string, now = Date.now()): Viewer | undefined {
    const entry = this.kept.get(token);
    if (!entry) return undefined;
    if (now < entry.until) return entry.viewer;
    this.kept.delete(token);
    return undefined;
  }

  /** The viewer, frozen: one object serves every request that carries this token. */
  keep(token: string, viewer: Viewer, expSeconds: number, now = Date.now()): Viewer {
    const frozen = Object.freeze({ ...viewer, roles: Object.freeze([...viewer.roles]) as Viewer['roles'] });
    if (this.keepMs <= 0) return frozen;
    if (this.kept.size >= VERIFIED_TOKENS_KEPT) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(token, { viewer: frozen, until: Math.min(now + this.keepMs, expSeconds * 1000) });
    return frozen;
  }
}

export interface TokenVerifier {
  /** The viewer of a verified token; UNAUTHENTICATED (401) naming the reason otherwise. */
  verify(token: string): Promise<Viewer>;
  /** null without an Authorization header (anonymous); the viewer of a valid Bearer token; UNAUTHENTICATED otherwise. */
  viewerFrom(authorization: string | undefined): Promise<Viewer | null>;
}

const BEARER = /^Bearer +([^\s]+) *$/i;

/**
 * Verifies with jose: HS256 with JWT_SECRET (or the development secret), or
 * RS256/ES256 with the keys at JWKS_URL, which jose caches and fetches again
 * when a token names a key it does not know (key rotation). `iss`, `aud`,
 * `exp` and `sub` are required.
 */
export function createTokenVerifier(
  auth: AuthConfig,
  /**
   * jose's defaults (30 s between fetches for an unknown key) unless a test needs a faster rotation; a verified
   * token is kept as long (0: never).
   */
  options: { jwksCooldownMs?: number } = {},
): TokenVerifier {
  const checks = {
    issuer: auth.issuer,
    audience: auth.audience,
    requiredClaims: ['exp', 'iat', 'iss', 'aud', 'sub'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  };
  const algorithms = auth.jwksUrl ? JWKS_ALGORITHMS : HMAC_ALGORITHMS;
  const keySet = auth.jwksUrl
    ? createRemoteJWKSet(new URL(auth.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: options.jwksCooldownMs ?? 30_000 })
    : null;
  const secret = new TextEncoder().encode(auth.jwtSecret ?? '');

  const verifyPayload = async (token: string): Promise<JWTPayload> => {
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw invalidToken('the token is malformed (expected a signed JWT: header.payload.signature)');
    }
    if (typeof alg !== 'string' || alg.toLowerCase() === 'none') throw invalidToken('unsigned tokens (alg: none) are not accepted');
    if (!algorithms.includes(alg))
      throw invalidToken(`tokens signed with ${alg} are not accepted here (expected ${algorithms.join(' or ')})`);
    const result = keySet
      ? await jwtVerify(token, keySet, { ...checks, algorithms })
      : await jwtVerify(token, secret, { ...checks, algorithms });
    checkTokenTimes(result.payload, auth.maxTokenLifetimeSeconds);
    return result.payload;
  };

  const verified = new VerifiedTokens(options.jwksCooldownMs ?? 30_000);
  const verify = async (token: string): Promise<Viewer> => {
    const known = verified.get(token);
    if (known) return known;
    try {
      const payload = await verifyPayload(token);
      return verified.keep(token, viewerFromClaims(payload), payload.exp!);
    } catch (error) {
      throw translate(error);
    }
  };

  return {
    verify,
    async viewerFrom(authorization) {
      if (authorization === undefined || authorization === '') return null;
      const match = BEARER.exec(authorization);
      if (!match) throw invalidToken('the Authorization header must be "Bearer <token>"');
      return verify(match[1]);
    },
  };
}

export interface TokenRequest {
  org: string;
  roles: string[];
  /** Default: `dev:<org>`. */
  sub?: string;
  /** Lifetime: `90s`, `30m`, `1h`, `7d` (default `1h`), at most 366 days. */
  ttl?: string;
}

export function parseTtl(ttl: string): number {
  const seconds = durationSeconds(ttl);
  if (!(seconds > 0) || seconds > 366 * 86_400) {
    throw new ClaimError(`--ttl ${JSON.stringify(ttl)} must be a positive duration such as 90s, 30m, 1h or 7d (at most 366d)`);
  }
  return seconds;
}

/**
 * An HS256 token the hub accepts (what `npm run token` prints). Its claims are
 * checked with the same rules as on arrival, so it never mints a token that
 * the services would refuse.
 */
export async function signToken(auth: AuthConfig, request: TokenRequest, now: Date = new Date()): Promise<string> {
  if (!auth.jwtSecret) {
    throw new ClaimError('JWKS_URL is set: the hub accepts only tokens signed by your identity provider (RS256/ES256), not HS256 tokens');
  }
  const { org } = parseOrg(request.org);
  const roles = parseRoles(request.roles);
  const sub = request.sub ?? `dev:${org}`;
  viewerFromClaims({ sub, org, roles });
  const lifetime = parseTtl(request.ttl ?? '1h');
  if (lifetime > auth.maxTokenLifetimeSeconds) {
    throw new ClaimError(
      `--ttl ${request.ttl}: the services refuse tokens that live longer than MAX_TOKEN_LIFETIME (${auth.maxTokenLifetimeSeconds} s)`,
    );
  }
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ org, roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(auth.issuer)
    .setAudience(auth.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetime)
    .sign(new TextEncoder().encode(auth.jwtSecret));
}
