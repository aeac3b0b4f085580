import { execute, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { viewerFromClaims } from '@mitra/runtime';
import type { SubgraphContext } from '../src/context';
import type { SubgraphConfig } from '../src/subgraph-config';
import { CursorCodec } from '../src/pagination';
import { PartnerApi } from '../src/partner-api';
import { buildFederatedSchema, type SubgraphDefinition } from '../src/server';
import type { TestDatabase } from './database';

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

/**
 * Runs one operation on a partner's executable schema, as it arrives from
 * the gateway, with a request context of its own (a fresh EntityManager and
 * fresh loaders) on the test database: resolvers, validation and writes are
 * exercised without a server.
 */
export async function runOperation<L>(
  definition: SubgraphDefinition<L>,
  db: TestDatabase,
  source: string,
  options: OperationOptions = {},
): Promise<ExecutionResult> {
  let schema = schemas.get(definition);
  if (!schema) schemas.set(definition, (schema = buildFederatedSchema(definition)));
  const em = db.em();
  const config = { ...db.config, ...options.config };
  const context: SubgraphContext<L> = {
    em,
    loaders: definition.createLoaders({ em, config }),
    viewer: options.claims ? viewerFromClaims(options.claims) : null,
    fromGateway: true,
    requestId: 'test',
    cursors: new CursorCodec(config.cursorSecret),
    config,
    partners: new AnsweringPartners(options.partners ?? {}),
  };
  return execute({ schema: await schema, document: parse(source), variableValues: options.variables, contextValue: context });
}

/** `{ code, field }` of each error of an answer, the part a client acts on. */
export function errorCodes(result: ExecutionResult): Array<{ code: unknown; field: unknown }> {
  return (result.errors ?? []).map((e) => ({ code: e.extensions.code, field: e.extensions.field }));
}
