import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { claimsFor, type TokenSpec } from './tokens';

/**
 * An identity provider's public key set, served on loopback for production-mode
 * tests (production verifies RS256/ES256 tokens against JWKS_URL only).
 */
export interface TestKeySet {
  /** `http://127.0.0.1:<port>/.well-known/jwks.json` (plain http is allowed on loopback only). */
  url: string;
  /** An RS256 token signed with the served key, shaped like harness/tokens.ts's `tokenFor`. */
  sign(spec: TokenSpec): Promise<string>;
  close(): Promise<void>;
}

export async function startTestKeySet(): Promise<TestKeySet> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const kid = 'test-key-1';
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] });
  const server = http.createServer((req, res) => {
    res.writeHead(req.url === '/.well-known/jwks.json' ? 200 : 404, { 'content-type': 'application/json' });
    res.end(req.url === '/.well-known/jwks.json' ? jwks : '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    sign: (spec) => sign(privateKey, kid, spec),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function sign(key: CryptoKey, kid: string, spec: TokenSpec): Promise<string> {
  return new SignJWT(claimsFor(spec)).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(key);
}
