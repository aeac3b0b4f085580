import type express from 'express';
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import type { Logger, ServiceMetrics } from '@mitra/kit';
import type { GatewayConfig } from './config';
import type { GatewayContext } from './data-source';

/** Which federation runtime plans and executes the operations (GATEWAY_ENGINE). */
export type EngineName = 'apollo' | 'hive';

export const ENGINE_NAMES: readonly EngineName[] = ['apollo', 'hive'];

/**
 * What the gateway's HTTP shell needs from a federation runtime. Everything
 * around it (request ids, body and token limits, persisted queries, logs,
 * metrics, health, the dashboard and the exports) is the same for every
 * engine; the engine plans and executes one operation and answers in the
 * gateway's error format.
 */
export interface GraphQLEngine {
  readonly name: EngineName;
  /** Serves GET and POST /graphql once the body is parsed and the shared checks passed. */
  readonly handler: express.RequestHandler;
  /** Runs one operation inside the gateway (the CSV exports), as the given caller. */
  execute(query: string, variables: Record<string, unknown>, context: GatewayContext): Promise<FormattedExecutionResult>;
  stop(): Promise<void>;
}

/** Builds the per-request context from the HTTP request; throws (a coded GraphQLError) for a bad token. */
export type ContextBuilder = (req: express.Request, res: express.Response) => Promise<GatewayContext>;

/** What every engine is built from. */
export interface EngineOptions {
  config: GatewayConfig;
  logger: Logger;
  metrics: ServiceMetrics;
  supergraphSdl: string;
  /** The URL each subgraph is called at, by name (overrides already applied). */
  subgraphUrls: ReadonlyMap<string, string>;
  contextOf: ContextBuilder;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}
