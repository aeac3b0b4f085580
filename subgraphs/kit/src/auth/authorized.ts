import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { Extensions } from 'type-graphql';
import { checkAccess, type AccessContext, type AccessRule } from './rules';

/** Where a field's (or a type's) rules travel from the decorator to the schema: GraphQL extensions, never printed. */
const RULES = 'mitraAuthorized';

/** Methods of a class that carry their own `@Authorized` (a class rule does not replace theirs). */
const ownRules = new WeakMap<object, Set<string>>();

/**
 * The access rule of a field, a type or a resolver class, as type-graphql's
 * `@Authorized` (same meaning, same precedence: a field's own rule over its
 * class's; a field resolver's over its type's field), but checked without
 * type-graphql's middleware chain: that chain made every field of a
 * person-level type asynchronous (four promises per field, 1,700 fields on a
 * page of 100 teachers). The rule is recorded in the field's or type's
 * GraphQL extensions and checked synchronously by `enforceRules`, which
 * every subgraph schema goes through (schema.ts).
 */
export function Authorized(...rules: AccessRule[]): MethodDecorator & PropertyDecorator & ClassDecorator {
  const extension = Extensions({ [RULES]: Object.freeze([...rules]) });
  return ((target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (key !== undefined) {
      if (typeof key === 'symbol') throw new Error('@Authorized: symbol keys are not fields');
      const owner = target.constructor;
      ownRules.set(owner, (ownRules.get(owner) ?? new Set()).add(key));
      extension(target, key, descriptor as PropertyDescriptor);
      return;
    }
    // A type: its fields read the rule from the type's extensions. A resolver class: type-graphql gives
    // class extensions to no field, so each of its methods without a rule of its own gets this one
    // (method decorators run before the class's).
    const constructor = target as { prototype: object };
    (extension as (type: object) => void)(constructor);
    const own = ownRules.get(constructor) ?? new Set<string>();
    for (const name of Object.getOwnPropertyNames(constructor.prototype)) {
      if (name === 'constructor' || own.has(name)) continue;
      const method = Object.getOwnPropertyDescriptor(constructor.prototype, name);
      if (typeof method?.value === 'function') extension(constructor.prototype, name, method);
    }
  }) as MethodDecorator & PropertyDecorator & ClassDecorator;
}

const rulesOf = (extensions: Readonly<Record<string, unknown>> | null | undefined): readonly AccessRule[] | undefined =>
  extensions?.[RULES] as readonly AccessRule[] | undefined;

/** Rules a caller already passed in this request (not PERSONAL, which depends on the record): checked once per request. */
const passed = new WeakMap<object, Set<readonly AccessRule[]>>();

function guard(
  rules: readonly AccessRule[],
  resolve: GraphQLFieldResolver<unknown, AccessContext>,
): GraphQLFieldResolver<unknown, AccessContext> {
  const perRecord = rules.includes('PERSONAL');
  return (root, args, context, info) => {
    if (!perRecord && passed.get(context)?.has(rules)) return resolve(root, args, context, info);
    const what = `${info.parentType.name}.${info.fieldName}`;
    // false: a personal field of another organisation's record, null without an error; refusals throw.
    if (!checkAccess(rules, { viewer: context.viewer, fromGateway: context.fromGateway, root, what })) return null;
    if (!perRecord) passed.set(context, (passed.get(context) ?? new Set()).add(rules));
    return resolve(root, args, context, info);
  };
}

/**
 * Puts every `@Authorized` rule of the kit in front of its field: the
 * field's own rule, else its type's. Returns the rules it placed, by
 * `Type.field`, so that a test can hold the schema to them.
 */
export function enforceRules(schema: GraphQLSchema): Map<string, readonly AccessRule[]> {
  const placed = new Map<string, readonly AccessRule[]>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typeRules = rulesOf(type.extensions);
    for (const field of Object.values(type.getFields())) {
      const rules = rulesOf(field.extensions) ?? typeRules;
      if (!rules) continue;
      field.resolve = guard(rules, (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, AccessContext>);
      placed.set(`${type.name}.${field.name}`, rules);
    }
  }
  return placed;
}
