import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { requestLogPlugin } from '@mitra/kit';
import { createSubgraphDataSource, sqlStatementsPlugin, type GatewayContext } from './data-source';
import type { EngineOptions, GraphQLEngine } from './engine';
import { operationLimits } from './limits';

export type ApolloEngineOptions = EngineOptions;

/** Apollo Server with @apollo/gateway (the JavaScript query planner): the default engine. */
export async function createApolloEngine({ config, logger, metrics, supergraphSdl, subgraphUrls, contextOf, formatError }: ApolloEngineOptions): Promise<GraphQLEngine> {
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger,
    buildService: ({ name }) =>
      createSubgraphDataSource({
        name,
        url: subgraphUrls.get(name)!,
        timeoutMs: config.subgraphTimeoutMs,
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
    includeStacktraceInErrorResponses: config.nodeEnv === 'development',
    formatError,
    plugins: [
      // Apollo's landing pages load from a CDN; the offline explorer replaces them.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      sqlStatementsPlugin(),
      requestLogPlugin(),
      ...limits.plugins,
    ],
  });
  await apollo.start();

  return {
    name: 'apollo',
    handler: expressMiddleware(apollo, { context: ({ req, res }) => contextOf(req, res) }),
    async execute(query, variables, contextValue) {
      const response = await apollo.executeOperation({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('An operation answered incrementally');
      return response.body.singleResult;
    },
    stop: () => apollo.stop(),
  };
}
