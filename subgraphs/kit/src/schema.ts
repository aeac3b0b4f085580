import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { isObjectType, parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, getMetadataStorage, type NonEmptyArray } from 'type-graphql';
import type { SubgraphName } from '@mitra/runtime';
import { authChecker, enforceRules, restrictToGateway } from './auth';
import type { LoaderSources } from './context';
import type { UniqueConstraints } from './orm-errors';
import { describeRootTypes } from './root-types';
import { callFieldResolversDirectly } from './direct-resolvers';

/** A partner's federated schema, from its type-graphql classes: its SDL for composition, and the executable schema its server runs. */

export const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@override", "@tag"])\n`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ReferenceResolver = (reference: any, context: any) => unknown;

/** What a partner's subgraph is made of; everything else is shared. */
export interface SubgraphDefinition<L> {
  name: SubgraphName;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type, batched through the request's loaders. */
  references: Record<string, ReferenceResolver>;
  /** The request's loaders: every per-request cache of the subgraph is one of them. */
  createLoaders: (sources: LoaderSources) => L;
  /** The unique indexes a write can hit, each with the input field a violation is reported against. */
  uniqueConstraints?: UniqueConstraints;
  /**
   * Work the first request that needs it would otherwise wait for, started as
   * soon as the service listens: the partner's protected statistics of the
   * current data version (seconds at 100,000 teachers). A request that needs
   * it meanwhile joins it; if it fails, it is logged and such a request
   * computes it again.
   */
  warmUp?: (sources: LoaderSources) => Promise<unknown>;
}

const sdlCache = new WeakMap<object, Promise<string>>();

/** The subgraph's SDL with federation directives: the input of composition. */
export function printSubgraphSdl<L>(def: SubgraphDefinition<L>): Promise<string> {
  let sdl = sdlCache.get(def);
  if (!sdl) {
    sdl = buildSchema({
      resolvers: def.resolvers,
      orphanedTypes: def.orphanedTypes,
      skipCheck: true,
      emitSchemaFile: false,
      authChecker,
      authMode: 'null',
    }).then((schema) => FEDERATION_LINK + printSchemaWithDirectives(describeRootTypes(schema)));
    sdlCache.set(def, sdl);
  }
  return sdl;
}

/**
 * Fields that only read their object's property of the same name (no field
 * resolver, no middleware) get no resolver of their own, as type-graphql's
 * `simpleResolvers` option leaves them: GraphQL's default reads the
 * property. type-graphql's own wrapper did the same through a closure, a
 * context object and its middleware dispatch per value, and a compiled query
 * (compiled-execution.ts) reads such a field inline, without a call. A field
 * under an access rule keeps its check (enforceRules runs after this).
 */
function readPropertiesDirectly(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    for (const field of objectType.fields ?? []) {
      const resolved = storage.fieldResolvers.some((r) => r.getObjectType?.() === field.target && r.methodName === field.name);
      if (resolved || field.name !== field.schemaName || field.middlewares?.length || field.roles?.length) continue;
      const own = fields[field.schemaName];
      if (own) own.resolve = undefined;
    }
  }
}

/**
 * The executable subgraph schema. Every field under the kit's `@Authorized`
 * (a field's rule, else its type's) is checked in front of its resolver
 * (auth/authorized.ts), synchronously; a personal field of another
 * organisation's record is null without an error, every refusal throws its
 * own UNAUTHENTICATED or FORBIDDEN. type-graphql's own `@Authorized` would
 * still be checked (the same checker, `authMode: 'null'`), but ESLint
 * refuses it: its middleware makes every field asynchronous. `_entities`, `_service` and `@inaccessible`
 * fields answer only the gateway.
 */
export async function buildFederatedSchema<L>(def: SubgraphDefinition<L>): Promise<GraphQLSchema> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: def.resolvers,
    orphanedTypes: def.orphanedTypes,
    skipCheck: true,
    authChecker,
    authMode: 'null',
  });
  readPropertiesDirectly(typeGraphqlSchema);
  callFieldResolversDirectly(typeGraphqlSchema, def.resolvers);
  enforceRules(typeGraphqlSchema);
  const sdl = FEDERATION_LINK + printSchemaWithDirectives(describeRootTypes(typeGraphqlSchema));
  const resolverMap = createResolversMap(typeGraphqlSchema) as Record<string, Record<string, unknown>>;
  for (const [typeName, resolve] of Object.entries(def.references)) {
    resolverMap[typeName] = { ...(resolverMap[typeName] ?? {}), __resolveReference: resolve };
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return restrictToGateway(buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolverMap as any }));
}
