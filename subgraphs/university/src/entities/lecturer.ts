import { ArrayType, Entity, Index, Property } from '@mikro-orm/core';
import { Directive, Field, ObjectType } from 'type-graphql';
import { IdColumn } from '@mitra/kit';

@ObjectType()
@Directive('@key(fields: "id")')
@Entity({ tableName: 'lecturer' })
@Index({ properties: ['fullName', 'id'] })
export class Lecturer {
  @IdColumn()
  id!: string;

  @Field()
  @Property({ type: 'text' })
  fullName!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  academicTitle?: string | null;

  @Field(() => [String])
  @Property({ type: ArrayType, columnType: 'text[]' })
  expertise: string[] = [];

  /** The university or training provider the lecturer works for (the `org` of its tokens); shown as `organization`. */
  @Property({ type: 'text' })
  organizationOrg!: string;
}
