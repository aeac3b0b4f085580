import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { chance, choose, pick, randomJson, randomNumber, randomString, type Gen } from './fuzz-random';

// Values for the arguments and variables of generated requests: right, wrong, or hostile.

/** Ids a generated argument may use, by what its name suggests (teacherId, eventId, ...). */
export type IdPools = Record<string, string[]>;

export interface FuzzOptions {
  schema: GraphQLSchema;
  ids: IdPools;
  /** Probability that a value is deliberately wrong (wrong kind, null for non-null, missing field). */
  wrongness: number;
  /** Probability that a scalar is one its field would accept (a name, a NUPTK, a date in range), so that writes also succeed. */
  plausibility?: number;
}

/** A value the hub's checks would accept for a field of this name, when the name says what it holds. */
function plausible(g: Gen, name: string, scalar: string): unknown {
  const lower = name.toLowerCase();
  const day = (from: number, span: number) => new Date(Date.UTC(from, 0, 1) + choose(g, span) * 86_400_000).toISOString().slice(0, 10);
  if (/name|title/.test(lower))
    return (
      pick(g, ['Siti', 'Dewi Lestari', 'Pelatihan', 'Nur', 'Ayu Pratiwi, S.Pd.']) +
      ` ${pick(g, ['Fuzz', 'Uji', 'Ω', 'é', '😀'])} ${choose(g, 1000)}`
    );
  if (lower.includes('nuptk')) return `9${String(choose(g, 1e9)).padStart(9, '0')}${String(choose(g, 1e6)).padStart(6, '0')}`;
  if (lower.includes('npsn')) return pick(g, ['64710001', '64710002']);
  if (lower.includes('institution')) return 'Universitas Mulia';
  if (lower === 'birthdate') return day(1960, 12_000);
  if (lower === 'assessedon') return day(2020, 1_000);
  if (lower === 'startson' || lower === 'endson') return day(2027, 60);
  if (lower.includes('score')) return choose(g, 10_001) / 100;
  if (lower === 'capacity') return 1 + choose(g, 60);
  if (lower === 'graduationyear') return 1990 + choose(g, 30);
  if (lower === 'version') return 1 + choose(g, 3);
  if (scalar === 'Boolean') return chance(g, 0.5);
  return undefined;
}

function idFor(g: Gen, argName: string, ids: IdPools): string {
  const lower = argName.toLowerCase();
  const key = Object.keys(ids).find((k) => lower.includes(k.toLowerCase()));
  const pool = key ? ids[key] : Object.values(ids).flat();
  switch (choose(g, 6)) {
    case 0:
    case 1:
    case 2:
      return pool.length ? pick(g, pool) : g(fc.uuid);
    case 3:
      return g(fc.uuid);
    default:
      return randomString(g);
  }
}

/** A value of `type` as JSON (for variables): right most of the time, wrong or hostile otherwise. */
export function valueFor(g: Gen, type: GraphQLInputType, name: string, options: FuzzOptions, depth = 0): unknown {
  if (chance(g, options.wrongness)) {
    // null where null is refused, the wrong kind, or anything at all.
    return pick(g, [null, randomJson(g, depth), randomString(g), randomNumber(g), [randomString(g)], { [name]: randomString(g) }]);
  }
  if (isNonNullType(type)) return valueFor(g, type.ofType, name, options, depth);
  if (depth > 4) return null;
  if (isListType(type)) return Array.from({ length: g(fc.nat, { max: 3 }) }, () => valueFor(g, type.ofType, name, options, depth + 1));
  if (isEnumType(type)) return pick(g, type.getValues()).name;
  if (isInputObjectType(type)) {
    const entries: Array<[string, unknown]> = [];
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) || chance(g, 0.6)) entries.push([field.name, valueFor(g, field.type, field.name, options, depth + 1)]);
    }
    return Object.fromEntries(entries);
  }
  if (isScalarType(type)) {
    if (options.plausibility && chance(g, options.plausibility)) {
      const value = plausible(g, name, type.name);
      if (value !== undefined) return value;
    }
    switch (type.name) {
      case 'ID':
        return idFor(g, name, options.ids);
      case 'Int':
      case 'Float':
        return randomNumber(g);
      case 'Boolean':
        return g(fc.boolean);
      case 'Date':
        return pick(g, ['2023-03-06', '2027-02-08', '1990-04-12', '2023-02-29', '2020-02-29', randomString(g)]);
      case 'DateTime':
        return pick(g, ['2022-11-14T01:00:00.000Z', '2022-11-14', randomString(g)]);
      default:
        return randomString(g);
    }
  }
  return null;
}

/** A JSON value printed as a GraphQL literal (enum values bare when the type is an enum). */
export function literal(value: unknown, type?: GraphQLInputType): string {
  const named = type ? getNamedType(type) : undefined;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string')
    return named && isEnumType(named) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  if (typeof value === 'boolean') return String(value);
  const inner = type && isNonNullType(type) ? type.ofType : type;
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, inner && isListType(inner) ? inner.ofType : undefined)).join(', ')}]`;
  const fields = named && isInputObjectType(named) ? named.getFields() : {};
  return `{ ${Object.entries(value as Record<string, unknown>)
    .filter(([key]) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(key))
    .map(([key, v]) => `${key}: ${literal(v, fields[key]?.type)}`)
    .join(', ')} }`;
}
