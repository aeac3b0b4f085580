import { Entity, Enum, Index, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Authorized, IdColumn, Rule } from '@mitra/kit';
import { FieldOfStudy, QualificationLevel } from '../graphql/enums';

/** Person-level: a teacher's diploma. */
@Authorized(Rule.PERSONS)
@ObjectType({ description: "A teacher's diploma, as her school recorded it." })
@Entity({ tableName: 'qualification' })
export class Qualification {
  @IdColumn()
  id!: string;

  @Index()
  @Property({ type: 'uuid' })
  teacherId!: string;

  @Field(() => QualificationLevel, { description: 'Level of the diploma.' })
  @Enum({ items: () => QualificationLevel })
  level!: QualificationLevel;

  @Field(() => FieldOfStudy, { description: 'Field the diploma is in.' })
  @Enum({ items: () => FieldOfStudy })
  field!: FieldOfStudy;

  @Field(() => String, { nullable: true, description: 'Institution that awarded it; null when not recorded.' })
  @Property({ type: 'text', nullable: true })
  institution?: string | null;

  @Field(() => Int, { nullable: true, description: 'Year of graduation; null when not recorded.' })
  @Property({ type: 'integer', nullable: true })
  graduationYear?: number | null;

  @Field({ description: 'True once the school has checked it against the original (verifyQualification).' })
  @Property({ type: 'boolean', default: false })
  verified: boolean = false;
}
