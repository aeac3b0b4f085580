import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';
import {
  ConfigError,
  DEVELOPMENT_GATEWAY_SECRET,
  DEVELOPMENT_JWT_SECRET,
  Rule,
  checkAccess,
  createTokenVerifier,
  isGatewaySecret,
  loadAuthConfig,
  loadSubgraphConfig,
  parseTtl,
  signToken,
  viewerFromClaims,
  type AuthConfig,
  type Viewer,
} from '../src';

const SECRET = 'a-test-jwt-secret-of-32-characters!';
const auth: AuthConfig = loadAuthConfig({ NODE_ENV: 'test', JWT_SECRET: SECRET, GATEWAY_SECRET: 'a-test-gateway-secret' });
const key = new TextEncoder().encode(SECRET);
const now = () => Math.floor(Date.now() / 1000);

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: 'mitra-graph',
    aud: 'mitra-graph',
    sub: 'u1',
    org: 'school:64710001',
    roles: ['admin'],
    iat: now(),
    exp: now() + 600,
    ...overrides,
  };
}

async function hs256(payload: Record<string, unknown>, secret: Uint8Array = key): Promise<string> {
  const defined = Object.fromEntries(Object.entries(payload).filter(([, v]) => v !== undefined));
  return new SignJWT(defined).setProtectedHeader({ alg: 'HS256' }).sign(secret);
}

/** The error a verification fails with, as `code: message`. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    const e = error as GraphQLError;
    return `${String(e.extensions.code)}: ${e.message}`;
  }
  throw new Error('expected a refusal');
}

describe('claims', () => {
  it('reads org kind and id, and dedupes roles', () => {
    expect(viewerFromClaims({ sub: 's', org: 'skb:balikpapan-selatan', roles: ['staff', 'staff'] })).toEqual({
      sub: 's',
      org: 'skb:balikpapan-selatan',
      orgKind: 'skb',
      orgId: 'balikpapan-selatan',
      roles: ['staff'],
    });
  });

  it.each([
    ['school:6471', /"org" claim "school:6471" is malformed/],
    ['school:abcdefgh', /is malformed/],
    ['hospital:x', /is malformed/],
    ['government:', /is malformed/],
    ['skb:Balikpapan Selatan', /is malformed/],
    [42, /"org" claim must be a string/],
    [undefined, /no "org" claim/],
  ])('refuses org %p', (org, message) => {
    expect(() => viewerFromClaims({ sub: 's', org, roles: ['admin'] })).toThrow(message);
  });

  it.each([
    [['owner'], /unknown role "owner"/],
    [[], /non-empty list/],
    ['admin', /non-empty list/],
    [undefined, /no "roles" claim/],
  ])('refuses roles %p', (roles, message) => {
    expect(() => viewerFromClaims({ sub: 's', org: 'university:mulia', roles })).toThrow(message);
  });
});

describe('HS256 tokens', () => {
  const verifier = createTokenVerifier(auth);

  it('accepts a token of this issuer and audience', async () => {
    await expect(verifier.verify(await hs256(claims()))).resolves.toMatchObject({
      org: 'school:64710001',
      orgKind: 'school',
      roles: ['admin'],
    });
  });

  it.each<[string, () => Promise<string>, RegExp]>([
    ['a forged signature', () => hs256(claims(), new TextEncoder().encode('another-secret-of-some-length!!')), /signature is invalid/],
    ['an expired token', () => hs256(claims({ exp: now() - 60 })), /has expired/],
    ['a token that is not valid yet', () => hs256(claims({ nbf: now() + 600 })), /not valid yet/],
    ['another audience', () => hs256(claims({ aud: 'someone-else' })), /another audience/],
    ['another issuer', () => hs256(claims({ iss: 'someone-else' })), /another issuer/],
    ['no exp', () => hs256(claims({ exp: undefined })), /no "exp" claim/],
    ['no iss', () => hs256(claims({ iss: undefined })), /no "iss" claim/],
    ['no sub', () => hs256(claims({ sub: undefined })), /no "sub" claim/],
    ['a malformed org', () => hs256(claims({ org: 'school:1' })), /"org" claim "school:1" is malformed/],
    ['an unknown role', () => hs256(claims({ roles: ['root'] })), /unknown role "root"/],
    [
      'alg: none',
      async () =>
        `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.`,
      /alg: none/,
    ],
    ['HS512', () => new SignJWT(claims()).setProtectedHeader({ alg: 'HS512' }).sign(key), /HS512 are not accepted/],
    ['garbage', async () => 'not-a-token', /malformed/],
    [
      'a token with a tampered payload',
      async () => {
        const [header, , signature] = (await hs256(claims())).split('.');
        return `${header}.${Buffer.from(JSON.stringify(claims({ org: 'school:64710002' }))).toString('base64url')}.${signature}`;
      },
      /signature is invalid/,
    ],
  ])('refuses %s as UNAUTHENTICATED naming the reason', async (_name, make, message) => {
    const text = await refusal(verifier.verify(await make()));
    expect(text).toMatch(/^UNAUTHENTICATED: Invalid token: /);
    expect(text).toMatch(message);
  });

  it('reads the Authorization header: none is anonymous, anything but Bearer is refused', async () => {
    await expect(verifier.viewerFrom(undefined)).resolves.toBeNull();
    await expect(verifier.viewerFrom(`Bearer ${await hs256(claims())}`)).resolves.toMatchObject({ sub: 'u1' });
    expect(await refusal(verifier.viewerFrom('Basic dXNlcjpwYXNz'))).toMatch(/must be "Bearer <token>"/);
    expect(await refusal(verifier.viewerFrom('Bearer'))).toMatch(/must be "Bearer <token>"/);
  });

  it('answers 401 with WWW-Authenticate', async () => {
    try {
      await verifier.verify('x.y.z');
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as GraphQLError).extensions.http).toMatchObject({ status: 401 });
    }
  });
});

describe('verified tokens kept', () => {
  it('answers a token verified before from what it kept (the same viewer, frozen), and never keeps a refused one', async () => {
    const verifier = createTokenVerifier(auth);
    const token = await hs256(claims());
    const first = await verifier.verify(token);
    expect(await verifier.verify(token)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.roles)).toBe(true);
    const forged = await hs256(claims(), new TextEncoder().encode('another-secret-of-some-length!!'));
    expect(await refusal(verifier.verify(forged))).toMatch(/signature is invalid/);
    expect(await refusal(verifier.verify(forged))).toMatch(/signature is invalid/);
  });

  it('keeps a token no longer than its exp: past it, the token is verified again', async () => {
    const verifier = createTokenVerifier(auth);
    const iat = now();
    const token = await hs256(claims({ iat, exp: iat + 1 }));
    const first = await verifier.verify(token);
    expect(await verifier.verify(token)).toBe(first);
    await new Promise((resolve) => setTimeout(resolve, (iat + 1) * 1000 - Date.now() + 50));
    // jose still accepts it within its clock tolerance (5 s), but from a verification of its own.
    const again = await verifier.verify(token);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('keeps nothing when the key set is fetched again at once (jwksCooldownMs: 0)', async () => {
    const verifier = createTokenVerifier(auth, { jwksCooldownMs: 0 });
    const token = await hs256(claims());
    expect(await verifier.verify(token)).not.toBe(await verifier.verify(token));
  });
});

describe('token lifetimes (MAX_TOKEN_LIFETIME)', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT({ iss: 'mitra-graph', aud: 'mitra-graph', sub: 't', org: 'school:64710001', roles: ['staff'], ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(SECRET));
  const reasonOf = async (token: string, config: AuthConfig = auth) => {
    try {
      await createTokenVerifier(config).verify(token);
      return 'accepted';
    } catch (error) {
      return `${(error as GraphQLError).extensions.code}: ${(error as GraphQLError).message}`;
    }
  };

  it('accepts 12 hours by default and refuses a second more, naming both figures', async () => {
    expect(auth.maxTokenLifetimeSeconds).toBe(12 * 3600);
    expect(await reasonOf(await sign({ iat: now(), exp: now() + 12 * 3600 }))).toBe('accepted');
    expect(await reasonOf(await sign({ iat: now(), exp: now() + 12 * 3600 + 1 }))).toBe(
      'UNAUTHENTICATED: Invalid token: the token lives longer than this hub accepts (exp - iat is 43201 s; MAX_TOKEN_LIFETIME is 43200 s)',
    );
  });

  it('refuses a token issued in the future beyond the clock tolerance, and one without iat', async () => {
    expect(await reasonOf(await sign({ iat: now() + 3, exp: now() + 600 }))).toBe('accepted');
    expect(await reasonOf(await sign({ iat: now() + 120, exp: now() + 600 }))).toMatch(
      /^UNAUTHENTICATED: Invalid token: the token was issued in the future \(iat is 1[12]\d s ahead/,
    );
    expect(await reasonOf(await sign({ exp: now() + 600 }))).toBe(
      'UNAUTHENTICATED: Invalid token: the token has no "iat" claim (the time it was issued is required, to check its lifetime)',
    );
  });

  it('follows MAX_TOKEN_LIFETIME, refuses a setting that is not a duration, and npm run token never mints longer', async () => {
    const short = loadAuthConfig({ NODE_ENV: 'test', JWT_SECRET: SECRET, MAX_TOKEN_LIFETIME: '30m' });
    expect(short.maxTokenLifetimeSeconds).toBe(1800);
    expect(await reasonOf(await sign({ iat: now(), exp: now() + 3600 }), short)).toMatch(/MAX_TOKEN_LIFETIME is 1800 s/);
    expect(() => loadAuthConfig({ NODE_ENV: 'test', MAX_TOKEN_LIFETIME: 'forever' })).toThrow(
      /MAX_TOKEN_LIFETIME: a duration such as 30m, 12h or 1d/,
    );
    await expect(signToken(short, { org: 'school:64710001', roles: ['admin'], ttl: '1h' })).rejects.toThrow(
      /MAX_TOKEN_LIFETIME \(1800 s\)/,
    );
    await expect(signToken(auth, { org: 'school:64710001', roles: ['admin'], ttl: '1d' })).rejects.toThrow(/MAX_TOKEN_LIFETIME/);
  });
});

describe('development tokens (npm run token)', () => {
  it('are accepted by the verifier, with the default subject and an expiry', async () => {
    const token = await signToken(auth, { org: 'skb:balikpapan-selatan', roles: ['staff'], ttl: '30m' });
    const viewer = await createTokenVerifier(auth).verify(token);
    expect(viewer).toMatchObject({ sub: 'dev:skb:balikpapan-selatan', org: 'skb:balikpapan-selatan', roles: ['staff'] });
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(payload.exp - payload.iat).toBe(1800);
  });

  it('are never minted with claims the services would refuse', async () => {
    await expect(signToken(auth, { org: 'school:123', roles: ['admin'] })).rejects.toThrow(/malformed/);
    await expect(signToken(auth, { org: 'school:64710001', roles: ['superuser'] })).rejects.toThrow(/unknown role/);
    await expect(signToken(auth, { org: 'school:64710001', roles: ['admin'], ttl: 'forever' })).rejects.toThrow(/--ttl/);
  });

  it('parse lifetimes in s, m, h, d', () => {
    expect([parseTtl('90s'), parseTtl('30m'), parseTtl('1h'), parseTtl('7d')]).toEqual([90, 1800, 3600, 604800]);
    expect(() => parseTtl('0h')).toThrow();
    expect(() => parseTtl('400d')).toThrow();
  });
});

describe('RS256/ES256 tokens from JWKS_URL', () => {
  let server: http.Server;
  let jwks: { keys: JWK[] } = { keys: [] };
  let fetches = 0;
  let url: string;

  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      fetches += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function keyPair(alg: 'RS256' | 'ES256', kid: string) {
    const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
    const sign = (payload = claims()) => new SignJWT(payload).setProtectedHeader({ alg, kid }).sign(privateKey);
    return { jwk, sign };
  }

  it('verifies against the key set and follows a key rotation', async () => {
    const first = await keyPair('RS256', 'k1');
    const second = await keyPair('ES256', 'k2');
    jwks = { keys: [first.jwk] };
    const jwksAuth = loadAuthConfig({ NODE_ENV: 'test', JWKS_URL: url });
    expect(jwksAuth.jwtSecret).toBeNull();
    const verifier = createTokenVerifier(jwksAuth, { jwksCooldownMs: 0 });
    await expect(verifier.verify(await first.sign())).resolves.toMatchObject({ org: 'school:64710001' });

    // The issuer rotates: a token with the new kid makes jose fetch the set again.
    jwks = { keys: [second.jwk] };
    const before = fetches;
    await expect(verifier.verify(await second.sign())).resolves.toMatchObject({ org: 'school:64710001' });
    expect(fetches).toBeGreaterThan(before);
    expect(await refusal(verifier.verify(await first.sign()))).toMatch(/no key of the key set matches/);
  });

  it('refuses HS256 tokens once JWKS_URL is set, even signed with JWT_SECRET', async () => {
    const verifier = createTokenVerifier(loadAuthConfig({ NODE_ENV: 'test', JWKS_URL: url, JWT_SECRET: SECRET }));
    expect(await refusal(verifier.verify(await hs256(claims())))).toMatch(/HS256 are not accepted here \(expected RS256 or ES256\)/);
  });

  it('says the key set is unavailable (503), not that the token is bad, when JWKS_URL does not answer', async () => {
    const verifier = createTokenVerifier(loadAuthConfig({ NODE_ENV: 'test', JWKS_URL: 'http://127.0.0.1:9/jwks.json' }));
    const { sign } = await keyPair('RS256', 'k3');
    expect(await refusal(verifier.verify(await sign()))).toMatch(/^SERVICE_UNAVAILABLE: .*key set/);
  });
});

describe('access rules', () => {
  const viewer = (org: string, roles: Viewer['roles'] = ['admin']): Viewer => viewerFromClaims({ sub: 's', org, roles });
  const school = viewer('school:64710001');
  const otherSchool = viewer('school:64710002', ['staff']);
  const skbStaff = viewer('skb:balikpapan-selatan', ['staff']);
  const analyst = viewer('government:kaltim', ['analyst']);
  const teacher = { ownerOrg: 'school:64710001' };

  const decide = (rules: string[], v: Viewer | null, root?: unknown, fromGateway = false): string => {
    try {
      return checkAccess(rules, { viewer: v, fromGateway, root, what: 'Type.field' }) ? 'allow' : 'null';
    } catch (error) {
      return String((error as GraphQLError).extensions.code);
    }
  };

  it('PERSONS: partners of any kind and role; government FORBIDDEN; anonymous UNAUTHENTICATED', () => {
    expect([school, otherSchool, skbStaff, analyst, null].map((v) => decide([Rule.PERSONS], v))).toEqual([
      'allow',
      'allow',
      'allow',
      'FORBIDDEN',
      'UNAUTHENTICATED',
    ]);
  });

  it('PERSONAL: the owner sees it, other partners get null, government and anonymous are refused', () => {
    expect([school, otherSchool, skbStaff, analyst, null].map((v) => decide([Rule.PERSONAL], v, teacher))).toEqual([
      'allow',
      'null',
      'null',
      'FORBIDDEN',
      'UNAUTHENTICATED',
    ]);
    expect(decide([Rule.PERSONAL], school, {})).toBe('null');
  });

  it('STATISTICS and AUTHENTICATED (and @Authorized() without rules): any token', () => {
    for (const rules of [[Rule.STATISTICS], [Rule.AUTHENTICATED], []]) {
      expect([school, analyst, null].map((v) => decide(rules, v))).toEqual(['allow', 'allow', 'UNAUTHENTICATED']);
    }
  });

  it('grants: the named kind and role only; several grants mean any of them', () => {
    expect([school, otherSchool, skbStaff, analyst, null].map((v) => decide([Rule.SCHOOL_ADMIN], v))).toEqual([
      'allow',
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
      'UNAUTHENTICATED',
    ]);
    expect(decide([Rule.SKB_ADMIN, Rule.SKB_STAFF], skbStaff)).toBe('allow');
    expect(() =>
      checkAccess([Rule.SKB_ADMIN, Rule.SKB_STAFF], { viewer: school, fromGateway: false, what: 'Mutation.recordAttendance' }),
    ).toThrow("Mutation.recordAttendance is allowed to an SKB's admin or an SKB's staff");
  });

  it('GATEWAY_ONLY: only requests that carry the gateway secret', () => {
    expect(decide([Rule.GATEWAY_ONLY], analyst, undefined, true)).toBe('allow');
    expect(decide([Rule.GATEWAY_ONLY], school, undefined, false)).toBe('FORBIDDEN');
  });

  it('compares the gateway secret in constant time, refusing absent or repeated headers', () => {
    expect(isGatewaySecret('s3cret-s3cret-s3cret', 's3cret-s3cret-s3cret')).toBe(true);
    expect(isGatewaySecret('s3cret', 's3cret-s3cret-s3cret')).toBe(false);
    expect(isGatewaySecret(undefined, 's3cret-s3cret-s3cret')).toBe(false);
    expect(isGatewaySecret(['a', 'b'], 'a')).toBe(false);
  });
});

describe('configuration of identity', () => {
  const db = { SCHOOLS_DATABASE_URL: 'postgres://u@localhost/db' };

  it('falls back to clearly named development secrets outside production, with a warning each', () => {
    const config = loadSubgraphConfig('schools', { ...db });
    expect(config.auth).toMatchObject({
      jwtSecret: DEVELOPMENT_JWT_SECRET,
      gatewaySecret: DEVELOPMENT_GATEWAY_SECRET,
      issuer: 'mitra-graph',
      audience: 'mitra-graph',
    });
    expect(config.auth.warnings).toEqual([
      expect.stringMatching(/JWT_SECRET is not set/),
      expect.stringMatching(/GATEWAY_SECRET is not set/),
    ]);
  });

  it('refuses to start in production without JWKS_URL, or without GATEWAY_SECRET or CURSOR_SECRET, naming each', () => {
    expect(() => loadSubgraphConfig('schools', { ...db, NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadSubgraphConfig('schools', { ...db, NODE_ENV: 'production' })).toThrow(
      /CURSOR_SECRET must be set.*JWKS_URL .* must be set.*GATEWAY_SECRET must be set/,
    );
    expect(() => loadAuthConfig({ NODE_ENV: 'production', GATEWAY_SECRET: 'gateway-secret-123456' })).toThrow(/JWKS_URL .* must be set/);
  });

  it('refuses JWT_SECRET in production, even beside JWKS_URL: a shared HS256 secret mints tokens for every organisation', () => {
    const env = {
      ...db,
      NODE_ENV: 'production',
      JWKS_URL: 'https://idp.example/.well-known/jwks.json',
      CURSOR_SECRET: 'cursor-secret-123456',
      GATEWAY_SECRET: 'gateway-secret-123456',
    };
    expect(() => loadSubgraphConfig('schools', { ...env, JWT_SECRET: SECRET })).toThrow(
      /NODE_ENV=production: JWT_SECRET is refused: a shared HS256 secret would let anyone who runs one service mint tokens for every organisation; set JWKS_URL/,
    );
    expect(() => loadAuthConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, GATEWAY_SECRET: 'gateway-secret-123456' })).toThrow(
      /JWT_SECRET is refused.*JWKS_URL .* must be set/,
    );
  });

  it('refuses the development secrets and a plain-http key set in production', () => {
    const env = { ...db, NODE_ENV: 'production', GATEWAY_SECRET: DEVELOPMENT_GATEWAY_SECRET, JWT_SECRET: DEVELOPMENT_JWT_SECRET };
    expect(() => loadSubgraphConfig('schools', env)).toThrow(/JWT_SECRET is refused.*GATEWAY_SECRET must not be the development secret/);
    expect(() =>
      loadAuthConfig({ NODE_ENV: 'production', GATEWAY_SECRET: 'gateway-secret-123456', JWKS_URL: 'http://idp.example/jwks' }),
    ).toThrow(/https/);
  });

  it('starts in production with JWKS_URL, a cursor secret and the gateway secret', () => {
    const rs = loadSubgraphConfig('schools', {
      ...db,
      NODE_ENV: 'production',
      JWKS_URL: 'https://idp.example/.well-known/jwks.json',
      CURSOR_SECRET: 'cursor-secret-123456',
      GATEWAY_SECRET: 'gateway-secret-123456',
    });
    expect(rs.auth).toMatchObject({ jwtSecret: null, jwksUrl: 'https://idp.example/.well-known/jwks.json', warnings: [] });
    expect(rs.cursorSecret).toBe('cursor-secret-123456');
  });
});
