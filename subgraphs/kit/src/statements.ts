import { createHash } from 'node:crypto';
import type { Constructor } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { columnsOf, readRows } from './read-rows';

/**
 * Statements that PostgreSQL parses and plans once per connection.
 *
 * A statement sent without a name is parsed, analysed and planned again at
 * every execution. On the bench's page of 100 teachers that was 3.6 ms of
 * PostgreSQL's CPU per page (pg_stat_statements with `track_planning`), 36%
 * of the time its statements took, and part of each hop's wait. A named
 * statement is parsed once per connection, and after five executions
 * PostgreSQL keeps one generic plan when it costs no more than the custom
 * ones (`plan_cache_mode`); docs/benchmarks.md.
 *
 * Such a statement must have the same text whatever its keys: `whereAny`
 * sends keys as one array parameter, where knex's `whereIn` writes one
 * parameter per key (a new text for every batch size). It should name its
 * columns rather than select `*` (`columnsOf`): PostgreSQL refuses to run a
 * prepared `select *` whose table gained a column since ("cached plan must
 * not change result type"), which a partner's migration during a rolling
 * restart would otherwise cause.
 *
 * A pooler in front of PostgreSQL must keep prepared statements per server
 * connection (PgBouncer 1.21 or later with `max_prepared_statements`, or
 * session pooling): docs/deploying.md.
 */

/** Elements an array literal may hold unquoted: keys, UUIDs, codes (not empty, not `NULL`). */
const BARE_ELEMENT = /^[0-9A-Za-z_.:@-]+$/;

/** A PostgreSQL array literal of any strings, for one `?::type[]` parameter: quoted where an element needs it. */
export function pgArray(values: Iterable<string>): string {
  const list = [...values];
  if (list.every((value) => BARE_ELEMENT.test(value) && value.toLowerCase() !== 'null')) return `{${list.join(',')}}`;
  return `{${list.map((value) => `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** `column = any(?::type[])`: the keys as one array parameter, so that the statement's text does not depend on how many there are. */
export function whereAny<Q extends Knex.QueryBuilder>(qb: Q, column: string, values: Iterable<string>, type: 'uuid' | 'text'): Q {
  return qb.whereRaw(`?? = any(?::${type}[])`, [column, pgArray(values)]) as Q;
}

const NAME_CACHE_LIMIT = 1_000;
const names = new Map<string, string>();

/** The name of a statement's text: the same text, the same name, in every process (PostgreSQL keeps them per connection). */
export function statementName(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `mitra_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    if (names.size < NAME_CACHE_LIMIT) names.set(sql, name);
  }
  return name;
}

/**
 * The query, to run as a named prepared statement (the driver parses it on a
 * connection's first use of that name). Apply last, when the query is
 * complete: the name is that of its text.
 */
export function prepared<Q extends Knex.QueryBuilder>(qb: Q): Q {
  return qb.options({ name: statementName(qb.toSQL().sql) }) as Q;
}

/**
 * The rows of `entity` whose `column` is one of `keys`, as `readRows` maps
 * them (read for answers, never flushed): one prepared statement for any
 * number of keys.
 */
export async function readByKeys<T extends object>(
  em: EntityManager,
  entity: Constructor<T>,
  column: string,
  keys: Iterable<string>,
  type: 'uuid' | 'text',
  orderBy?: Parameters<Knex.QueryBuilder['orderBy']>[0],
): Promise<T[]> {
  const meta = em.getMetadata().get(entity.name);
  const qb = whereAny(em.getKnex()(meta.tableName).select(columnsOf(em, entity)), column, keys, type);
  if (orderBy) qb.orderBy(orderBy);
  return readRows(em, entity, await prepared(qb));
}
