import type { GraphQLSchema } from 'graphql';

/**
 * Descriptions of the root types, which type-graphql builds without one. Every
 * partner's subgraph gives the same text, so composition has one to keep.
 */
export const ROOT_TYPE_DESCRIPTIONS = {
  Query:
    "Everything there is to read, from the three partners (schools, SKB, university) as one graph. What a caller sees depends on its token's organisation and role.",
  Mutation:
    'Writes, each answered by the partner that holds the record; each says who may call it. Bad input is BAD_USER_INPUT naming the field, and changes nothing.',
} as const;

/** Gives the schema's Query and Mutation types their descriptions (in place; returns the schema). */
export function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) query.description = ROOT_TYPE_DESCRIPTIONS.Query;
  if (mutation) mutation.description = ROOT_TYPE_DESCRIPTIONS.Mutation;
  return schema;
}
