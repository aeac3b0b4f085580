import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { GraphQLError, parse, validate, type GraphQLSchema, type ValidationContext, type ValidationRule } from 'graphql';
import { z } from 'zod';
import { maxTokens, maxVariableDepth, requestFields } from './limits-request';
import { knownOperation, maxRootFields, maxValueDepth } from './limits-rules';

export { exceedsTokens, maxTokens, maxVariableDepth, nestsDeeperThan } from './limits-request';
export { knownOperation, maxRootFields, maxValueDepth } from './limits-rules';

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
  MAX_BODY_SIZE: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'a size such as 100kb')
    .default('100kb'),
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
        const fields = requestFields(req);
        if (typeof fields.query !== 'string') return next();
        let errors: readonly GraphQLError[];
        try {
          errors = validate(schema, parse(fields.query), rules);
        } catch {
          return next();
        }
        if (!errors.length) return next();
        res.status(400).json({
          errors: errors.map((e) => ({
            message: e.message,
            locations: e.locations,
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...(e.extensions.limit ? { limit: e.extensions.limit } : {}) },
          })),
        });
      }),
    );
}
