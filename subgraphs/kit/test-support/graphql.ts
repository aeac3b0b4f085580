import {
  execute,
  getOperationAST,
  parse,
  type ExecutionResult,
  type GraphQLSchema,
  type GraphQLError,
  type GraphQLUnionType,
} from 'graphql';
import { viewerFromClaims } from '@mitra/runtime';
import type { SubgraphContext } from '../src/context';
import type { SubgraphConfig } from '../src/subgraph-config';
import { executeCompiled } from '../src/compiled-execution';
import { CursorCodec } from '../src/pagination';
import { PartnerApi } from '../src/partner-api';
import { buildFederatedSchema, type SubgraphDefinition } from '../src/schema';
import type { TestDatabase } from './database';
import { everyField, everyRootField } from './every-field';

/** What other partners answer to key checks: entity by id, per root field (`teacher`, `trainingEvent`...); null or absent: no such key. */
export type PartnerAnswers = Record<string, Record<string, object | null>>;

/** The gateway as a write's key checks see it, answering from a table instead of the other partners. */
class AnsweringPartners extends PartnerApi {
  constructor(private readonly answers: PartnerAnswers) {
    super('http://gateway.invalid/graphql', undefined, 'test');
  }

  override async query<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const rootField = /\{\s*(\w+)\s*\(/.exec(query)?.[1] ?? '';
    return { [rootField]: this.answers[rootField]?.[String(variables.id)] ?? null } as T;
  }
}

export interface OperationOptions {
  variables?: Record<string, unknown>;
  /** The caller's token claims (`{ sub, org, roles }`); anonymous when left out. */
  claims?: Record<string, unknown>;
  partners?: PartnerAnswers;
  /** Settings that differ from the test database's config for this request (`minCellSize`...). */
  config?: Partial<SubgraphConfig>;
}

const schemas = new WeakMap<object, Promise<GraphQLSchema>>();

/** A partner's executable schema, as its server builds it, once per test file. */
export function schemaOf<L>(definition: SubgraphDefinition<L>): Promise<GraphQLSchema> {
  let schema = schemas.get(definition);
  if (!schema) schemas.set(definition, (schema = buildFederatedSchema(definition)));
  return schema;
}

/**
 * Runs one operation on a partner's executable schema, as it arrives from
 * the gateway, with a request context of its own (a fresh EntityManager and
 * fresh loaders) on the test database: resolvers, validation and writes are
 * exercised without a server. It runs as the server runs it (a query
 * compiled, compiled-execution.ts); a query runs on graphql-js too, and an
 * answer that differs fails the test.
 */
export async function runOperation<L>(
  definition: SubgraphDefinition<L>,
  db: TestDatabase,
  source: string,
  options: OperationOptions = {},
): Promise<ExecutionResult> {
  const schema = schemaOf(definition);
  const config = { ...db.config, ...options.config };
  const contextValue = (): SubgraphContext<L> => {
    const em = db.em();
    return {
      em,
      loaders: definition.createLoaders({ em, config }),
      viewer: options.claims ? viewerFromClaims(options.claims) : null,
      fromGateway: true,
      requestId: 'test',
      cursors: new CursorCodec(config.cursorSecret),
      config,
      partners: new AnsweringPartners(options.partners ?? {}),
    };
  };
  const document = parse(source);
  const args = { schema: await schema, document, variableValues: options.variables };
  const answer = await executeCompiled({ ...args, contextValue: contextValue(), interpretedRuns: 0 });
  // A query also runs on graphql-js's interpreter, with a request context of its own: the answers must be the same.
  if (getOperationAST(document)?.operation === 'query') {
    const interpreted = await execute({ ...args, contextValue: contextValue() });
    const difference = differenceOf(answer, interpreted);
    if (difference) throw new Error(`compiled and interpreted answers differ for ${source}: ${difference}`);
  }
  return answer;
}

const errorText = (e: GraphQLError): string =>
  JSON.stringify({ message: e.message, path: e.path, locations: e.locations, extensions: e.extensions });

/** Whether a field's error lies under an object that another error nulled: some object above it is null in `data`. */
function underNulledObject(data: unknown, path: ReadonlyArray<string | number> | undefined): boolean {
  let value = data;
  for (const key of (path ?? []).slice(0, -1)) {
    if (value === null) return true;
    value = (value as Record<string | number, unknown> | undefined)?.[key];
  }
  return value === null;
}

/**
 * What a client would see differently, if anything: the data, or an error of
 * one answer missing from the other. One difference is allowed: when a
 * non-null field fails, graphql-js stops resolving that object's other fields
 * while graphql-jit still resolves them, so the compiled answer may also carry
 * their errors, under the object that is null in both.
 */
function differenceOf(compiled: ExecutionResult, interpreted: ExecutionResult): string | null {
  const [compiledData, interpretedData] = [JSON.stringify(compiled.data), JSON.stringify(interpreted.data)];
  if (compiledData !== interpretedData) return `data\ncompiled:    ${compiledData}\ninterpreted: ${interpretedData}`;
  const compiledErrors = new Map((compiled.errors ?? []).map((e) => [errorText(e), e]));
  const interpretedErrors = new Set((interpreted.errors ?? []).map(errorText));
  const missing = [...interpretedErrors].filter((e) => !compiledErrors.has(e));
  const extra = [...compiledErrors]
    .filter(([text, e]) => !interpretedErrors.has(text) && !underNulledObject(compiled.data, e.path))
    .map(([text]) => text);
  return missing.length || extra.length ? `errors\nonly interpreted: ${missing.join('\n')}\nonly compiled: ${extra.join('\n')}` : null;
}

/** `{ code, field }` of each error of an answer, the part a client acts on. */
export function errorCodes(result: ExecutionResult): Array<{ code: unknown; field: unknown }> {
  return (result.errors ?? []).map((e) => ({ code: e.extensions.code, field: e.extensions.field }));
}

/**
 * Every field a partner answers, asked of it compiled and interpreted (runOperation compares the
 * answers): its root query fields, then each entity type it resolves from the world's representations,
 * as each caller in `viewers` (token claims; null for anonymous). Answers the number of operations run
 * and how many of them came back with data.
 */
export async function askEveryField<L>(
  definition: SubgraphDefinition<L>,
  db: TestDatabase,
  representations: Record<string, object[]>,
  viewers: Array<Record<string, unknown> | null>,
  depth = 2,
): Promise<{ operations: number; withData: number }> {
  const schema = await schemaOf(definition);
  const entityTypes = (schema.getType('_Entity') as GraphQLUnionType).getTypes().filter((t) => representations[t.name]);
  const sources: Array<[string, Record<string, unknown> | undefined]> = [[`{ ${everyRootField(schema, depth)} }`, undefined]];
  for (const type of entityTypes)
    sources.push([
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${type.name} { ${everyField(schema, type, depth)} } } }`,
      { r: representations[type.name] },
    ]);
  let operations = 0;
  let withData = 0;
  for (const claims of viewers)
    for (const [source, variables] of sources) {
      const result = await runOperation(definition, db, source, { claims: claims ?? undefined, variables });
      operations += 1;
      if (result.data && Object.values(result.data).some((v) => v !== null)) withData += 1;
    }
  return { operations, withData };
}
