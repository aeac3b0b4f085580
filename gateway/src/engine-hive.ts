import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { Logger as HiveLogger, type LogLevel as HiveLogLevel } from '@graphql-hive/logger';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import type { MeshFetch } from '@graphql-mesh/types';
import { getOperationAST, Kind, print, type DocumentNode, type ExecutionResult, type FieldNode, type SelectionNode, type SelectionSetNode, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import { GATEWAY_SECRET_HEADER, type Logger } from '@mitra/kit';
import { isErrorList, refusalOf, unavailableError, type GatewayContext } from './data-source';
import type { EngineOptions, GraphQLEngine } from './engine';
import { envelopLimits } from './limits';
import { withSubgraphUrls } from './subgraph-urls';

export type HiveEngineOptions = EngineOptions;



function jsonResponse(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

/**
 * One subgraph fetch with the same contract as the Apollo engine's data
 * source: forwarded headers and the gateway secret, a deadline, and every
 * failure turned into a GraphQL answer with a coded error naming the partner
 * (never its URL or the socket error). An answer the planner can merge is
 * what keeps the other partners' data in the response.
 */
function subgraphFetch(name: string, context: Partial<GatewayContext> & { fetches?: number }, options: HiveEngineOptions): MeshFetch {
  const { config, logger, metrics } = options;
  return async (url, init) => {
    const headers = new Headers(init?.headers as HeadersInit | undefined);
    if (context.authorization) headers.set('authorization', context.authorization);
    if (context.requestId) headers.set('x-request-id', context.requestId);
    if (context.debug) headers.set('x-mitra-debug', context.debug);
    headers.set(GATEWAY_SECRET_HEADER, config.auth.gatewaySecret);
    const started = performance.now();
    const observe = (outcome: 'ok' | 'errors' | 'timeout' | 'unavailable') => metrics.observeSubgraphFetch(name, outcome, (performance.now() - started) / 1000);
    let response: Response;
    try {
      // Node's own fetch, as the Apollo engine's data source uses: a partner restarted on its port is reached again at once.
      response = await fetch(url, {
        method: init?.method ?? 'POST',
        headers,
        body: context.telemetry?.operationName ? nameOperation(init?.body, `${context.telemetry.operationName}__${name}__${(context.fetches = (context.fetches ?? -1) + 1)}`) : (init?.body as BodyInit | undefined),
        signal: AbortSignal.timeout(config.subgraphTimeoutMs),
      });
    } catch (error) {
      const { timedOut, ...failure } = unavailableError(name, error, config.subgraphTimeoutMs);
      logger.warn({ err: error, subgraph: name }, timedOut ? 'subgraph timed out' : 'subgraph unavailable');
      observe(timedOut ? 'timeout' : 'unavailable');
      return jsonResponse({ errors: [failure] });
    }
    const text = await response.text().catch(() => '');
    // The common case, passed on as it came: no second parse (the planner parses it). Inside a JSON string a quote is
    // escaped, so `"errors":` in the text is the key of an error list (or a client's alias of that name).
    if (response.ok && !context.sqlStatements && text.startsWith('{')) {
      observe(text.includes('"errors":') ? 'errors' : 'ok');
      return new Response(text, { status: response.status, headers: { 'content-type': 'application/json' } });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (body === undefined && response.ok) {
      // An answer that is not JSON: as the Apollo engine treats it, the partner is unavailable.
      const { timedOut: _timedOut, ...failure } = unavailableError(name, undefined, config.subgraphTimeoutMs);
      observe('unavailable');
      return jsonResponse({ errors: [failure] });
    }
    if (!response.ok) {
      const refusal = refusalOf(name, response.status, body);
      observe(refusal.extensions?.code === 'SERVICE_UNAVAILABLE' ? 'unavailable' : 'errors');
      return jsonResponse({ errors: [refusal] });
    }
    observe(isErrorList(body) ? 'errors' : 'ok');
    const counted = (body as { extensions?: { sqlStatements?: unknown } }).extensions?.sqlStatements;
    if (context.sqlStatements && typeof counted === 'number') context.sqlStatements[name] = (context.sqlStatements[name] ?? 0) + counted;
    return new Response(text, { status: response.status, headers: { 'content-type': 'application/json' } });
  };
}

/**
 * Names the planner's subgraph operation as Apollo's gateway does
 * (`<client operation>__<subgraph>__<fetch>`), so that each subgraph's log
 * line and metrics say which client operation the fetch served.
 */
function nameOperation(body: unknown, name: string): BodyInit | undefined {
  if (typeof body !== 'string') return body as BodyInit | undefined;
  const safe = name.replace(/[^_0-9A-Za-z]/g, '_');
  try {
    const request = JSON.parse(body) as { query?: string; operationName?: string };
    if (typeof request.query !== 'string' || request.operationName) return body;
    const query = request.query.trimStart();
    const named = query.startsWith('{') ? `query ${safe} ${query}` : query.replace(/^(query|mutation)\s*(?=[({])/, `$1 ${safe}`);
    return JSON.stringify({ ...request, query: named });
  } catch {
    return body;
  }
}

/**
 * Merges repeated selections of the same field (same response key,
 * arguments and directives) in one selection set, which GraphQL defines
 * as one field. The Hive runtime answered `{ lecturers { facilitatedSessions
 * { facilitators { expertise expertise } } } }` (a field repeated on an
 * entity fetched from another subgraph) with "Invalid string length" after
 * seconds of work, or not at all, where the Apollo engine answers at once
 * (found by tests/e2e/fuzz.e2e.ts).
 */
export function mergeRepeatedFields(document: DocumentNode): DocumentNode {
  const signature = (field: FieldNode) => `${field.name.value}(${(field.arguments ?? []).map((a) => print(a)).join(',')})${(field.directives ?? []).map((d) => print(d)).join('')}`;
  const mergeSet = (set: SelectionSetNode): SelectionSetNode => {
    const merged: SelectionNode[] = [];
    const byKey = new Map<string, { index: number; signature: string }>();
    for (const selection of set.selections) {
      if (selection.kind !== Kind.FIELD) {
        merged.push(selection.kind === Kind.INLINE_FRAGMENT ? { ...selection, selectionSet: mergeSet(selection.selectionSet) } : selection);
        continue;
      }
      const key = selection.alias?.value ?? selection.name.value;
      const seen = byKey.get(key);
      const first = seen && seen.signature === signature(selection) ? (merged[seen.index] as FieldNode) : undefined;
      // Only the same shape merges (a leaf twice, or two selections): anything else is left for validation to refuse.
      if (first && !first.selectionSet === !selection.selectionSet) {
        if (first.selectionSet && selection.selectionSet) {
          merged[seen!.index] = { ...first, selectionSet: mergeSet({ ...first.selectionSet, selections: [...first.selectionSet.selections, ...selection.selectionSet.selections] }) };
        }
        continue;
      }
      if (!seen) byKey.set(key, { index: merged.length, signature: signature(selection) });
      merged.push(selection.selectionSet ? { ...selection, selectionSet: mergeSet(selection.selectionSet) } : selection);
    }
    return { ...set, selections: merged };
  };
  return {
    ...document,
    definitions: document.definitions.map((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION ? { ...definition, selectionSet: mergeSet(definition.selectionSet) } : definition,
    ),
  };
}

/** Codes of a request refused for what it asked, not for what failed while answering it. */
const CLIENT_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

/** The code of an error that refused the whole request, by what refused it. */
export function requestErrorCode(error: GraphQLFormattedError): GraphQLFormattedError {
  if (error.extensions?.code !== undefined) return error;
  // graphql-armor's envelop plugins refuse at parse time, as "Syntax Error: <limit> exceeded".
  const limit = /^Syntax Error: (.* limit of \d+ exceeded.*)$/s.exec(error.message);
  if (limit) return { ...error, message: limit[1], extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED' } };
  const code = error.message.startsWith('Syntax Error') ? 'GRAPHQL_PARSE_FAILED' : /^Variable "\$/.test(error.message) ? 'BAD_USER_INPUT' : 'GRAPHQL_VALIDATION_FAILED';
  return { ...error, extensions: { ...error.extensions, code } };
}

/** Hive's own log lines go through the service's pino logger, as JSON like every other line. */
function hiveLogger(logger: Logger): HiveLogger {
  const level = (logger.level === 'silent' ? false : ['trace', 'debug', 'info', 'warn', 'error'].includes(logger.level) ? logger.level : 'error') as HiveLogLevel | false;
  return new HiveLogger({
    level,
    writers: [
      {
        write(lvl, attrs, msg) {
          logger[lvl]({ engine: 'hive', ...(attrs && !Array.isArray(attrs) ? attrs : {}) }, msg ?? '');
        },
      },
    ],
  });
}

/**
 * Hive Gateway's runtime with the Rust query planner
 * (@graphql-hive/router-runtime), serving the same static supergraph as the
 * Apollo engine, behind the same HTTP shell.
 */
export async function createHiveEngine(options: HiveEngineOptions): Promise<GraphQLEngine> {
  const { config, logger, subgraphUrls, contextOf, formatError } = options;
  const nameByUrl = new Map([...subgraphUrls].map(([name, url]) => [url, name]));

  const fetchPlugin: GatewayPlugin = {
    onFetch({ url, context, setFetchFn }) {
      const name = nameByUrl.get(url);
      if (!name || !('request' in context)) return;
      setFetchFn(subgraphFetch(name, context as unknown as Partial<GatewayContext>, options));
    },
  };
  // Which operation ran, for the request's log line and metrics.
  const telemetryPlugin: GatewayPlugin = {
    onExecute({ args }) {
      const telemetry = (args.contextValue as Partial<GatewayContext>).telemetry;
      if (telemetry) telemetry.operationName = getOperationAST(args.document, args.operationName)?.name?.value ?? args.operationName ?? null;
    },
  };
  // The error codes and statuses the Apollo engine gives, so that clients see one API whichever engine runs.
  const codesPlugin: GatewayPlugin = {
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (result && typeof result === 'object' && 'kind' in result && result.kind === Kind.DOCUMENT) replaceParseResult(mergeRepeatedFields(result));
      };
    },
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          const single = result as ExecutionResult;
          // A non-null root field failed in a subgraph: the whole data is null, as the spec (and Apollo) answer.
          if (single.data === undefined && single.errors?.length) setResult({ ...single, data: null });
        },
      };
    },
  };

  const runtime = createGatewayRuntime<Partial<GatewayContext>>({
    supergraph: withSubgraphUrls(options.supergraphSdl, subgraphUrls),
    unifiedGraphHandler,
    logging: hiveLogger(logger),
    graphqlEndpoint: '/graphql',
    graphiql: false,
    landingPage: false,
    batching: false,
    // The HTTP executor merges identical subgraph requests in flight, keyed by URL and body: our headers (the
    // caller's token) are added below that key, in subgraphFetch, so two callers' identical queries would share
    // one answer. Off: each request reaches the subgraph as its caller (tests/e2e/concurrent-callers.e2e.ts).
    transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
    // The gateway's own formatError decides what a client sees, as with the Apollo engine.
    maskedErrors: false,
    ...(config.introspection ? {} : { disableIntrospection: { disableIf: () => true } }),
    plugins: () => [fetchPlugin, telemetryPlugin, codesPlugin, ...(envelopLimits(config.limits, config.nodeEnv !== 'development') as GatewayPlugin[])],
  });

  const run = async (init: RequestInit & { url: string }, context: GatewayContext): Promise<{ status: number; body: FormattedExecutionResult | string }> => {
    const response = await runtime.fetch(init.url, init, context);
    const text = await response.text();
    // Nothing to format or add (no error, no SQL counts asked for): the answer goes out as the runtime wrote it.
    if (response.status === 200 && !context.sqlStatements && text.startsWith('{"data":') && !text.includes('"errors":')) {
      if (context.telemetry) context.telemetry.codes = [];
      return { status: 200, body: text };
    }
    let body: FormattedExecutionResult;
    try {
      body = JSON.parse(text) as FormattedExecutionResult;
    } catch {
      logger.error({ status: response.status }, 'the Hive engine answered a body that is not JSON');
      return { status: 500, body: { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } };
    }
    // Refused before execution (no data at all): the codes and status Apollo gives, so clients see one API.
    const refused = body.data === undefined && !!body.errors?.length;
    const errors = body.errors?.map((e) => formatError(refused ? requestErrorCode(e) : e, e));
    const result: FormattedExecutionResult = { ...body, ...(errors ? { errors } : {}) };
    if (context.sqlStatements) result.extensions = { ...(result.extensions ?? {}), sqlStatements: { ...context.sqlStatements } };
    if (context.telemetry) context.telemetry.codes = [...new Set((errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))].slice(0, 10);
    // A refusal of the document is the client's: the Rust planner answers 500 for a document it cannot read although
    // graphql-js accepted it (an integer literal beyond 64 bits where an ID is expected: found by the fuzz test).
    const clientsFault = refused && (response.status === 200 || errors!.every((e) => CLIENT_CODES.has(String(e.extensions?.code))));
    return { status: clientsFault ? 400 : response.status, body: result };
  };

  return {
    name: 'hive',
    async handler(req, res, next) {
      try {
        let context: GatewayContext;
        try {
          context = await contextOf(req, res);
        } catch (error) {
          const e = error as { message?: string; extensions?: { code?: string; http?: { status?: number; headers?: Map<string, string> } } };
          const http = e.extensions?.http;
          for (const [key, value] of http?.headers ?? []) res.setHeader(key, value);
          const { http: _http, ...extensions } = e.extensions ?? {};
          const formatted = formatError({ message: e.message ?? 'Internal server error', extensions }, error);
          res.status(http?.status ?? 500).json({ errors: [formatted] });
          return;
        }
        const url = `http://gateway${req.originalUrl}`;
        const accept = typeof req.headers.accept === 'string' ? req.headers.accept : 'application/json';
        const init: RequestInit & { url: string } =
          req.method === 'POST'
            ? { url, method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(req.body ?? {}) }
            : { url, method: req.method, headers: { accept } };
        const { status, body } = await run(init, context);
        res.status(status).type('application/json').send(typeof body === 'string' ? body : JSON.stringify(body));
      } catch (error) {
        next(error);
      }
    },
    async execute(query, variables, context) {
      const { body } = await run(
        { url: 'http://gateway/graphql', method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query, variables }) },
        context,
      );
      return typeof body === 'string' ? (JSON.parse(body) as FormattedExecutionResult) : body;
    },
    async stop() {
      await runtime.dispose();
    },
  };
}
