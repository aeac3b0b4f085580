import { ArrayType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType()
@Directive('@key(fields: "id")')
@Entity({ tableName: 'lecturer' })
@Index({ properties: ['fullName', 'id'] })
export class Lecturer {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
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
}
