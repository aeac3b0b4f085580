import { ArrayType, Entity, Index, Property } from '@mikro-orm/core';
import { Directive, Field, ObjectType } from 'type-graphql';
import { IdColumn } from '@mitra/kit';

@ObjectType({ description: 'A lecturer or trainer of a university or training provider, who teaches modules and leads sessions.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'lecturer' })
@Index({ properties: ['fullName', 'id'] })
export class Lecturer {
  @IdColumn()
  id!: string;

  @Field({ description: 'Full name.' })
  @Property({ type: 'text' })
  fullName!: string;

  @Field(() => String, { nullable: true, description: 'Academic titles, e.g. "Dr., M.Pd."; null when none.' })
  @Property({ type: 'text', nullable: true })
  academicTitle?: string | null;

  @Field(() => [String], { description: 'Areas of expertise, in free text.' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  expertise: string[] = [];

  /** The university or training provider the lecturer works for (the `org` of its tokens); shown as `organization`. */
  @Property({ type: 'text' })
  organizationOrg!: string;
}
