import fc from 'fast-check';
import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Schema-aware random GraphQL requests for the gateway fuzz test
 * (e2e/fuzz.e2e.ts): documents built from the API schema with fast-check's
 * `fc.gen()`, so that every choice shrinks. A value for an argument is
 * right, wrong, or hostile: the wrong kind, null where null is not allowed,
 * huge or unicode strings, deep nesting, injection-looking text.
 */

export type Gen = fc.GeneratorValue;

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
  if (/name|title/.test(lower)) return pick(g, ['Siti', 'Dewi Lestari', 'Pelatihan', 'Nur', 'Ayu Pratiwi, S.Pd.']) + ` ${pick(g, ['Fuzz', 'Uji', 'Ω', 'é', '😀'])} ${choose(g, 1000)}`;
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

/** Text an injection or a template engine might choke on; none of it looks like SQL text a server leaks. */
const HOSTILE_TEXT = [
  "' OR '1'='1",
  "'; DROP TABLE teacher; --",
  'Robert\'); --',
  '$1',
  '%s%s%s%n',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '\\',
  '"',
  '\u0000',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '\ud83d\udc69\u200d\ud83c\udfeb',
  'Z\u0351\u0351\u0351\u0351\u0351',
  '\uffff\ufffe',
  ' ',
  '',
];

// Unbiased: fast-check's bias towards extremes would otherwise make every rare choice (a wrong value, an unknown argument) frequent.
// (fc.double would not do: it is uniform over representable doubles, which crowd near zero.)
const RESOLUTION = 1_000_000;
const unit = fc.noBias(fc.integer({ min: 0, max: RESOLUTION - 1 })).map((n) => n / RESOLUTION);

function pick<T>(g: Gen, items: readonly T[]): T {
  return items[Math.floor(g(() => unit) * items.length)];
}

function chance(g: Gen, p: number): boolean {
  return g(() => unit) < p;
}

/** 0..n-1, uniformly. */
function choose(g: Gen, n: number): number {
  return Math.floor(g(() => unit) * n);
}

/** A string: ordinary, unicode, hostile, or huge (some beyond the gateway's body limit). */
export function randomString(g: Gen): string {
  switch (choose(g, 10)) {
    case 0:
      return g(fc.string, { unit: 'grapheme', maxLength: 40 });
    case 1:
      return g(fc.string, { unit: 'binary', maxLength: 40 });
    case 2:
      return pick(g, HOSTILE_TEXT);
    case 3:
      return pick(g, ['Siti Rahmawati', 'Kota Balikpapan', 'TK Pertiwi', 'Diklat Berjenjang', 'x']) + g(fc.string, { maxLength: 5 });
    case 4:
      return 'A'.repeat(g(fc.integer, { min: 150, max: 5_000 }));
    case 5:
      return pick(g, ['\u00e9', '\ud83d\ude00', 'Ω', '\u0000', ' ']).repeat(g(fc.integer, { min: 1, max: 2_000 }));
    case 6:
      return pick(g, ['x', '\ud83d\ude00']).repeat(g(fc.integer, { min: 50_000, max: 120_000 }));
    case 7:
      return pick(g, ['2023-02-29', '2024-02-29', '1990-04-12', '0000-00-00', '9999-12-31', '2024-13-01', '2024-01-01T00:00:00Z', '64.71', '64710001', '1234567890123456']);
    default:
      return g(fc.string, { maxLength: 12 });
  }
}

function randomNumber(g: Gen): number {
  switch (choose(g, 6)) {
    case 0:
      return g(fc.integer, { min: -5, max: 120 });
    case 1:
      return pick(g, [0, -1, 1, 20, 100, 101, 2147483647, 2147483648, -2147483649, 1e21, Number.MAX_SAFE_INTEGER + 2]);
    case 2:
      return g(fc.double, { noNaN: true, noDefaultInfinity: true });
    case 3:
      return g(fc.integer);
    default:
      return g(fc.integer, { min: 1, max: 10 });
  }
}

/** A JSON value of any shape, sometimes deeply nested. */
function randomJson(g: Gen, depth = 0): unknown {
  const kind = choose(g, depth > 3 ? 5 : 8);
  if (kind === 0) return null;
  if (kind === 1) return g(fc.boolean);
  if (kind === 2) return randomNumber(g);
  if (kind === 3 || kind === 4) return randomString(g);
  if (kind === 5) return Array.from({ length: g(fc.nat, { max: 3 }) }, () => randomJson(g, depth + 1));
  if (kind === 6) {
    let nested: unknown = randomJson(g, depth + 1);
    for (let i = g(fc.integer, { min: 10, max: 800 }); i > 0; i--) nested = [nested];
    return nested;
  }
  return Object.fromEntries(Array.from({ length: g(fc.nat, { max: 3 }) }, () => [g(fc.string, { maxLength: 8 }), randomJson(g, depth + 1)]));
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
  if (typeof value === 'string') return named && isEnumType(named) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value) ? value : JSON.stringify(value);
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

export interface FuzzRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** Builds one operation: arguments (inline or as variables), a random selection down to a random depth. */
export class DocumentBuilder {
  private readonly declarations: string[] = [];
  private readonly variables: Record<string, unknown> = {};
  private readonly fragments: string[] = [];
  private counter = 0;

  constructor(
    private readonly g: Gen,
    private readonly options: FuzzOptions,
  ) {}

  private typeText(type: GraphQLInputType): string {
    // Sometimes a variable is declared with another type than the argument's.
    if (chance(this.g, this.options.wrongness / 2)) return pick(this.g, ['String', 'Int!', 'ID', '[ID!]!', 'Boolean', 'Date!', 'NoSuchType']);
    return String(type);
  }

  private argument(arg: GraphQLArgument): string {
    const g = this.g;
    const value = valueFor(g, arg.type, arg.name, this.options);
    if (chance(g, 0.4)) {
      const name = `v${this.counter++}`;
      this.declarations.push(`$${name}: ${this.typeText(arg.type)}`);
      // A declared variable that is sometimes left out of `variables`: null (or missing) where non-null is needed.
      if (!chance(g, 0.1)) this.variables[name] = value;
      return `${arg.name}: $${name}`;
    }
    return `${arg.name}: ${literal(value, arg.type)}`;
  }

  private args(field: GraphQLField<unknown, unknown>): string {
    const g = this.g;
    const chosen = field.args.filter((a) => isNonNullType(a.type) ? !chance(g, this.options.wrongness / 3) : chance(g, 0.5));
    if (chance(g, 0.005)) return `(noSuchArgument: 1)`;
    return chosen.length ? `(${chosen.map((a) => this.argument(a)).join(', ')})` : '';
  }

  selection(type: GraphQLOutputType, depth: number): string {
    const g = this.g;
    const named = getNamedType(type) as GraphQLNamedType;
    if (!isCompositeType(named)) return '';
    if (depth <= 0) return chance(g, 0.95) ? '{ __typename }' : '';
    if (isUnionType(named)) {
      const member = pick(g, named.getTypes());
      return `{ __typename ... on ${member.name} ${this.selection(member, depth - 1) || '{ __typename }'} }`;
    }
    const fields = Object.values((isObjectType(named) || isInterfaceType(named) ? named : undefined)?.getFields() ?? {});
    const count = 1 + choose(g, Math.min(4, fields.length));
    const parts: string[] = [];
    for (let i = 0; i < count; i++) {
      const field = pick(g, fields);
      const alias = chance(g, 0.03) ? `a${this.counter++}: ` : '';
      const directive = chance(g, 0.01) ? pick(g, [' @include(if: true)', ' @skip(if: false)', ' @skip(if: true)', ' @noSuchDirective', ' @include(if: "yes")']) : '';
      const sub = isCompositeType(getNamedType(field.type)) ? this.selection(field.type, depth - 1) : chance(g, 0.003) ? '{ id }' : '';
      parts.push(`${alias}${field.name}${this.args(field)}${directive} ${sub}`);
    }
    if (chance(g, 0.005)) parts.push('noSuchField');
    if (chance(g, 0.02)) {
      const fragment = `F${this.counter++}`;
      this.fragments.push(`fragment ${fragment} on ${named.name} { __typename }`);
      parts.push(`...${fragment}`);
    }
    return `{ ${parts.join(' ')} }`;
  }

  /** One operation on `rootField` of the root type `root`, named from a small set (metrics labels stay few). */
  operation(kind: 'query' | 'mutation', rootField: GraphQLField<unknown, unknown>, depth: number, selection?: string): FuzzRequest {
    const g = this.g;
    const body = `${rootField.name}${this.args(rootField)} ${selection ?? this.selection(rootField.type, depth)}`;
    const name = pick(g, ['', 'Fuzz', 'FuzzCase', 'Fuzz_2']);
    const head = this.declarations.length || name ? `${kind} ${name}${this.declarations.length ? `(${this.declarations.join(', ')})` : ''}` : kind === 'query' ? '' : 'mutation';
    const query = `${head} { ${body} } ${this.fragments.join(' ')}`.trim();
    return {
      query,
      ...(Object.keys(this.variables).length ? { variables: this.variables } : {}),
      ...(name && chance(g, 0.5) ? { operationName: chance(g, 0.05) ? 'NotThisOne' : name } : {}),
    };
  }
}

/** A random query on any root field, down to a random depth (sometimes past MAX_QUERY_DEPTH). */
export function randomQuery(g: Gen, options: FuzzOptions): FuzzRequest {
  const root = options.schema.getQueryType()!;
  const fields = Object.values(root.getFields());
  const field = pick(g, fields);
  // Mostly shallow enough to be planned and run; now and then past MAX_QUERY_DEPTH.
  const depth = chance(g, 0.1) ? 6 + choose(g, 9) : 1 + choose(g, 5);
  return new DocumentBuilder(g, options).operation('query', field, depth);
}

/** Bodies that are not a well-formed operation at all. */
export function randomBody(g: Gen): string {
  switch (choose(g, 10)) {
    case 8: {
      // A deeply nested variable value, used or not (MAX_VALUE_DEPTH applies to variables too).
      const depth = g(fc.integer, { min: 1, max: 5_000 });
      const used = g(fc.boolean);
      return `{"query":"${used ? 'query($d: Date) { trainingEvents(filter: { startsBefore: $d }) { totalCount } }' : '{ venues { name } }'}","variables":{"d":${'['.repeat(depth)}"2024-01-01"${']'.repeat(depth)}}}`;
    }
    case 9:
      return JSON.stringify({ query: `subscription ${pick(g, ['', 'S '])}{ ${pick(g, ['venues { name }', 'teachers { totalCount }', '__typename'])} }` });
    case 0:
      return JSON.stringify({ query: g(fc.string, { unit: 'grapheme', maxLength: 200 }) });
    case 1: {
      const tokens = ['{', '}', '(', ')', 'query', 'mutation', 'fragment', 'on', '...', '$x', ':', '@include', 'teachers', 'first', '"s"', '1', '[', ']', '!', '=', '#', '\n'];
      return JSON.stringify({ query: Array.from({ length: g(fc.integer, { min: 1, max: 60 }) }, () => pick(g, tokens)).join(' ') });
    }
    case 2:
      return JSON.stringify({ query: randomJson(g), variables: randomJson(g), operationName: randomJson(g) });
    case 3:
      return JSON.stringify({ query: '{ venues { name } }', variables: randomString(g) });
    case 4:
      return g(fc.string, { maxLength: 100 });
    case 5:
      return JSON.stringify(randomJson(g));
    case 6:
      return JSON.stringify({ query: `{${' venues {'.repeat(g(fc.integer, { min: 50, max: 5_000 }))}` });
    default:
      return JSON.stringify({ query: `query { ${'__typename '.repeat(g(fc.integer, { min: 100, max: 3_000 }))} }` });
  }
}
