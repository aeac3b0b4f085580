import fc from 'fast-check';
import {
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
} from 'graphql';
import { chance, choose, pick, randomJson, randomString, type Gen } from './fuzz-random';
import { literal, valueFor, type FuzzOptions } from './fuzz-values';

/**
 * Schema-aware random GraphQL requests for the gateway fuzz test
 * (e2e/fuzz.e2e.ts): documents built from the API schema with fast-check's
 * `fc.gen()`, so that every choice shrinks. A value for an argument is
 * right, wrong, or hostile: the wrong kind, null where null is not allowed,
 * huge or unicode strings, deep nesting, injection-looking text.
 */

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
    if (chance(this.g, this.options.wrongness / 2))
      return pick(this.g, ['String', 'Int!', 'ID', '[ID!]!', 'Boolean', 'Date!', 'NoSuchType']);
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
    const chosen = field.args.filter((a) => (isNonNullType(a.type) ? !chance(g, this.options.wrongness / 3) : chance(g, 0.5)));
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
      const directive = chance(g, 0.01)
        ? pick(g, [' @include(if: true)', ' @skip(if: false)', ' @skip(if: true)', ' @noSuchDirective', ' @include(if: "yes")'])
        : '';
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
    const head =
      this.declarations.length || name
        ? `${kind} ${name}${this.declarations.length ? `(${this.declarations.join(', ')})` : ''}`
        : kind === 'query'
          ? ''
          : 'mutation';
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
  switch (choose(g, 11)) {
    case 10:
      // A condition variable sent as null, which validation lets through when it has a default.
      return JSON.stringify({
        query: `query($v: Boolean = ${pick(g, ['true', 'false'])}) { venues { name @${pick(g, ['skip', 'include'])}(if: $v) } }`,
        variables: { v: null },
      });
    case 8: {
      // A deeply nested variable value, used or not (MAX_VALUE_DEPTH applies to variables too).
      const depth = g(fc.integer, { min: 1, max: 5_000 });
      const used = g(fc.boolean);
      return `{"query":"${used ? 'query($d: Date) { trainingEvents(filter: { startsBefore: $d }) { totalCount } }' : '{ venues { name } }'}","variables":{"d":${'['.repeat(depth)}"2024-01-01"${']'.repeat(depth)}}}`;
    }
    case 9:
      return JSON.stringify({
        query: `subscription ${pick(g, ['', 'S '])}{ ${pick(g, ['venues { name }', 'teachers { totalCount }', '__typename'])} }`,
      });
    case 0:
      return JSON.stringify({ query: g(fc.string, { unit: 'grapheme', maxLength: 200 }) });
    case 1: {
      const tokens = [
        '{',
        '}',
        '(',
        ')',
        'query',
        'mutation',
        'fragment',
        'on',
        '...',
        '$x',
        ':',
        '@include',
        'teachers',
        'first',
        '"s"',
        '1',
        '[',
        ']',
        '!',
        '=',
        '#',
        '\n',
      ];
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
