import { createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadAuthConfig, parseOrg, parseRoles, parseTtl, viewerFromClaims } from '@mitra/runtime';

/**
 * The bench hubs' identity provider. In production the services verify only
 * RS256/ES256 tokens against JWKS_URL (a shared HS256 secret would let any
 * one service mint tokens for every organisation), so a bench hub, which runs
 * as in production, gets a key pair of its own per run: the public key set
 * served on loopback (plain http is accepted on loopback only), the private
 * key kept in the bench process to sign its callers' tokens.
 */
export interface BenchIdentity {
  /** `http://127.0.0.1:<port>/.well-known/jwks.json`, for the hub's JWKS_URL. */
  url: string;
  /** An RS256 token for `org` with `roles`, with the issuer and audience of `env` (the hub's), living `ttl`. */
  sign(env: NodeJS.ProcessEnv, request: { org: string; roles: string[]; sub: string; ttl: string }): string;
  close(): Promise<void>;
}

const base64url = (value: Buffer | string): string => Buffer.from(value).toString('base64url');

function signJwt(privateKey: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const input = `${base64url(JSON.stringify({ alg: 'RS256', kid, typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
  return `${input}.${base64url(createSign('RSA-SHA256').update(input).sign(privateKey))}`;
}

export async function startBenchIdentity(): Promise<BenchIdentity> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `bench-${randomBytes(6).toString('hex')}`;
  const jwks = JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] });
  const server = http.createServer((req, res) => {
    const found = req.url === '/.well-known/jwks.json';
    res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
    res.end(found ? jwks : '{}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    sign(env, request) {
      const auth = loadAuthConfig(env);
      // The checks the services make on arrival, so that the bench never sends a token they refuse.
      const { org } = parseOrg(request.org);
      const roles = parseRoles(request.roles);
      viewerFromClaims({ sub: request.sub, org, roles });
      const lifetime = Math.min(parseTtl(request.ttl), auth.maxTokenLifetimeSeconds);
      const iat = Math.floor(Date.now() / 1000);
      return signJwt(privateKey, kid, { iss: auth.issuer, aud: auth.audience, sub: request.sub, org, roles, iat, exp: iat + lifetime });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
