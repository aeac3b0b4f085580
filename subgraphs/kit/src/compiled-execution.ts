import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  execute,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/**
 * Queries run as compiled JavaScript (graphql-jit) instead of graphql-js's
 * interpreter.
 *
 * A subgraph's answer to a page of 100 teachers resolves thousands of
 * fields. graphql-js walks the document again for each object: it collects
 * the selection, looks up each field's definition, builds its arguments and
 * wraps every object with an asynchronous field in a promise of its own. That
 * was the largest part of a subgraph's CPU per page (`npm run bench`,
 * docs/benchmarks.md). graphql-jit does the walk once per document: it writes
 * a function for the operation, which calls the same resolvers with the same
 * arguments.
 *
 * What stays graphql-js's:
 *   - parsing and validation (Apollo Server's, before this runs);
 *   - the coercion of variables: graphql-js checks them first, so a bad
 *     variable is refused with graphql-js's own error (Apollo Server turns it
 *     into BAD_USER_INPUT), and only variables it accepted reach the compiled
 *     query;
 *   - mutations: writes run few fields, in order, and each write's path is the
 *     one the tests exercise; compiling them buys nothing;
 *   - a document graphql-jit declines to compile (it says so in an answer
 *     instead of a function).
 *
 * A document compiles on its second execution, not its first (as
 * Mercurius's `jit: 1`): compiling costs about what parsing and validating
 * cost again (0.6 to 4 ms on this hub's documents), which pays on the
 * gateway's fetches, the same few texts again and again, and not on a text
 * sent once. The compiled query is kept with its parsed document, which
 * Apollo Server keeps in its own bounded store, one per query text: it lives
 * as long as the document stays there. The partners' tests run every query
 * they send both ways, compiled at once, and require the same answer
 * (test-support/graphql.ts).
 */

/** Per parsed document, by operation name ('' for an unnamed one): its compiled query; null, graphql-jit declined; a number, the executions so far. */
const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null | number>>();

/** The compiled query, once the document has run `interpretedRuns` times on graphql-js; null until then, or when graphql-jit declines. */
function compiledFor(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  interpretedRuns: number,
): CompiledQuery | null {
  let byName = compiled.get(document);
  if (!byName) compiled.set(document, (byName = new Map()));
  const key = operationName ?? '';
  const known = byName.get(key) ?? 0;
  if (typeof known !== 'number') return known;
  if (known < interpretedRuns) {
    byName.set(key, known + 1);
    return null;
  }
  // No stack captured per error: a field's error keeps the stack of what its resolver threw.
  const result = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
  const query = isCompiledQuery(result) ? result : null;
  byName.set(key, query);
  return query;
}

/**
 * graphql-jit's errors, as graphql-js makes them: its own error class keeps
 * no `extensions` object when the thrown error had none, where Apollo
 * Server (and every formatter) expects one. Message, path, locations, the
 * thrown error and its extensions stay what they were.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const { originalError } = error;
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: originalError ?? undefined,
    extensions: error.extensions,
  });
  if (error.locations) (rebuilt as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return rebuilt;
}

export interface CompiledExecutionArgs {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: Record<string, unknown> | null;
  contextValue: unknown;
  /** The operation to run, when the caller has already found it in the document (Apollo Server has). */
  operation?: OperationDefinitionNode | null;
  /** How many times a document runs on graphql-js before it is compiled (default 1; the tests compile at once, 0). */
  interpretedRuns?: number;
}

/** One operation, as `execute` would answer it: a query compiled (once seen often enough), anything else by graphql-js. */
export async function executeCompiled({
  schema,
  document,
  operationName,
  variableValues,
  contextValue,
  operation = getOperationAST(document, operationName),
  interpretedRuns = 1,
}: CompiledExecutionArgs): Promise<ExecutionResult> {
  const variables = variableValues ?? {};
  if (operation?.operation === 'query') {
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
    if (coerced.errors) return { errors: coerced.errors };
    const query = compiledFor(schema, document, operationName ?? undefined, interpretedRuns);
    if (query) {
      const result = await query.query(undefined, contextValue, variables);
      return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
    }
  }
  return execute({ schema, document, operationName, variableValues: variables, contextValue });
}

function compiledExecutor(schema: GraphQLSchema): GatewayExecutor {
  return ({ document, operation, request, operationName, context }) =>
    executeCompiled({ schema, document, operation, operationName, variableValues: request.variables, contextValue: context });
}

/**
 * What Apollo Server takes in place of a schema when it should not run
 * graphql-js's `execute` itself: the schema, and the executor that runs each
 * operation (Apollo's own gateway plugs in the same way).
 */
export function compiledExecution(schema: GraphQLSchema, sdl: string): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: sdl });
      return () => {};
    },
    async load() {
      return { executor: compiledExecutor(schema) };
    },
    async stop() {},
  };
}
