import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  parse,
  type DocumentNode,
  type FieldNode,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
} from 'graphql';
import {
  GATEWAY_SECRET_HEADER,
  injectTraceContext,
  tracingActive,
  type FetchOutcome,
  type Logger,
  type RequestTelemetry,
  type ServiceMetrics,
} from '@mitra/runtime';
import { CircuitOpenError } from './circuit-breaker';
import type { PartnerLink } from './partner-links';
import { dedupeRepresentations, type SubgraphAnswer } from './representations';
import { subgraphFetcher } from './subgraph-fetch';

/** One per client request; every subgraph fetch of that request sees the same object. */
export interface GatewayContext {
  requestId: string;
  /** The client's Authorization header, verified here and forwarded as is: each subgraph verifies it again. */
  authorization?: string;
  /** The client's x-mitra-debug header, forwarded so subgraphs can report what they did. */
  debug?: string;
  /** SQL statements per subgraph over all fetches of this request, when the client asked for them. */
  sqlStatements?: Record<string, number>;
  /** What the request's log line reports (kit request-log.ts). */
  telemetry?: RequestTelemetry;
}

export function isErrorList(value: unknown): value is { errors: GraphQLFormattedError[] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { errors?: unknown }).errors) &&
    (value as { errors: unknown[] }).errors.length > 0
  );
}

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  timeoutMs: number;
  /** Its connection pool and circuit breaker (partner-links.ts); without it, a pool of its own and no breaker. */
  link?: Pick<PartnerLink, 'dispatcher' | 'breaker'>;
  logger: Logger;
  /** Proves to the subgraph that the request comes from the gateway (`_entities`, `_service`, internal fields). */
  gatewaySecret: string;
  /** Where each fetch's latency and outcome go (`mitra_subgraph_fetch_duration_seconds`). */
  metrics?: ServiceMetrics;
}

/**
 * A subgraph that refused the whole request (HTTP 4xx/5xx), as the client
 * sees it: the subgraph's own first error when its body has one (e.g.
 * BAD_USER_INPUT for a custom scalar the gateway passed on unparsed),
 * otherwise the status, coded.
 */
export function refusalOf(name: string, status: number, body: unknown): GraphQLFormattedError {
  if (isErrorList(body)) {
    const [first] = body.errors;
    const { stacktrace: _stack, ...extensions } = first.extensions ?? {};
    return { message: first.message, extensions: { ...extensions, serviceName: name } };
  }
  // No GraphQL answer at all (a proxy's 404 or 502, an HTML page): the partner is not there as far as clients can tell.
  return {
    message: `The ${name} service answered HTTP ${status} without a GraphQL answer`,
    extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: name },
  };
}

/**
 * Where in the client's answer a failed fetch leaves a hole: the entity
 * path the fetch was merging into (up to its first list), or for a root
 * fetch the first root field it asked for. @apollo/gateway adds no path to
 * an error thrown by a fetch; clients need one to know which part is missing.
 */
export function holeOf(options: {
  pathInIncomingRequest?: ReadonlyArray<string | number>;
  document?: DocumentNode;
  request?: { query?: string };
}): Array<string | number> | undefined {
  const path: Array<string | number> = [];
  for (const step of options.pathInIncomingRequest ?? []) {
    if (step === '@') break;
    path.push(step);
  }
  if (path.length) return path;
  // Parsed only for a failed fetch: the plan keeps the fetch's document only when asked to (exposeDocumentNodeInFetchNode).
  let document = options.document;
  if (!document && options.request?.query) {
    try {
      document = parse(options.request.query);
    } catch {
      return undefined;
    }
  }
  const operation = document?.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const field = operation?.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value !== '__typename');
  return field ? [field.alias?.value ?? field.name.value] : undefined;
}

/**
 * A subgraph that did not answer (connection refused, timeout), or that its
 * circuit breaker skips after it stopped answering: the client learns which
 * partner is unavailable, never its internal URL or the socket error.
 * `reason` is for the fetch metric; formatError keeps only code and
 * serviceName for clients.
 */
export function unavailableError(name: string, error: unknown, timeoutMs: number): GraphQLFormattedError & { timedOut: boolean } {
  const timedOut = (error as Error | null)?.name === 'TimeoutError' || (error as Error | null)?.name === 'AbortError';
  if (error instanceof CircuitOpenError) {
    return {
      timedOut,
      message: `The ${name} service is unavailable (it stopped answering; tried again in ${Math.ceil(error.retryInMs / 1000)} s)`,
      extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: name, reason: 'circuit-open' },
    };
  }
  return {
    timedOut,
    message: timedOut ? `The ${name} service did not answer within ${timeoutMs} ms` : `The ${name} service is unavailable`,
    extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: name, reason: timedOut ? 'timeout' : 'unreachable' },
  };
}

function fetchOutcome(error: unknown): FetchOutcome {
  const extensions = (error as { extensions?: { code?: unknown; reason?: unknown } } | null)?.extensions;
  if (extensions?.code !== 'SERVICE_UNAVAILABLE') return 'errors';
  return extensions.reason === 'timeout' ? 'timeout' : 'unavailable';
}

/** How the gateway talks to one subgraph: forwarded headers, SQL counts, readable failures. */
export function createSubgraphDataSource({ name, url, timeoutMs, link, logger, gatewaySecret, metrics }: SubgraphDataSourceOptions) {
  const source = new RemoteGraphQLDataSource<GatewayContext>({
    url,
    fetcher: subgraphFetcher(timeoutMs, link && { dispatcher: link.dispatcher, guard: (fetch) => link.breaker.run(fetch) }),

    willSendRequest({ request, context }) {
      const headers = request.http?.headers;
      if (!headers) return;
      const { authorization, requestId, debug } = context as Partial<GatewayContext>;
      if (authorization) headers.set('authorization', authorization);
      if (requestId) headers.set('x-request-id', requestId);
      if (debug) headers.set('x-mitra-debug', debug);
      headers.set(GATEWAY_SECRET_HEADER, gatewaySecret);
      // W3C traceparent of this fetch's span (@apollo/gateway's gateway.fetch): the subgraph's spans join the trace.
      if (tracingActive()) injectTraceContext(headers);
    },

    didReceiveResponse({ response, context }) {
      const counted = response.extensions?.sqlStatements;
      const totals = (context as Partial<GatewayContext>).sqlStatements;
      if (totals && typeof counted === 'number') totals[name] = (totals[name] ?? 0) + counted;
      return response;
    },

    // A subgraph that rejects the whole request (HTTP 4xx/5xx) usually says
    // why in a GraphQL body, e.g. BAD_USER_INPUT for a custom scalar the
    // gateway passed through unparsed; keep that instead of "400: Bad Request".
    async errorFromResponse(response) {
      const body: unknown = await this.parseBody(response).catch(() => undefined);
      const refusal = refusalOf(name, response.status, body);
      return new GraphQLError(refusal.message, { extensions: refusal.extensions });
    },

    didEncounterError(error) {
      if (error instanceof GraphQLError) throw error;
      // Connection refused, timeout, a non-JSON body.
      const { timedOut, message, extensions } = unavailableError(name, error, timeoutMs);
      // One line when the circuit opens (circuit-breaker.ts), not one per skipped fetch.
      if (!(error instanceof CircuitOpenError))
        logger.warn({ err: error, subgraph: name }, timedOut ? 'subgraph timed out' : 'subgraph unavailable');
      throw new GraphQLError(message, { extensions });
    },
  });
  // Timed around the whole fetch (body included), so a slow partner shows here and not only in the client's latency.
  const run = source.process.bind(source);
  source.process = async (options) => {
    const started = performance.now();
    try {
      const deduped = dedupeRepresentations(options.request.variables);
      if (deduped) options.request.variables = deduped.variables;
      const answer = await run(options);
      const response = deduped ? (deduped.expand(answer as SubgraphAnswer) as typeof answer) : answer;
      metrics?.observeSubgraphFetch(name, response.errors?.length ? 'errors' : 'ok', (performance.now() - started) / 1000);
      return response;
    } catch (error) {
      metrics?.observeSubgraphFetch(name, fetchOutcome(error), (performance.now() - started) / 1000);
      const path = error instanceof GraphQLError && !error.path ? holeOf(options as Parameters<typeof holeOf>[0]) : undefined;
      if (path)
        throw new GraphQLError((error as GraphQLError).message, {
          path,
          extensions: (error as GraphQLError).extensions,
          originalError: error as GraphQLError,
        });
      throw error;
    }
  };
  return source;
}

/**
 * Puts the per-subgraph SQL statement totals into the final response, so a
 * test can prove that a query's statement count does not grow with its rows.
 */
export function sqlStatementsPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (!contextValue.sqlStatements) return;
      return {
        async willSendResponse({ response, contextValue: context }) {
          if (response.body.kind !== 'single' || !context.sqlStatements) return;
          response.body.singleResult.extensions = {
            ...(response.body.singleResult.extensions ?? {}),
            sqlStatements: { ...context.sqlStatements },
          };
        },
      };
    },
  };
}
