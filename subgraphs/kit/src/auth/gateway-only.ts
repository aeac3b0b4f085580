import { defaultFieldResolver, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { ForbiddenError } from '@mitra/runtime';

/** The federation fields that only the gateway may call: they bypass the root fields' checks otherwise. */
export const GATEWAY_ONLY_FIELDS = ['_entities', '_service'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function gatewayOnly(field: GraphQLField<unknown, any>, refusal: string): void {
  const resolve = field.resolve ?? defaultFieldResolver;
  field.resolve = (source, args, context: { fromGateway?: boolean } | undefined, info) => {
    if (context?.fromGateway !== true) throw new ForbiddenError(refusal);
    return resolve(source, args, context, info);
  };
}

const isInaccessible = (field: GraphQLField<unknown, unknown>): boolean =>
  field.astNode?.directives?.some((d) => d.name.value === 'inaccessible') ?? false;

/**
 * Serves `Query._entities`, `Query._service` and every `@inaccessible` field
 * (such as the teacher keys that statistics pass between subgraphs) only to
 * requests whose context says they came from the gateway. Reached directly,
 * anyone gets FORBIDDEN and no data, however the field is spelled (alias,
 * fragment): `@inaccessible` hides a field from the gateway's clients, and a
 * subgraph must be no weaker than the gateway.
 */
export function restrictToGateway(schema: GraphQLSchema): GraphQLSchema {
  const queryFields = schema.getQueryType()?.getFields() ?? {};
  for (const name of GATEWAY_ONLY_FIELDS) {
    if (queryFields[name]) gatewayOnly(queryFields[name], `${name} is served only to the gateway`);
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (isInaccessible(field)) gatewayOnly(field, `${type.name}.${field.name} is internal: served only to the gateway`);
    }
  }
  return schema;
}
