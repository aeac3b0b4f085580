import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** Starts a built service with only `env` (no inherited secrets) and reports how it ended. */
function start(script: string, env: Record<string, string>): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [path.join(ROOT, script)], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', APOLLO_TELEMETRY_DISABLED: 'true', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

// Production never runs on development secrets: each service refuses to start, naming what is missing.
describe.each([
  ['schools', 'subgraphs/schools/dist/index.js', { SCHOOLS_DATABASE_URL: 'postgres://mitra@127.0.0.1:1/schools', SCHOOLS_PORT: '0' }],
  [
    'university',
    'subgraphs/university/dist/index.js',
    { UNIVERSITY_DATABASE_URL: 'postgres://mitra@127.0.0.1:1/university', UNIVERSITY_PORT: '0' },
  ],
  ['skb', 'subgraphs/skb/dist/index.js', { SKB_DATABASE_URL: 'postgres://mitra@127.0.0.1:1/skb', SKB_PORT: '0' }],
  ['gateway', 'gateway/dist/index.js', { GATEWAY_PORT: '0' }],
])('%s with NODE_ENV=production', (_name, script, env) => {
  const GATEWAY_SECRET = 'a-production-gateway-secret-0123';
  const JWKS_URL = 'https://idp.example/.well-known/jwks.json';

  it('refuses to start without JWKS_URL', () => {
    const { status, output } = start(script, {
      ...env,
      NODE_ENV: 'production',
      GATEWAY_SECRET,
      CURSOR_SECRET: 'a-production-cursor-secret',
    });
    expect(status).toBe(1);
    expect(output).toMatch(/JWKS_URL \(the RS256\/ES256 public keys of your identity provider\) must be set/);
  });

  it('refuses to start with JWT_SECRET, even beside JWKS_URL: a shared HS256 secret mints tokens for every organisation', () => {
    const { status, output } = start(script, {
      ...env,
      NODE_ENV: 'production',
      GATEWAY_SECRET,
      JWKS_URL,
      CURSOR_SECRET: 'a-production-cursor-secret',
      JWT_SECRET: 'a-production-jwt-secret-0123456789',
    });
    expect(status).toBe(1);
    expect(output).toMatch(
      /JWT_SECRET is refused: a shared HS256 secret would let anyone who runs one service mint tokens for every organisation/,
    );
  });

  it('refuses to start without GATEWAY_SECRET', () => {
    const { status, output } = start(script, { ...env, NODE_ENV: 'production', JWKS_URL, CURSOR_SECRET: 'a-production-cursor-secret' });
    expect(status).toBe(1);
    expect(output).toMatch(/GATEWAY_SECRET must be set/);
  });
});
