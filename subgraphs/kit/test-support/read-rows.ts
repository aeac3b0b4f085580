import type { Constructor } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { readRows } from '../src/read-rows';
import { readByKeys } from '../src/statements';

/**
 * Up to 50 rows of `table` as `readRows` gives them, as `readByKeys` reads
 * them again by primary key (named columns, a prepared statement) and as the
 * ORM maps them (each in a fork of its own), each reduced to the entity's
 * mapped scalar properties and the `getters` named: what a partner's test
 * expects equal, for every table its answers read as plain rows.
 */
export async function readRowsBesideOrm<T extends object>(
  em: EntityManager,
  table: string,
  entity: Constructor<T>,
  getters: readonly string[] = [],
): Promise<{
  plain: T[];
  shapes: { plain: Array<Record<string, unknown>>; byKeys: Array<Record<string, unknown>>; orm: Array<Record<string, unknown>> };
}> {
  const rows: Array<Record<string, unknown>> = await em.getKnex()(table).select('*').limit(50);
  const meta = em.getMetadata().get(entity.name);
  const keys = [...meta.props.filter((p) => p.kind === 'scalar' && p.persist !== false).map((p) => p.name), ...getters];
  const shape = (object: object) => Object.fromEntries(keys.map((k) => [k, (object as Record<string, unknown>)[k]]));
  const plain = readRows(em, entity, rows);
  const orm = rows.map((row) => em.fork().map(entity, row));
  const [key] = meta.getPrimaryProps();
  const column = key.fieldNames[0];
  const type = key.columnTypes[0] === 'uuid' ? 'uuid' : 'text';
  const again = await readByKeys(
    em,
    entity,
    column,
    rows.map((row) => String(row[column])),
    type,
  );
  const byId = new Map(again.map((object) => [String((object as Record<string, unknown>)[key.name]), object]));
  const byKeys = rows.map((row) => byId.get(String(row[column])) ?? {});
  return { plain, shapes: { plain: plain.map(shape), byKeys: byKeys.map(shape), orm: orm.map(shape) } };
}
