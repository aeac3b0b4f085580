import { composeServices } from '@apollo/composition';
import {
  buildSchema,
  findBreakingChanges,
  findDangerousChanges,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  type BreakingChange,
  type DirectiveNode,
  type DangerousChange,
  type GraphQLError,
  type GraphQLSchema,
} from 'graphql';

/** One subgraph as composition sees it: its name, the URL the supergraph records, its SDL. */
export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

export interface ComposedSupergraph {
  /** Exactly what `schema/supergraph.graphql` holds (with a final newline). */
  supergraphSdl: string;
  /** What clients see: the supergraph without join metadata and without @inaccessible parts. */
  apiSchema: GraphQLSchema;
  /** Composition hints, printed for people; they never fail a build. */
  hints: string[];
}

export class CompositionError extends Error {
  constructor(readonly errors: readonly GraphQLError[]) {
    super(formatCompositionErrors(errors));
  }
}

/** One line per error, with its composition code and the subgraph locations that caused it. */
export function formatCompositionErrors(errors: readonly GraphQLError[]): string {
  const lines = errors.map((error, i) => {
    const code = typeof error.extensions?.code === 'string' ? `[${error.extensions.code}] ` : '';
    return `  ${i + 1}. ${code}${error.message}`;
  });
  return `Composition failed with ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${lines.join('\n')}`;
}

/** Composes the given subgraphs; the inputs are injected so tests can compose small fakes. */
export async function composeSupergraph(sources: readonly SubgraphSource[]): Promise<ComposedSupergraph> {
  const result = composeServices(sources.map((source) => ({ name: source.name, url: source.url, typeDefs: parse(source.sdl) })));
  if (result.errors) throw new CompositionError(result.errors);
  const sdl = result.supergraphSdl.replace(/\r\n/g, '\n');
  return {
    supergraphSdl: sdl.endsWith('\n') ? sdl : `${sdl}\n`,
    apiSchema: result.schema.toAPISchema().toGraphQLJSSchema(),
    hints: result.hints.map((hint) => hint.toString()),
  };
}

export interface ContractCheck {
  breaking: BreakingChange[];
  dangerous: DangerousChange[];
}

/**
 * The API schema must keep everything the contract promises: graphql-js
 * compares the contract (old) with the API schema (new), so a removed field,
 * a changed type or a new required argument is breaking, and additions are not.
 */
export function checkContract(apiSchema: GraphQLSchema, contractSdl: string): ContractCheck {
  const contract = buildSchema(contractSdl);
  return {
    breaking: findBreakingChanges(contract, apiSchema),
    dangerous: findDangerousChanges(contract, apiSchema),
  };
}

export function formatChanges(changes: ReadonlyArray<BreakingChange | DangerousChange>): string {
  return changes.map((change) => `  - ${change.type}: ${change.description}`).join('\n');
}

function isInaccessible(directives: readonly DirectiveNode[] | undefined): boolean {
  return directives?.some((directive) => directive.name.value === 'inaccessible') ?? false;
}

/** Schema coordinates (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`) marked @inaccessible in a supergraph. */
export function inaccessibleCoordinates(supergraphSdl: string): string[] {
  const found: string[] = [];
  for (const definition of parse(supergraphSdl).definitions) {
    if (!('name' in definition) || !definition.name || !('directives' in definition)) continue;
    const typeName = definition.name.value;
    if (isInaccessible(definition.directives)) found.push(typeName);
    if (
      definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
      definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
      definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION
    ) {
      for (const field of definition.fields ?? []) {
        const coordinate = `${typeName}.${field.name.value}`;
        if (isInaccessible(field.directives)) found.push(coordinate);
        if ('arguments' in field) {
          for (const argument of field.arguments ?? []) {
            if (isInaccessible(argument.directives)) found.push(`${coordinate}(${argument.name.value}:)`);
          }
        }
      }
    }
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      for (const value of definition.values ?? []) {
        if (isInaccessible(value.directives)) found.push(`${typeName}.${value.name.value}`);
      }
    }
  }
  return found;
}

/** Whether a schema coordinate as produced by inaccessibleCoordinates exists in a schema. */
export function hasCoordinate(schema: GraphQLSchema, coordinate: string): boolean {
  const match = /^([^.]+)(?:\.([^(]+)(?:\(([^:]+):\))?)?$/.exec(coordinate);
  if (!match) throw new Error(`Not a schema coordinate: ${coordinate}`);
  const [, typeName, memberName, argumentName] = match;
  const type = schema.getType(typeName);
  if (!type || !memberName) return Boolean(type);
  if (isEnumType(type)) return type.getValue(memberName) !== undefined;
  if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) return false;
  const field = type.getFields()[memberName];
  if (!field || !argumentName) return Boolean(field);
  return 'args' in field && field.args.some((argument) => argument.name === argumentName);
}

/** @inaccessible elements that still reach clients; must be empty. */
export function leakedInaccessible(supergraphSdl: string, apiSchema: GraphQLSchema): string[] {
  return inaccessibleCoordinates(supergraphSdl).filter((coordinate) => hasCoordinate(apiSchema, coordinate));
}
