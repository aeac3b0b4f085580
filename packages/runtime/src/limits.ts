import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import {
  GraphQLError,
  Kind,
  Lexer,
  parse,
  validate,
  type GraphQLSchema,
  Source,
  TokenKind,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { z } from 'zod';

/** What one operation may ask for: the same limits at the gateway and, for callers without its secret, at every subgraph. */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  /** How deep list and object values in arguments and variables may nest. */
  maxValueDepth: number;
  /** Largest request body, e.g. "100kb". */
  maxBodySize: string;
}

/** The limits' environment, read by the gateway's and every subgraph's config. */
export const LIMITS_ENV = {
  MAX_QUERY_DEPTH: z.coerce.number().int().min(1).max(100).default(12),
  MAX_QUERY_ALIASES: z.coerce.number().int().min(0).max(1000).default(30),
  MAX_ROOT_FIELDS: z.coerce.number().int().min(1).max(1000).default(15),
  MAX_QUERY_DIRECTIVES: z.coerce.number().int().min(0).max(1000).default(20),
  MAX_QUERY_TOKENS: z.coerce.number().int().min(10).max(1_000_000).default(2_000),
  MAX_QUERY_COST: z.coerce.number().int().min(1).max(10_000_000).default(60_000),
  MAX_VALUE_DEPTH: z.coerce.number().int().min(1).max(100).default(8),
  MAX_BODY_SIZE: z.string().regex(/^\d+(b|kb|mb)$/i, 'a size such as 100kb').default('100kb'),
};

export function limitsFrom(parsed: z.infer<z.ZodObject<typeof LIMITS_ENV>>): OperationLimits {
  return {
    maxDepth: parsed.MAX_QUERY_DEPTH,
    maxAliases: parsed.MAX_QUERY_ALIASES,
    maxRootFields: parsed.MAX_ROOT_FIELDS,
    maxDirectives: parsed.MAX_QUERY_DIRECTIVES,
    maxTokens: parsed.MAX_QUERY_TOKENS,
    maxCost: parsed.MAX_QUERY_COST,
    maxValueDepth: parsed.MAX_VALUE_DEPTH,
    maxBodySize: parsed.MAX_BODY_SIZE,
  };
}

/**
 * graphql-armor's settings (the token count is ours: see maxTokens).
 * Introspection fields count for neither depth nor cost: the standard
 * introspection query (every explorer's, IDE's and codegen's schema load)
 * nests `ofType` deeper than any data query needs and would be refused.
 * Nested introspection stays bounded by graphql-js's own
 * MaxIntrospectionDepthRule, and in production introspection is off.
 */
function armorConfig(limits: OperationLimits, hideSuggestions: boolean) {
  return {
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, ...reportedAs('depth', 'MAX_QUERY_DEPTH') },
    maxAliases: { n: limits.maxAliases, ...reportedAs('aliases', 'MAX_QUERY_ALIASES') },
    maxDirectives: { n: limits.maxDirectives, ...reportedAs('directives', 'MAX_QUERY_DIRECTIVES') },
    maxTokens: { enabled: false },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true, ...reportedAs('cost', 'MAX_QUERY_COST') },
    blockFieldSuggestion: { enabled: hideSuggestions },
  };
}

/**
 * graphql-armor words its refusals "Syntax Error: Query Cost limit of 60000
 * exceeded, found 87371." about documents that are valid GraphQL. Reported
 * instead as our own rules report theirs: the limit and its setting in the
 * message, `extensions.limit` naming it.
 */
function reportedAs(limit: string, setting: string) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const message = `${error.message.replace(/^Syntax Error: /, '').replace(/\.$/, '')} (${setting}).`;
        context?.reportError(new GraphQLError(message, { nodes: error.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit } }));
      },
    ],
  };
}

/**
 * Abusive operations are refused at validation, before the gateway plans a
 * single subgraph fetch. graphql-armor covers depth, aliases, directives,
 * cost and field suggestions; the root-field count is ours, since armor has
 * no such rule, and so is the token count (see maxTokens).
 */
export function operationLimits(
  limits: OperationLimits,
  hideSuggestions: boolean,
): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[]; tokenLimit: RequestHandler } {
  const armor = new ApolloArmor(armorConfig(limits, hideSuggestions));
  const { plugins, validationRules } = armor.protect();
  return {
    plugins: [...plugins, knownOperation()],
    validationRules: [...validationRules, maxRootFields(limits.maxRootFields), maxValueDepth(limits.maxValueDepth)],
    tokenLimit: maxTokens(limits.maxTokens),
  };
}

/** True when `source` has more than `max` tokens; a document that does not lex is left to the parser to refuse. */
export function exceedsTokens(source: string, max: number): boolean {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      if (++count > max) return true;
    }
  } catch {
    return false;
  }
  return false;
}

/**
 * Counts the document's tokens before Apollo sees the request. graphql-armor's
 * own check parses the document in a plugin hook, and Apollo answers any
 * error thrown by a hook with HTTP 500, so every syntax error (and the limit
 * itself) was a 500. Here a document over the limit is a 400, and one that
 * does not lex goes on to Apollo's parser, which refuses it as
 * GRAPHQL_PARSE_FAILED (400).
 */
export function maxTokens(max: number): RequestHandler {
  return (req, res, next) => {
    const fields = (req.body && typeof req.body === 'object' ? req.body : req.query) as { query?: unknown };
    if (typeof fields.query === 'string' && exceedsTokens(fields.query, max)) {
      res.status(400).json({ errors: [{ message: `Token limit of ${max} exceeded (MAX_QUERY_TOKENS).`, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'tokens' } }] });
      return;
    }
    next();
  };
}

/** True when a JSON value nests arrays or objects more than `max` levels (0 for a scalar); walked without recursion. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const inner of Array.isArray(current) ? current : Object.values(current)) stack.push([inner, depth + 1]);
  }
  return false;
}

/**
 * MAX_VALUE_DEPTH for variables too, before Apollo reads them: a 10 KB
 * `[[[...]]]` in a variable, even one the document never uses, is walked by
 * every check that reads variables. Refused like the same literal.
 */
export function maxVariableDepth(max: number): RequestHandler {
  return (req, res, next) => {
    const fields = (req.body && typeof req.body === 'object' ? req.body : req.query) as { variables?: unknown };
    let variables = fields.variables;
    if (typeof variables === 'string') {
      try {
        variables = JSON.parse(variables);
      } catch {
        return next(); // Apollo refuses variables that are not JSON, with its own message.
      }
    }
    if (variables && typeof variables === 'object') {
      for (const [name, value] of Object.entries(variables)) {
        if (!nestsDeeperThan(value, max)) continue;
        res.status(400).json({
          errors: [{ message: `Variable "$${name.slice(0, 64)}" nests lists or objects more than ${max} levels deep (MAX_VALUE_DEPTH).`, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'valueDepth' } }],
        });
        return;
      }
    }
    next();
  };
}

/**
 * An operationName the document does not define (or none, for a document
 * with several operations) is the client's mistake. Apollo's gateway throws
 * when asked to plan it, which Apollo Server answers with HTTP 500; refused
 * here, once the operation is resolved, it is a 400.
 */
export function knownOperation(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          // Apollo's gateway cannot plan one and would answer 500: the hub serves queries and mutations.
          if (operation?.operation === 'subscription') {
            throw new GraphQLError('Subscriptions are not served by this hub: use a query (or poll).', {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            });
          }
          if (operation) return;
          const name = request.operationName;
          throw new GraphQLError(
            name ? `Unknown operation named "${name.slice(0, 100)}".` : 'The document defines several operations: name the one to run (operationName).',
            { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } },
          );
        },
      };
    },
  };
}

/**
 * Counts the root fields of each operation, looking through (named and
 * inline) fragments. Each fragment is counted once and remembered: a
 * "fragment bomb" (each fragment spreading the next one twice) would
 * otherwise cost 2^n steps, and held the gateway's only thread for minutes
 * at n = 25, before any rule refused it. A cycle counts as nothing here
 * (graphql-js refuses it on its own).
 */
export function maxRootFields(max: number): ValidationRule {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    const counted = new Map<string, number>();
    const counting = new Set<string>();
    const count = (set: SelectionSetNode): number => {
      let n = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) n += sel.name.value === '__typename' ? 0 : 1;
        else if (sel.kind === Kind.INLINE_FRAGMENT) n += count(sel.selectionSet);
        else n += countFragment(sel.name.value);
      }
      return n;
    };
    const countFragment = (name: string): number => {
      const known = counted.get(name);
      if (known !== undefined) return known;
      const fragment = fragments.get(name);
      if (!fragment || counting.has(name)) return 0;
      counting.add(name);
      const n = count(fragment.selectionSet);
      counting.delete(name);
      counted.set(name, n);
      return n;
    };
    return {
      OperationDefinition(node) {
        const n = count(node.selectionSet);
        if (n > max) {
          context.reportError(
            new GraphQLError(`The operation selects ${n} root fields; at most ${max} are allowed (MAX_ROOT_FIELDS).`, {
              nodes: [node],
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'rootFields' },
            }),
          );
        }
      },
    };
  };
}

/** How deep lists and objects nest in a value: 0 for a scalar, 1 for `[1]` or `{ a: 1 }`. */
function valueDepth(value: ValueNode, limit: number): number {
  if (limit < 0) return 0;
  if (value.kind === Kind.LIST) return 1 + Math.max(0, ...value.values.map((v) => valueDepth(v, limit - 1)));
  if (value.kind === Kind.OBJECT) return 1 + Math.max(0, ...value.fields.map((f) => valueDepth(f.value, limit - 1)));
  return 0;
}

/**
 * Refuses argument values (and variable defaults) that nest lists or
 * objects deeper than `max`. A custom scalar (Date) accepts any literal at
 * the gateway, which leaves checking it to the subgraph; but the query
 * planner walks a nested list literal once per level for each of its
 * elements twice over (@apollo/federation-internals, collectVariablesInValue),
 * so `[[[...]]]` forty deep in a Date argument, a hundred bytes, held the
 * gateway's only thread indefinitely. No input of the schema nests deeper
 * than three.
 */
export function maxValueDepth(max: number): ValidationRule {
  return (context) => {
    const check = (value: ValueNode | undefined, what: string, node: Parameters<typeof context.reportError>[0]['nodes']): void => {
      if (!value) return;
      if (valueDepth(value, max + 1) > max) {
        context.reportError(
          new GraphQLError(`${what} nests lists or objects more than ${max} levels deep (MAX_VALUE_DEPTH).`, {
            nodes: node,
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'valueDepth' },
          }),
        );
      }
    };
    return {
      Argument(node) {
        check(node.value, `Argument "${node.name.value}"`, [node]);
      },
      VariableDefinition(node) {
        check(node.defaultValue, `The default of $${node.variable.name.value}`, [node]);
      },
    };
  };
}

/**
 * The gateway's operation limits at a subgraph, for every caller without the
 * gateway's secret: a partner's service reached directly is no weaker than
 * the hub. Tokens and variables first (as at the gateway), then the
 * document's depth, aliases, directives, root fields, cost and value depth.
 * A document that does not parse or validate otherwise is left to Apollo,
 * which refuses it with its own message.
 */
export function directCallerLimits(schema: GraphQLSchema, limits: OperationLimits): RequestHandler {
  const rules = operationLimits(limits, true).validationRules;
  const tokens = maxTokens(limits.maxTokens);
  const variables = maxVariableDepth(limits.maxValueDepth);
  return (req, res, next) =>
    tokens(req, res, () =>
      variables(req, res, () => {
        const fields = (req.body && typeof req.body === 'object' ? req.body : req.query) as { query?: unknown };
        if (typeof fields.query !== 'string') return next();
        let errors: readonly GraphQLError[];
        try {
          errors = validate(schema, parse(fields.query), rules);
        } catch {
          return next();
        }
        if (!errors.length) return next();
        res.status(400).json({
          errors: errors.map((e) => ({ message: e.message, locations: e.locations, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...(e.extensions.limit ? { limit: e.extensions.limit } : {}) } })),
        });
      }),
    );
}
