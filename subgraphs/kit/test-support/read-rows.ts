import type { Constructor } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { readRows } from '../src/read-rows';

/**
 * Up to 50 rows of `table` as `readRows` gives them and as the ORM maps them
 * (each in a fork of its own), each reduced to the entity's mapped scalar
 * properties and the `getters` named: what a partner's test expects equal,
 * for every table its answers read as plain rows.
 */
export async function readRowsBesideOrm<T extends object>(
  em: EntityManager,
  table: string,
  entity: Constructor<T>,
  getters: readonly string[] = [],
): Promise<{ plain: T[]; shapes: { plain: Array<Record<string, unknown>>; orm: Array<Record<string, unknown>> } }> {
  const rows: Array<Record<string, unknown>> = await em.getKnex()(table).select('*').limit(50);
  const meta = em.getMetadata().get(entity.name);
  const keys = [...meta.props.filter((p) => p.kind === 'scalar' && p.persist !== false).map((p) => p.name), ...getters];
  const shape = (object: object) => Object.fromEntries(keys.map((k) => [k, (object as Record<string, unknown>)[k]]));
  const plain = readRows(em, entity, rows);
  const orm = rows.map((row) => em.fork().map(entity, row));
  return { plain, shapes: { plain: plain.map(shape), orm: orm.map(shape) } };
}
