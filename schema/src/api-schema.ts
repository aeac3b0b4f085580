import { Supergraph } from '@apollo/federation-internals';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

/**
 * What clients see of a supergraph: no join metadata, no @inaccessible
 * parts. Typed clients (the dashboard's codegen) are compiled against this,
 * never against the supergraph itself, so a document cannot select a field
 * that the gateway would refuse.
 */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** The API schema as SDL, sorted so that it reads the same whatever order composition chose. */
export function apiSdlOf(supergraphSdl: string): string {
  return printSchema(lexicographicSortSchema(apiSchemaOf(supergraphSdl)));
}
