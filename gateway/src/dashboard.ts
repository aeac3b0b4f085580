import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import { ClaimError, signToken, type AuthConfig, type Logger } from '@mitra/runtime';

/** Where the gateway serves the statistics dashboard (`dashboard/`, built by Vite with this base). */
export const DASHBOARD_PATH = '/dashboard';

/**
 * The demo roles of the sign-in page's development buttons: what
 * `npm run token -- --org … --roles …` would sign for each.
 */
export const DEV_ROLES = [
  { id: 'analyst', org: 'government:kaltim', roles: ['analyst'] },
  { id: 'school-admin', org: 'school:64710001', roles: ['admin'] },
  { id: 'skb-admin', org: 'skb:balikpapan-selatan', roles: ['admin'] },
  { id: 'university-admin', org: 'university:mulia', roles: ['admin'] },
] as const;

/** Everything the page loads comes from this origin; recharts draws inline SVG, React sets styles through the DOM. */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface DashboardOptions {
  /** The dashboard's Vite build (`dashboard/dist`). */
  distDir: string;
  nodeEnv: 'development' | 'test' | 'production';
  auth: AuthConfig;
  logger: Logger;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** The dashboard workspace (its `dist/` and codegen's `src/gql/`), found through the package the gateway depends on. */
export function dashboardPackageDir(): string {
  try {
    return path.dirname(require.resolve('@mitra/dashboard/package.json'));
  } catch {
    // Both gateway/src (jest) and gateway/dist (node) sit one level below gateway/.
    return path.resolve(__dirname, '..', '..', 'dashboard');
  }
}

/**
 * The dashboard's files under /dashboard, and in development only a token
 * for a demo role (POST /dashboard/dev-token): `npm run token`'s logic,
 * answered to this machine's own browser only. Anywhere else that route is a
 * plain 404, like any path that does not exist.
 */
export function dashboardRouter({ distDir, nodeEnv, auth, logger }: DashboardOptions): express.Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    res.set({ 'Content-Security-Policy': DASHBOARD_CSP, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
    next();
  });

  const devTokens = nodeEnv === 'development' && auth.jwtSecret !== null;
  const notFound = (res: express.Response) => res.status(404).json({ error: 'Not found' });
  router.get('/dev-token', (req, res) => {
    if (!devTokens || !LOOPBACK.has(req.socket.remoteAddress ?? '')) return notFound(res);
    res.set('Cache-Control', 'no-store').json({ roles: DEV_ROLES });
  });
  router.post('/dev-token', express.json({ limit: '1kb' }), async (req, res) => {
    if (!devTokens || !LOOPBACK.has(req.socket.remoteAddress ?? '')) return notFound(res);
    const id = (req.body as { role?: unknown } | undefined)?.role;
    const role = DEV_ROLES.find((r) => r.id === id);
    if (!role) {
      return res.status(400).json({ error: `Unknown role ${JSON.stringify(id)}; one of ${DEV_ROLES.map((r) => r.id).join(', ')}` });
    }
    try {
      const token = await signToken(auth, { org: role.org, roles: [...role.roles], sub: `dev:dashboard:${role.id}`, ttl: '8h' });
      logger.info({ role: role.id }, 'signed a development token for the dashboard');
      res.set('Cache-Control', 'no-store').json({ token, org: role.org, roles: role.roles });
    } catch (error) {
      if (error instanceof ClaimError) return res.status(409).json({ error: error.message });
      throw error;
    }
  });

  if (!existsSync(path.join(distDir, 'index.html'))) {
    logger.warn({ distDir }, 'the dashboard is not built: run `npm run build` to serve it at /dashboard');
    router.use((_req, res) => {
      res.status(503).type('text').send('The dashboard has not been built. Run `npm run build` (or `npm start`), then reload.');
    });
    return router;
  }
  router.use(
    express.static(distDir, {
      index: 'index.html',
      // Vite names assets by content hash: cache them for good, the page itself never.
      setHeaders: (res, file) => {
        res.setHeader('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  return router;
}
