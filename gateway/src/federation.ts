import type express from 'express';
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { operationLimits, refuseBadInput, requestLogPlugin, type Logger, type ServiceMetrics } from '@mitra/runtime';
import type { GatewayConfig } from './config';
import { createSubgraphDataSource, sqlStatementsPlugin, type GatewayContext } from './data-source';
import type { PartnerLink } from './partner-links';
import { installOperationCache } from './operation-cache';
import { installResultShaping } from './result-shaping-install';

/**
 * What the gateway's HTTP shell needs from the federation runtime. Everything
 * around it (request ids, body and token limits, persisted queries, logs,
 * metrics, health, the dashboard and the exports) is the shell's; this plans
 * and executes one operation and answers in the gateway's error format.
 */
export interface Federation {
  /** Serves GET and POST /graphql once the body is parsed and the shell's checks passed. */
  readonly handler: express.RequestHandler;
  /** Runs one operation inside the gateway (the CSV exports), as the given caller. */
  execute(query: string, variables: Record<string, unknown>, context: GatewayContext): Promise<FormattedExecutionResult>;
  stop(): Promise<void>;
}

/** Builds the per-request context from the HTTP request; throws (a coded GraphQLError) for a bad token. */
export type ContextBuilder = (req: express.Request, res: express.Response) => Promise<GatewayContext>;

export interface FederationOptions {
  config: GatewayConfig;
  logger: Logger;
  metrics: ServiceMetrics;
  supergraphSdl: string;
  /** Each subgraph's URL (overrides already applied), deadline, connection pool and breaker, by name. */
  links: ReadonlyMap<string, PartnerLink>;
  contextOf: ContextBuilder;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

/**
 * Apollo Server with @apollo/gateway over the static supergraph: the one
 * federation engine in Node. Deployments that outgrow Node run the same
 * supergraph on a Rust router instead (docs/router.md).
 */
export async function createFederation({
  config,
  logger,
  metrics,
  supergraphSdl,
  links,
  contextOf,
  formatError,
}: FederationOptions): Promise<Federation> {
  // The last step of every operation, Apollo's algorithm without its per-value overhead (result-shaping.ts).
  const shaping = installResultShaping();
  if (!shaping.installed) logger.warn({ reason: shaping.reason }, "result shaping: Apollo's own (the gateway is slower, not wrong)");
  // Each query text's operation built once (operation-cache.ts); written for the same @apollo/gateway as the shaping.
  const operations = shaping.installed ? installOperationCache() : shaping;
  if (!operations.installed)
    logger.warn({ reason: operations.reason }, 'operations: built at every request (the gateway is slower, not wrong)');
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger,
    buildService: ({ name }) =>
      createSubgraphDataSource({
        name,
        url: links.get(name)!.url,
        timeoutMs: links.get(name)!.timeoutMs,
        link: links.get(name),
        logger,
        gatewaySecret: config.auth.gatewaySecret,
        metrics,
      }),
  });

  const limits = operationLimits(config.limits, config.nodeEnv !== 'development');
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger,
    // The schema is the published contract: introspection is on outside production (INTROSPECTION overrides).
    introspection: config.introspection,
    allowBatchedHttpRequests: false,
    validationRules: limits.validationRules,
    // runService owns SIGINT/SIGTERM: a second stop() from Apollo's own handler never resolves.
    stopOnTerminationSignals: false,
    // No stack trace in any answer unless EXPOSE_STACKTRACES asks for one (refused in production).
    includeStacktraceInErrorResponses: config.exposeStacktraces && !config.isProduction,
    formatError,
    // Apollo's CSRF check refuses a GET query without a custom header (urql's and graphql-request's GET).
    // It guards cookie sessions: a page elsewhere making the browser send its cookies. This hub reads no
    // cookie anywhere; credentials are bearer tokens, which a browser never adds on its own, so a forged
    // request runs as anonymous, like any request anyone can send. Mutations over GET stay refused
    // (Apollo answers 405), and a POST must be application/json, which no cross-site form can send.
    csrfPrevention: false,
    plugins: [
      // Apollo's landing pages load from a CDN; the offline explorer replaces them.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      sqlStatementsPlugin(),
      requestLogPlugin(),
      refuseBadInput(),
      ...limits.plugins,
    ],
  });
  await apollo.start();

  return {
    handler: expressMiddleware(apollo, { context: ({ req, res }) => contextOf(req, res) }),
    async execute(query, variables, contextValue) {
      const response = await apollo.executeOperation({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('An operation answered incrementally');
      return response.body.singleResult;
    },
    stop: () => apollo.stop(),
  };
}
