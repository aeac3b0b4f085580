import type { EntityManager } from '@mikro-orm/postgresql';
import type { Constructor, EntityMetadata, EntityProperty } from '@mikro-orm/core';

/**
 * Rows read for an answer, as plain data of an entity's class: its
 * properties (converted as the ORM converts them) and its own getters (e.g.
 * `ownerOrg`), without the unit of work. The ORM's mapping registers every
 * row in the identity map and assigns each property through the change
 * tracking accessors of the entity's prototype: about 13 µs a row, a fifth of
 * a page's work in a subgraph; this is under 1 µs. Only for objects that are
 * read and answered, never changed and flushed: writes load their entities
 * through the entity manager.
 */
interface Mapper {
  prototype: object;
  columns: Array<{ column: string; name: string; convert?: (value: unknown) => unknown }>;
}

const mappers = new WeakMap<EntityMetadata, Mapper>();

function mapperOf(em: EntityManager, meta: EntityMetadata): Mapper {
  let mapper = mappers.get(meta);
  if (mapper) return mapper;
  const platform = em.getPlatform();
  // Still an instance of the entity class (type-graphql passes a root that is not one through
  // `Object.assign(new Entity(), root)`, the ORM's setters included), with the ORM's change tracking
  // accessors of mapped properties shadowed by plain data properties: the entity's own getters (e.g.
  // `ownerOrg`) stay.
  // As the ORM's hydrator converts: custom types (decimals, ...), booleans, dates given as text.
  const tz = platform.getTimezone();
  const toDate = (value: unknown): unknown => {
    if (value instanceof Date || typeof value !== 'string') return value instanceof Date ? value : new Date(value as number);
    if (!tz || tz === 'local' || value.includes('+') || value.lastIndexOf('-') > 10 || value.endsWith('Z')) return new Date(value);
    return new Date(value + tz);
  };
  const columns = meta.props
    .filter((p: EntityProperty) => p.fieldNames?.length === 1 && p.persist !== false && p.kind === 'scalar' && !p.ref)
    .map((p: EntityProperty) => {
      const customType = p.customType;
      const convert = customType
        ? (value: unknown) => customType.convertToJSValue(value, platform, { mode: 'serialization' })
        : p.runtimeType === 'boolean'
          ? (value: unknown) => !!value
          : p.runtimeType === 'Date' && !platform.isNumericProperty(p)
            ? toDate
            : undefined;
      return { column: p.fieldNames[0], name: p.name, convert };
    });
  const descriptors: PropertyDescriptorMap = {};
  for (const { name } of columns) descriptors[name] = { value: undefined, writable: true, enumerable: true, configurable: true };
  mapper = { prototype: Object.create(meta.class.prototype as object, descriptors), columns };
  mappers.set(meta, mapper);
  return mapper;
}

export function readRows<T extends object>(em: EntityManager, entity: Constructor<T>, rows: ReadonlyArray<Record<string, unknown>>): T[] {
  const { prototype, columns } = mapperOf(em, em.getMetadata().get(entity.name));
  return rows.map((row) => {
    const object = Object.create(prototype) as Record<string, unknown>;
    for (const { column, name, convert } of columns) {
      const value = row[column];
      object[name] = value == null || !convert ? (value ?? null) : convert(value);
    }
    return object as T;
  });
}

/**
 * The columns `readRows` maps for `entity` (qualified with `alias` when
 * given), to select by name rather than with `*` (see `prepared`).
 */
export function columnsOf<T extends object>(em: EntityManager, entity: Constructor<T>, alias?: string): string[] {
  return mapperOf(em, em.getMetadata().get(entity.name)).columns.map(({ column }) => (alias ? `${alias}.${column}` : column));
}

/**
 * The columns of `entity` read beside another table's row in one statement
 * (a join), each as `alias__column`: e.g. a teacher's registrations with
 * their events, so that the events need no statement of their own.
 */
export function joinedColumns<T extends object>(em: EntityManager, entity: Constructor<T>, alias: string): string[] {
  return mapperOf(em, em.getMetadata().get(entity.name)).columns.map(({ column }) => `${alias}.${column} as ${alias}__${column}`);
}

/**
 * The `entity` objects read with `joinedColumns(alias)`, as `readRows` maps
 * them, each once (a row per registration repeats its event): rows whose
 * joined primary key is null (a left join that found nothing) have none.
 */
export function readJoined<T extends object>(
  em: EntityManager,
  entity: Constructor<T>,
  alias: string,
  rows: ReadonlyArray<Record<string, unknown>>,
): T[] {
  const meta = em.getMetadata().get(entity.name);
  const columns = mapperOf(em, meta).columns.map(({ column }) => [column, `${alias}__${column}`] as const);
  const key = `${alias}__${meta.getPrimaryProps()[0].fieldNames[0]}`;
  const unique = new Map<unknown, Record<string, unknown>>();
  for (const row of rows) {
    const id = row[key];
    if (id == null || unique.has(id)) continue;
    const own: Record<string, unknown> = {};
    for (const [column, joined] of columns) own[column] = row[joined];
    unique.set(id, own);
  }
  return readRows(em, entity, [...unique.values()]);
}
