import type express from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from './logger';
import { operationLabel, outcomeOf, outcomeOfStatus, type Outcome, type ServiceMetrics } from './metrics';

/**
 * What Apollo learns about one request, for its log line and metrics. It
 * travels in the request's context (`telemetry`), not in an
 * AsyncLocalStorage: entering one makes Node track every promise of the
 * process (see server.ts).
 */
export interface RequestTelemetry {
  operationName?: string | null;
  codes?: string[];
}

const MAX_CODES = 10;

// For a request refused before GraphQL parsed it (a bad token): the name its document starts with, if any.
const NAMED_OPERATION = /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

function requestedOperation(req: express.Request): unknown {
  const body: unknown = req.body;
  const fields = body && typeof body === 'object' ? (body as { operationName?: unknown; query?: unknown }) : (req.query ?? {});
  if (fields.operationName) return fields.operationName;
  return typeof fields.query === 'string' ? NAMED_OPERATION.exec(fields.query.slice(0, 1_000))?.[1] : undefined;
}

function codesOf(errors: readonly GraphQLFormattedError[] | undefined): string[] {
  const codes = new Set<string>();
  for (const error of errors ?? []) {
    const code = error.extensions?.code;
    codes.add(typeof code === 'string' ? code.slice(0, 40) : 'UNCODED');
    if (codes.size >= MAX_CODES) break;
  }
  return [...codes];
}

export interface RequestLogOptions {
  logger: Logger;
  metrics: ServiceMetrics;
  /** The id the request is known by (the gateway's, forwarded to every subgraph as x-request-id). */
  requestIdOf: (req: express.Request, res: express.Response) => string | undefined;
}

/**
 * One JSON line and one metrics observation per request to /graphql,
 * written when the response is done, whether or not the request reached
 * GraphQL (a refused token, a body too large, a client that hung up).
 * Never logged: variables, the query text, headers, tokens, results.
 */
export function requestLogMiddleware({ logger, metrics, requestIdOf }: RequestLogOptions): express.RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const telemetry: RequestTelemetry = {};
    res.locals.telemetry = telemetry;
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // A client that hung up before the answer was sent: nginx's 499.
      const status = res.writableFinished ? res.statusCode : 499;
      const operationName = telemetry.operationName ?? requestedOperation(req);
      const codes = telemetry.codes ?? [];
      const outcome: Outcome = telemetry.codes ? outcomeOf(codes) : outcomeOfStatus(status);
      metrics.observeRequest(operationName, outcome, seconds);
      logger.info(
        {
          requestId: requestIdOf(req, res),
          operation: operationLabel(operationName),
          status,
          outcome,
          durationMs: Math.round(seconds * 10_000) / 10,
          ...(codes.length ? { errors: codes } : {}),
        },
        'graphql request',
      );
    });
    next();
  };
}

/** Tells the request's log line which operation ran and which error codes its answer carries. */
export function requestLogPlugin<TContext extends { telemetry?: RequestTelemetry }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const telemetry = contextValue.telemetry;
      if (!telemetry) return;
      return {
        async willSendResponse({ response, operationName, request }) {
          telemetry.operationName = operationName ?? request.operationName ?? null;
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
          telemetry.codes = codesOf(errors);
        },
      };
    },
  };
}
