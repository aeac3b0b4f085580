import { Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID } from 'type-graphql';

/**
 * Columns that the partners' entities declare alike, each one decorator for
 * both sides: the MikroORM column and, where it is one, the GraphQL field.
 * The decorators are applied in the order they would be written out
 * (bottom-up), and MikroORM still finds the entity's own file: it looks for
 * the entity's `__decorate` call, not for this one.
 */
type ColumnDecorator = (target: object, propertyKey: string) => void;
// MikroORM types each decorator's target its own way (Index's is a class or one of its keys).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyPropertyDecorator = (target: any, propertyKey: any) => unknown;

function applyAll(...decorators: AnyPropertyDecorator[]): ColumnDecorator {
  return (target, propertyKey) => {
    for (const decorate of decorators) decorate(target, propertyKey);
  };
}

/** `id`: the entity's UUID primary key, `id: ID!` in the schema (described as `description` says). */
export function IdColumn(description = 'Unique id of the record, a UUID.'): ColumnDecorator {
  return applyAll(
    PrimaryKey({ type: 'uuid' }),
    Field(() => ID, { description }),
  );
}

/**
 * A District's Kemendagri code (the schools partner's District key, e.g.
 * "64.71"), indexed for lists by district. Not a field: the entity resolves
 * it to its `district`.
 */
export function DistrictCodeColumn(): ColumnDecorator {
  return applyAll(Property({ type: 'text' }), Index());
}
