import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { createLogger, createTokenVerifier, loadAuthConfig } from '@mitra/runtime';
import { dashboardRouter, DASHBOARD_CSP, DEV_ROLES } from '../src/dashboard';

const logger = createLogger('test', 'silent');
const JWT_SECRET = 'dashboard-test-jwt-secret-0123456789';

let built: string;
beforeAll(() => {
  built = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-dashboard-'));
  fs.mkdirSync(path.join(built, 'assets'));
  fs.writeFileSync(path.join(built, 'index.html'), '<!doctype html><title>dashboard</title>');
  fs.writeFileSync(path.join(built, 'assets', 'index-abc123.js'), 'console.log(1)');
});
afterAll(() => fs.rmSync(built, { recursive: true, force: true }));

async function withDashboard(nodeEnv: 'development' | 'test' | 'production', distDir: string, run: (base: string) => Promise<void>) {
  // Production verifies public keys only (the key set is never fetched here: no token is verified).
  const keys = nodeEnv === 'production' ? { JWKS_URL: 'https://idp.example/.well-known/jwks.json' } : { JWT_SECRET };
  const auth = loadAuthConfig({ NODE_ENV: nodeEnv, ...keys, GATEWAY_SECRET: 'dashboard-test-gateway-secret-0123' });
  const app = express();
  app.use('/dashboard', dashboardRouter({ distDir, nodeEnv, auth, logger }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}/dashboard`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

const postRole = (base: string, role: unknown) =>
  fetch(`${base}/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role }) });

describe('the dashboard route', () => {
  it('serves the built page with a strict CSP, and hashed assets for good', () =>
    withDashboard('test', built, async (base) => {
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>dashboard</title>');
      expect(page.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      const asset = await fetch(`${base}/assets/index-abc123.js`);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect((await fetch(`${base}/assets/nothing.js`)).status).toBe(404);
    }));

  it('says how to build the dashboard when it is not built', () =>
    withDashboard('test', path.join(built, 'missing'), async (base) => {
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(503);
      expect(await page.text()).toMatch(/npm run build/);
    }));
});

describe('development tokens for the demo roles', () => {
  it('in development: lists the roles and signs a token the hub accepts', () =>
    withDashboard('development', built, async (base) => {
      const list = await fetch(`${base}/dev-token`);
      expect(((await list.json()) as { roles: unknown }).roles).toEqual(DEV_ROLES);
      const response = await postRole(base, 'analyst');
      expect(response.status).toBe(200);
      const { token } = (await response.json()) as { token: string };
      const viewer = await createTokenVerifier(loadAuthConfig({ NODE_ENV: 'development', JWT_SECRET })).verify(token);
      expect(viewer).toMatchObject({ org: 'government:kaltim', roles: ['analyst'] });
      expect((await postRole(base, 'superuser')).status).toBe(400);
    }));

  for (const nodeEnv of ['test', 'production'] as const) {
    it(`with NODE_ENV=${nodeEnv}: does not exist (404)`, () =>
      withDashboard(nodeEnv, built, async (base) => {
        expect((await fetch(`${base}/dev-token`)).status).toBe(404);
        const response = await postRole(base, 'analyst');
        expect(response.status).toBe(404);
        expect(await response.text()).not.toMatch(/eyJ/);
      }));
  }
});
