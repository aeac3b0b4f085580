import { GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import { failed, inSpan, startClientSpan, type Span } from '@mitra/runtime';
import type { Orm } from './db';

/**
 * A span per root field a subgraph resolves (`Query.teachers`,
 * `Query._entities` for the gateway's entity fetches, `Mutation.*`), under
 * which its loaders' SQL runs. Deeper fields are not spanned: one per object
 * of a page would drown the trace; their SQL still shows, under the
 * request's root field or its batch. Only called when tracing is on.
 */
export function traceRootResolvers(schema: GraphQLSchema): void {
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    if (!(type instanceof GraphQLObjectType)) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue;
      const name = `resolve ${type.name}.${field.name}`;
      const attributes = { 'graphql.field.path': `${type.name}.${field.name}` };
      field.resolve = (source, args, context, info) => inSpan(name, attributes, () => settled(resolve(source, args, context, info)));
    }
  }
}

/**
 * The value once every item of a list is settled (`_entities` answers a list
 * of promises): the span lasts as long as the work. A failed item stays an
 * error at its own index, as GraphQL reports it.
 */
async function settled(value: unknown): Promise<unknown> {
  const resolved = await value;
  if (!Array.isArray(resolved)) return resolved;
  const items = await Promise.allSettled(resolved);
  return items.map((item) => (item.status === 'fulfilled' ? item.value : item.reason));
}

interface KnexQuery {
  __knexQueryUid: string;
  method?: string;
  sql?: string;
}

const VERB = /^\s*(\w+)/;

/**
 * A client span per SQL statement of the subgraph's pool, a child of the
 * span that issued it: its operation (SELECT, INSERT...) and database, never
 * the statement's text or values. Only called when tracing is on.
 */
export function traceSql(orm: Orm): void {
  const knex = (orm.em.getConnection() as PostgreSqlConnection).getKnex();
  const database = orm.config.get('dbName') ?? '';
  const open = new Map<string, Span>();
  knex.on('query', (query: KnexQuery) => {
    const verb = (query.method && query.method !== 'raw' ? query.method : (VERB.exec(query.sql ?? '')?.[1] ?? 'query')).toUpperCase();
    const span = startClientSpan(`${verb} ${database}`, {
      'db.system': 'postgresql',
      'db.namespace': database,
      'db.operation.name': verb,
    });
    open.set(query.__knexQueryUid, span);
  });
  const end = (query: KnexQuery | undefined, error?: unknown) => {
    const span = query && open.get(query.__knexQueryUid);
    if (!span) return;
    open.delete(query.__knexQueryUid);
    if (error) failed(span, error);
    span.end();
  };
  knex.on('query-response', (_response: unknown, query: KnexQuery) => end(query));
  knex.on('query-error', (error: unknown, query: KnexQuery) => end(query, error));
}
