import { SignJWT } from 'jose';
import { ConfigError, GATEWAY_SECRET_HEADER } from '@mitra/runtime';
import { loadGatewayConfig } from '../src/config';
import { useFakeHub } from './fake-hub';
import { GATEWAY_SECRET, JWT_SECRET, SUPERGRAPH } from './test-gateway';

// Tokens at the gateway: refused before any subgraph is asked, or passed on with the gateway's own proof.

const hub = useFakeHub();

describe('identity', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const claims = { sub: 'u', org: 'school:64710001', roles: ['admin'], iss: 'mitra-graph', aud: 'mitra-graph' };
  const hs256 = (payload: Record<string, unknown>, secret = JWT_SECRET) =>
    new SignJWT({ iat: now() - 120, ...payload }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));

  it.each<[string, () => Promise<string>, RegExp]>([
    [
      'a forged token',
      async () => `Bearer ${await hs256({ ...claims, exp: now() + 60 }, 'another-secret-0123456789')}`,
      /signature is invalid/,
    ],
    ['an expired token', async () => `Bearer ${await hs256({ ...claims, exp: now() - 60 })}`, /expired/],
    [
      'a token that lives a day',
      async () => `Bearer ${await hs256({ ...claims, iat: now(), exp: now() + 86_400 })}`,
      /lives longer than this hub accepts/,
    ],
    [
      'a token issued in the future',
      async () => `Bearer ${await hs256({ ...claims, iat: now() + 3_600, exp: now() + 7_200 })}`,
      /issued in the future/,
    ],
    [
      'alg: none',
      async () =>
        `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, exp: now() + 60 })).toString('base64url')}.`,
      /alg: none/,
    ],
    ['a Basic header', async () => 'Basic dXNlcjpwYXNz', /Bearer <token>/],
  ])('refuses %s with 401 UNAUTHENTICATED before any subgraph is asked', async (_name, header, message) => {
    const { response, body } = await hub.query('{ district(code: "64.71") { name } venues { name } }', { authorization: await header() });
    expect(response.status).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(body.errors?.[0].message).toMatch(message);
    for (const subgraph of [hub.schools, hub.university, hub.skb]) expect(subgraph.received).toHaveLength(0);
  });

  it('lets an anonymous caller through (the subgraphs decide per field) and still proves itself to them', async () => {
    const { body } = await hub.query('{ venues { name } }');
    expect(body.errors).toBeUndefined();
    expect(hub.skb.received[0].authorization).toBeUndefined();
    expect(hub.skb.received[0][GATEWAY_SECRET_HEADER]).toBe(GATEWAY_SECRET);
  });

  it('refuses to start in production with JWT_SECRET, without JWKS_URL, and without GATEWAY_SECRET', () => {
    const production = (env: Record<string, string>) => () =>
      loadGatewayConfig({ NODE_ENV: 'production', SUPERGRAPH_PATH: SUPERGRAPH, ...env });
    expect(production({})).toThrow(ConfigError);
    const JWKS_URL = 'https://idp.example/.well-known/jwks.json';
    expect(production({ GATEWAY_SECRET })).toThrow(/JWKS_URL .* must be set/);
    expect(production({ JWKS_URL })).toThrow(/GATEWAY_SECRET must be set/);
    expect(production({ JWKS_URL, JWT_SECRET, GATEWAY_SECRET })).toThrow(/JWT_SECRET is refused: a shared HS256 secret/);
    expect(production({ JWKS_URL, GATEWAY_SECRET })().auth).toMatchObject({
      jwtSecret: null,
      jwksUrl: JWKS_URL,
      gatewaySecret: GATEWAY_SECRET,
    });
  });
});
