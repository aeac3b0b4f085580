import { Entity, Enum, Index, Property } from '@mikro-orm/core';
import { Authorized, Field, Int, ObjectType } from 'type-graphql';
import { IdColumn, Rule } from '@mitra/kit';
import { FieldOfStudy, QualificationLevel } from '../graphql/enums';

/** Person-level: a teacher's diploma. */
@Authorized(Rule.PERSONS)
@ObjectType()
@Entity({ tableName: 'qualification' })
export class Qualification {
  @IdColumn()
  id!: string;

  @Index()
  @Property({ type: 'uuid' })
  teacherId!: string;

  @Field(() => QualificationLevel)
  @Enum({ items: () => QualificationLevel })
  level!: QualificationLevel;

  @Field(() => FieldOfStudy)
  @Enum({ items: () => FieldOfStudy })
  field!: FieldOfStudy;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  institution?: string | null;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  graduationYear?: number | null;

  @Field()
  @Property({ type: 'boolean', default: false })
  verified: boolean = false;
}
