import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { printSchema } from 'graphql';
import {
  bodyErrorHandler,
  createLogger,
  createTokenVerifier,
  directCallerLimits,
  errorOptionsFor,
  GATEWAY_SECRET_HEADER,
  isGatewaySecret,
  listen,
  metricsRoute,
  notFoundHandler,
  refuseBadInput,
  requestLogMiddleware,
  requestLogPlugin,
  requestScope,
  ServiceMetrics,
  startTracing,
  traceRequests,
  type Logger,
  type RequestScope,
  type RunningService,
} from '@mitra/runtime';
import type { SubgraphConfig } from './subgraph-config';
import type { LoaderSources, SubgraphContext } from './context';
import { databaseAnswers, poolUsage, type Orm } from './db';
import { ormErrorTranslator } from './orm-errors';
import { compiledExecution } from './compiled-execution';
import { CursorCodec } from './pagination';
import { PartnerApi } from './partner-api';
import { traceRootResolvers, traceSql } from './tracing';
import { buildFederatedSchema, type SubgraphDefinition } from './schema';

/**
 * How long a subgraph keeps an idle connection open: a little longer than the
 * gateway keeps its pooled connections to partners (ten minutes), so that the
 * gateway, not the partner, closes them, and a partner seen every few minutes
 * costs no new handshake (the `Keep-Alive: timeout` header tells the gateway).
 */
const SUBGRAPH_KEEP_ALIVE_MS = 620_000;

/** Largest request body from the gateway (a caller without its secret gets the gateway's own MAX_BODY_SIZE). */
const GATEWAY_BODY_LIMIT = '32mb';

/** A request id that is safe to log and forward; the gateway applies the same rule to the ids clients send. */
export const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Adds the request's SQL statement count to the response when a test or developer asks for it. */
function sqlCountPlugin(config: SubgraphConfig): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart({ request }) {
      const wanted = !config.isProduction && request.http?.headers.get('x-mitra-debug') === 'sql';
      if (!wanted) return {};
      return {
        async willSendResponse({ response }) {
          const scope = requestScope.getStore();
          if (scope && response.body.kind === 'single') {
            response.body.singleResult.extensions = {
              ...(response.body.singleResult.extensions ?? {}),
              sqlStatements: scope.sqlStatements,
            };
          }
        },
      };
    },
  };
}

export interface SubgraphServer<L> {
  app: express.Express;
  apollo: ApolloServer<SubgraphContext<L>>;
  logger: Logger;
  metrics: ServiceMetrics;
  listen(): Promise<RunningService>;
  /** Settles when the warm-up `listen` started (SubgraphDefinition.warmUp) has finished or failed. */
  warmedUp(): Promise<void>;
}

/** Builds one partner's service: GraphQL at /graphql, health at /healthz and /readyz, metrics at /metrics. */
export async function createSubgraphServer<L>(def: SubgraphDefinition<L>, config: SubgraphConfig, orm: Orm): Promise<SubgraphServer<L>> {
  const logger = createLogger(def.name, config.logLevel);
  for (const warning of config.auth.warnings) logger.warn(warning);
  // OTEL_EXPORTER_OTLP_ENDPOINT: a span per request (joining the gateway's trace), per root field and per SQL statement.
  const tracing = await startTracing(def.name);
  const schema = await buildFederatedSchema(def);
  if (tracing) {
    traceRootResolvers(schema);
    traceSql(orm);
  }
  const cursors = new CursorCodec(config.cursorSecret);
  const tokens = createTokenVerifier(config.auth);
  const metrics = new ServiceMetrics(def.name);
  metrics.trackSqlStatements();
  metrics.trackPool(() => poolUsage(orm));
  const apollo = new ApolloServer<SubgraphContext<L>>({
    // The schema, with queries run compiled (compiled-execution.ts).
    gateway: compiledExecution(schema, printSchema(schema)),
    introspection: true,
    // runService owns SIGINT/SIGTERM: a second stop() from Apollo's own handler never resolves.
    stopOnTerminationSignals: false,
    // No stack trace in any answer unless EXPOSE_STACKTRACES asks for one (never in production).
    ...errorOptionsFor(config, logger, ormErrorTranslator(def.uniqueConstraints)),
    // No cache hints are used; the default cache-control plugin would still wrap every field resolver
    // (about a fifth of a subgraph's CPU per request on a page of 100 teachers, `npm run bench`).
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      sqlCountPlugin(config),
      requestLogPlugin(),
      refuseBadInput(),
    ],
  });
  await apollo.start();

  // The gateway's entity fetches carry one representation per object of the client's answer: a valid
  // query with nested lists (registrations of events of programs...) can need more than a client's
  // request ever does (the fuzz test found one of over 1 MB). The gateway bounds what it plans.
  const fromGateway = (req: express.Request): boolean => isGatewaySecret(req.headers[GATEWAY_SECRET_HEADER], config.auth.gatewaySecret);
  const publicJson = express.json({ limit: config.limits.maxBodySize });
  const limitsForDirectCallers = directCallerLimits(schema, config.limits);
  const gatewayJson = express.json({ limit: GATEWAY_BODY_LIMIT });

  const app = express();
  app.disable('x-powered-by');
  // No ETag: its hash of every answer (50 KB for a page of training histories) serves no one; answers to POST are never revalidated.
  app.disable('etag');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: def.name });
  });
  // The warm-up does not decide readiness (a request meanwhile joins its work); it is shown for operators and the bench.
  let statistics: WarmUpState = def.warmUp ? 'warming' : 'none';
  app.get('/readyz', async (_req, res) => {
    const ok = await databaseAnswers(orm);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'unavailable', service: def.name, database: ok ? 'up' : 'down', statistics });
  });
  app.get('/metrics', metricsRoute(metrics, { token: config.metricsToken, isProduction: config.isProduction }));
  const traced = traceRequests();
  if (traced) app.use('/graphql', traced);
  app.use(
    '/graphql',
    (req, res, next) => {
      const header = req.headers['x-request-id'];
      const requestId = typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : randomUUID();
      res.locals.requestId = requestId;
      // Only for the SQL count: once an AsyncLocalStorage is entered, Node tracks every promise of the
      // process, which cost a fifth of each subgraph's CPU on a page of 100 teachers (`npm run bench`).
      if (!config.isProduction && req.headers['x-mitra-debug'] === 'sql') {
        const scope: RequestScope = { requestId, sqlStatements: 0 };
        requestScope.run(scope, next);
      } else {
        next();
      }
    },
    requestLogMiddleware({ logger, metrics, requestIdOf: (_req, res) => res.locals.requestId as string | undefined }),
    (req, res, next) => (fromGateway(req) ? gatewayJson : publicJson)(req, res, next),
    (req, res, next) => (fromGateway(req) ? next() : limitsForDirectCallers(req, res, next)),
    expressMiddleware(apollo, {
      // Each subgraph verifies the token again: reached directly, it is no weaker than the gateway.
      context: async ({ req, res }) => {
        const viewer = await tokens.viewerFrom(req.headers.authorization);
        const em = orm.em.fork();
        const requestId = (res.locals.requestId as string | undefined) ?? randomUUID();
        return {
          em,
          loaders: def.createLoaders({ em, config }),
          viewer,
          fromGateway: isGatewaySecret(req.headers[GATEWAY_SECRET_HEADER], config.auth.gatewaySecret),
          requestId,
          cursors,
          config,
          // The caller's own token: another partner answers a key check under the caller's rights, not the hub's.
          partners: new PartnerApi({ url: config.gatewayUrl, secret: config.auth.gatewaySecret }, req.headers.authorization, requestId),
          telemetry: res.locals.telemetry,
        };
      },
    }),
  );
  app.use(notFoundHandler());
  app.use(bodyErrorHandler(logger, (req) => (fromGateway(req) ? GATEWAY_BODY_LIMIT : `${config.limits.maxBodySize} (MAX_BODY_SIZE)`)));

  let warmingUp: Promise<void> = Promise.resolve();
  return {
    app,
    apollo,
    logger,
    metrics,
    warmedUp: () => warmingUp,
    listen: async () => {
      const running = await listen(
        app,
        config.host,
        config.port,
        logger,
        async () => {
          await apollo.stop();
          // Its transaction holds a connection of the pool about to close.
          await warmingUp;
          await orm.close();
          await tracing?.shutdown();
        },
        config.shutdownTimeoutMs,
        SUBGRAPH_KEEP_ALIVE_MS,
        config.tls,
      );
      warmingUp = warmUp(def, { em: orm.em.fork(), config }, logger).then((state) => {
        statistics = state;
      });
      return running;
    },
  };
}

/**
 * `/readyz`'s `statistics`: the partner's protected statistics of the data
 * version it started on are being built (`warming`), are built (`ready`),
 * could not be built (`failed`: the first request that needs them builds
 * them), or the partner has none to build (`none`).
 */
export type WarmUpState = 'none' | 'warming' | 'ready' | 'failed';

/** Runs the partner's warm-up (SubgraphDefinition.warmUp); settles when it has finished or failed, never rejects. */
async function warmUp<L>(def: SubgraphDefinition<L>, sources: LoaderSources, logger: Logger): Promise<WarmUpState> {
  if (!def.warmUp) return 'none';
  const started = performance.now();
  try {
    await def.warmUp(sources);
    logger.info(
      { ms: Math.round(performance.now() - started) },
      'warm-up done: the protected statistics of the current data version are ready',
    );
    return 'ready';
  } catch (error) {
    logger.warn({ err: error }, 'warm-up failed: the first request that needs the protected statistics computes them');
    return 'failed';
  }
}
