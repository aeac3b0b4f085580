import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType()
@Directive('@key(fields: "id")')
@Entity({ tableName: 'venue' })
@Index({ properties: ['name', 'id'] })
export class Venue {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  address?: string | null;

  /** The schools partner's District key; resolved to a `District` stub, not a field of its own. */
  @Index()
  @Property({ type: 'text' })
  districtCode!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  capacity!: number;
}
