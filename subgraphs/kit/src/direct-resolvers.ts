import { isObjectType, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/** What type-graphql records of a `@FieldResolver` method (its metadata storage; the fields read here only). */
interface FieldResolverMetadata {
  kind: 'internal' | 'external';
  target: new () => object;
  methodName: string;
  schemaName: string;
  params?: ReadonlyArray<{ kind: string; index: number; propertyName?: string; getType?: () => unknown }>;
  middlewares?: readonly unknown[];
  roles?: readonly unknown[];
  getObjectType?: () => unknown;
}

type Pick = (root: unknown, context: unknown, info: GraphQLResolveInfo) => unknown;
const PICKS: Record<string, Pick> = {
  root: (root) => root,
  context: (_root, context) => context,
  info: (_root, _context, info) => info,
};

/**
 * Field resolver methods whose parameters are only `@Root()`, `@Ctx()` and
 * `@Info()` (no arguments to convert or validate, no middleware, no
 * type-graphql `@Authorized`) are called directly: `method.call(instance,
 * root, context)`.
 *
 * type-graphql's own wrapper does the same at every call through its
 * container (a linear search of the resolver instances), a data object, a
 * sort of the parameters' metadata and an array of their values: on a page
 * of 100 teachers about 500 calls, 4 to 6% of a subgraph's CPU
 * (docs/benchmarks.md). A root that is not an instance of the method's
 * `@Root()` type still goes through type-graphql, which turns it into one.
 * The kit's access rules wrap the result as before (enforceRules runs after
 * this). Resolver classes hold no state (the kit's have no constructor or
 * fields), so the instance made here answers as type-graphql's would.
 *
 * Returns the fields it placed, as `Type.field`, for the tests.
 */
export function callFieldResolversDirectly(schema: GraphQLSchema, resolverClasses: readonly unknown[]): string[] {
  const storage = getMetadataStorage();
  const typeNames = new Map<unknown, string>(storage.objectTypes.map((type) => [type.target, type.name]));
  const instances = new Map<unknown, Record<string, unknown>>();
  const placed: string[] = [];
  for (const def of storage.fieldResolvers as unknown as FieldResolverMetadata[]) {
    if (def.kind !== 'external' || !resolverClasses.includes(def.target)) continue;
    if (def.middlewares?.length || def.roles?.length) continue;
    const params = [...(def.params ?? [])].sort((a, b) => a.index - b.index);
    if (params.length > 3 || !params.every((p, i) => p.index === i && !p.propertyName && Object.hasOwn(PICKS, p.kind))) continue;
    const typeName = typeNames.get(def.getObjectType?.());
    const type = typeName === undefined ? undefined : schema.getType(typeName);
    if (!isObjectType(type)) continue;
    const field = type.getFields()[def.schemaName];
    const wrapped = field?.resolve;
    if (!wrapped) continue;
    let instance = instances.get(def.target);
    if (!instance) instances.set(def.target, (instance = new def.target() as Record<string, unknown>));
    const method = instance[def.methodName];
    if (typeof method !== 'function') continue;
    const rootType = params.find((p) => p.kind === 'root')?.getType?.();
    const rootClass = typeof rootType === 'function' ? rootType : undefined;
    field.resolve = direct(
      instance,
      method as (...values: unknown[]) => unknown,
      params.map((p) => PICKS[p.kind]),
      rootClass,
      wrapped,
    );
    placed.push(`${type.name}.${field.name}`);
  }
  return placed;
}

function direct(
  instance: object,
  method: (...values: unknown[]) => unknown,
  picks: Pick[],
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  rootClass: Function | undefined,
  wrapped: GraphQLFieldResolver<unknown, unknown>,
): GraphQLFieldResolver<unknown, unknown> {
  const [a, b, c] = picks;
  // At most three: callFieldResolversDirectly leaves longer parameter lists to type-graphql.
  const call =
    picks.length === 0
      ? () => method.call(instance)
      : picks.length === 1
        ? (root: unknown, context: unknown, info: GraphQLResolveInfo) => method.call(instance, a(root, context, info))
        : picks.length === 2
          ? (root: unknown, context: unknown, info: GraphQLResolveInfo) =>
              method.call(instance, a(root, context, info), b(root, context, info))
          : (root: unknown, context: unknown, info: GraphQLResolveInfo) =>
              method.call(instance, a(root, context, info), b(root, context, info), c(root, context, info));
  return (root, args, context, info) =>
    // type-graphql turns a root of another class into an instance of the parameter's type (convertToType).
    rootClass && root != null && !(root instanceof rootClass) ? wrapped(root, args, context, info) : call(root, context, info);
}
