import './telemetry';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import express from 'express';
import {
  bodyErrorHandler,
  createLogger,
  maxTokens,
  maxVariableDepth,
  createTokenVerifier,
  formatErrorFor,
  listen,
  metricsRoute,
  notFoundHandler,
  requestLogMiddleware,
  ServiceMetrics,
  startTracing,
  traceRequests,
  type Logger,
  type RunningService,
} from '@mitra/runtime';
import type { GatewayConfig } from './config';
import type { GatewayContext } from './data-source';
import { EXPLORER_ASSET_PATH, EXPLORER_CSP, explorerAssetsRouter, renderExplorerPage, wantsExplorer } from './landing-page';
import { dashboardRouter, DASHBOARD_PATH } from './dashboard';
import { exportsRouter, EXPORTS_PATH } from './exports';

import { subgraphUrlsOf } from './subgraph-urls';
import { createFederation, type ContextBuilder, type Federation } from './federation';
import { loadPersistedDocuments, persistedQueries } from './persisted-queries';
import { checkSubgraphs } from './readiness';
import { partnerLinks } from './partner-links';
import { clusterMetrics, workerId } from './workers';

export { loadGatewayConfig, DEFAULT_SUPERGRAPH_PATH, type GatewayConfig } from './config';
export type { GatewayContext } from './data-source';

export const GRAPHQL_PATH = '/graphql';

export interface GatewayServer {
  app: express.Express;
  federation: Federation;
  logger: Logger;
  metrics: ServiceMetrics;
  /** The URL each subgraph is called at (the supergraph's, or the configured override), by name. */
  subgraphUrls: ReadonlyMap<string, string>;
  listen(): Promise<RunningService>;
}

export class SupergraphMissingError extends Error {}

/** The gateway serves only the committed composition; it never introspects subgraphs at run time. */
export async function readSupergraph(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new SupergraphMissingError(
        `Supergraph not found at ${path}. Run \`npm run compose\` to write schema/supergraph.graphql, or set SUPERGRAPH_PATH.`,
      );
    }
    throw error;
  }
}

// A request id lets one client request be followed through every subgraph's log.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const SANE_DEBUG = /^[a-z0-9,_-]{1,64}$/;

function header(req: express.Request, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** Builds the gateway: GraphQL (and the explorer) at /graphql, health at /healthz and /readyz, metrics at /metrics. */
export async function createGatewayServer(config: GatewayConfig): Promise<GatewayServer> {
  const worker = workerId();
  const logger = worker === null ? createLogger('gateway', config.logLevel) : createLogger('gateway', config.logLevel).child({ worker });
  for (const warning of config.auth.warnings) logger.warn(warning);
  // OTEL_EXPORTER_OTLP_ENDPOINT: spans of each request, its plan and its fetches (@apollo/gateway's own), to the subgraphs' SQL.
  const tracing = await startTracing('gateway');
  const supergraphSdl = await readSupergraph(config.supergraphPath);
  const tokens = createTokenVerifier(config.auth);
  const metrics = new ServiceMetrics('gateway');

  const formatError = formatErrorFor(config, logger);
  const subgraphUrls = subgraphUrlsOf(supergraphSdl, config);
  const contextOf: ContextBuilder = async (req, res) => {
    // A token that is sent must be valid: refused here (401) before any planning or subgraph fetch.
    const authorization = header(req, 'authorization');
    await tokens.viewerFrom(authorization);
    const debug = header(req, 'x-mitra-debug');
    const countSql = !config.isProduction && debug === 'sql';
    return {
      requestId: res.locals.requestId as string,
      authorization,
      debug: debug && SANE_DEBUG.test(debug) ? debug : undefined,
      sqlStatements: countSql ? Object.fromEntries([...subgraphUrls.keys()].map((name) => [name, 0])) : undefined,
      telemetry: res.locals.telemetry as GatewayContext['telemetry'],
    };
  };
  const links = partnerLinks(config, subgraphUrls, logger);
  const federation = await createFederation({ config, logger, metrics, supergraphSdl, links, contextOf, formatError });

  const app = express();
  app.disable('x-powered-by');
  // No ETag, as in the subgraphs: its SHA-1 of every answer (130 KB for a page of 100 teachers) serves no one;
  // answers to POST are never revalidated.
  app.disable('etag');
  app.use((req, res, next) => {
    const given = header(req, 'x-request-id');
    const requestId = given && SANE_REQUEST_ID.test(given) ? given : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway', ...(worker === null ? { workers: 1 } : { workers: config.workers, worker }) });
  });
  app.get('/readyz', async (_req, res) => {
    const readiness = await checkSubgraphs(links, config.readinessTimeoutMs);
    res.status(readiness.ready ? 200 : 503).json({
      status: readiness.ready ? 'ready' : 'unavailable',
      service: 'gateway',
      ...(readiness.ready ? {} : { unavailable: readiness.unavailable }),
      subgraphs: readiness.subgraphs,
    });
  });
  // In a cluster, whichever worker is asked answers with the sum over all workers.
  const collect = worker === null ? undefined : clusterMetrics(metrics.registry);
  app.get('/metrics', metricsRoute(metrics, { token: config.metricsToken, isProduction: config.isProduction, collect }));

  const persistedDocuments = loadPersistedDocuments(config.persistedQueries.manifestPath, config.persistedQueries.mode === 'required');
  logger.info({ mode: config.persistedQueries.mode, documents: persistedDocuments.size }, 'persisted queries');
  app.use(DASHBOARD_PATH, dashboardRouter({ distDir: config.dashboardDir, nodeEnv: config.nodeEnv, auth: config.auth, logger }));
  app.use(
    EXPORTS_PATH,
    exportsRouter(async (req, res, query, variables) => {
      const authorization = header(req, 'authorization');
      await tokens.viewerFrom(authorization);
      return federation.execute(query, variables, { requestId: res.locals.requestId as string, authorization });
    }, logger),
  );

  app.use(EXPLORER_ASSET_PATH, explorerAssetsRouter());
  app.get(GRAPHQL_PATH, (req, res, next) => {
    if (!wantsExplorer(req)) return next();
    res.set('Content-Security-Policy', EXPLORER_CSP).type('html').send(renderExplorerPage(GRAPHQL_PATH));
  });
  const traced = traceRequests();
  if (traced) app.use(GRAPHQL_PATH, traced);
  app.use(
    GRAPHQL_PATH,
    requestLogMiddleware({ logger, metrics, requestIdOf: (_req, res) => res.locals.requestId as string }),
    express.json({ limit: config.limits.maxBodySize }),
    maxTokens(config.limits.maxTokens),
    maxVariableDepth(config.limits.maxValueDepth),
    persistedQueries(config.persistedQueries.mode, persistedDocuments, logger, config.auth.gatewaySecret),
    federation.handler,
  );
  // GET /nope, GET /exports/nope: JSON in the GraphQL error format, not Express's HTML page.
  app.use(notFoundHandler());

  // Body parser failures (too large, not JSON, not UTF-8) answer as GraphQL errors, never as an HTML stack trace.
  app.use(bodyErrorHandler(logger, `${config.limits.maxBodySize} (MAX_BODY_SIZE)`));

  return {
    app,
    federation,
    logger,
    metrics,
    subgraphUrls,
    listen: async () => {
      const stop = async () => {
        await federation.stop();
        await tracing?.shutdown();
      };
      const running = await listen(app, config.host, config.port, logger, stop, config.shutdownTimeoutMs, undefined, config.tls);
      logger.info({ subgraphs: Object.fromEntries(subgraphUrls) }, 'routing to subgraphs');
      return running;
    },
  };
}
