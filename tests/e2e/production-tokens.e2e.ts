import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { findFreePort } from '@mitra/devtools';
import { gql } from '../harness/client';
import { hubSecrets, hubUrls } from '../harness/env';
import { startTestKeySet, type TestKeySet } from '../harness/key-set';
import { PARTNER, tokenFor } from '../harness/tokens';
import { until } from '../harness/wait';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * A partner in production mode verifies tokens against its identity
 * provider's public keys only (JWKS_URL, served here on loopback by the
 * test): an RS256 token of that key set is accepted; an HS256 token, even one
 * signed with the secret the development hub uses, and a token that lives
 * longer than MAX_TOKEN_LIFETIME are refused.
 */
let keys: TestKeySet;
let partner: ChildProcess;
let url: string;
let output = '';

beforeAll(async () => {
  keys = await startTestKeySet();
  const port = await findFreePort();
  url = `http://127.0.0.1:${port}/graphql`;
  partner = spawn(process.execPath, [path.join(ROOT, 'subgraphs/schools/dist/index.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      SCHOOLS_PORT: String(port),
      SCHOOLS_DATABASE_URL: hubUrls().databases.schools,
      JWKS_URL: keys.url,
      CURSOR_SECRET: 'a-production-cursor-secret-0123456789',
      GATEWAY_SECRET: 'a-production-gateway-secret-0123456789',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  partner.stdout?.on('data', (chunk) => (output += String(chunk)));
  partner.stderr?.on('data', (chunk) => (output += String(chunk)));
  await until(
    async () => {
      if (partner.exitCode !== null) throw new Error(`the production partner exited: ${output}`);
      return fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
    },
    20_000,
    'the production partner was not ready',
  );
});

afterAll(async () => {
  if (partner && partner.exitCode === null) {
    const exited = new Promise((resolve) => partner.once('exit', resolve));
    partner.kill('SIGTERM');
    await exited;
  }
  await keys?.close();
});

const QUERY = '{ districts { code } }';

describe('a partner in production mode', () => {
  it("accepts an RS256 token signed with the identity provider's key set", async () => {
    const { status, body } = await gql(QUERY, undefined, { url, token: await keys.sign(PARTNER) });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.districts.length).toBeGreaterThan(0);
  });

  it('refuses an HS256 token, even one signed with the development hub secret', async () => {
    const hs256 = await tokenFor({ ...PARTNER, secret: hubSecrets().jwtSecret });
    const { status, body } = await gql(QUERY, undefined, { url, token: hs256 });
    expect(status).toBe(401);
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(body.errors[0].message).toMatch(/tokens signed with HS256 are not accepted here/);
  });

  it('refuses an RS256 token that lives longer than MAX_TOKEN_LIFETIME, or was issued in the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const [token, reason] of [
      [await keys.sign({ ...PARTNER, expiresIn: 86_400 }), /lives longer than this hub accepts/],
      [await keys.sign({ ...PARTNER, claims: { iat: now + 3600, exp: now + 4200 } }), /issued in the future/],
    ] as const) {
      const { status, body } = await gql(QUERY, undefined, { url, token });
      expect(status).toBe(401);
      expect(body.errors[0].message).toMatch(reason);
    }
  });

  it('hides internals from errors (no stack trace, no SQL) as production does', async () => {
    const { body } = await gql('{ teacher(id: "not-a-uuid") { fullName } }', undefined, { url, token: await keys.sign(PARTNER) });
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|select /i);
  });
});
