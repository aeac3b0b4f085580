import { DecimalType, Entity, Index, Property } from '@mikro-orm/core';
import { Directive, Field, Float, ObjectType } from 'type-graphql';
import { Authorized, DateScalar, IdColumn, Rule } from '@mitra/kit';

/** A teacher's test results in one training program; the teacher and the event belong to other partners. Person-level. */
@Authorized(Rule.PERSONS)
@ObjectType({ description: "A teacher's test results in one training program, as its provider recorded them." })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'assessment' })
@Index({ properties: ['teacherId', 'assessedOn', 'id'] })
export class Assessment {
  @IdColumn()
  id!: string;

  /** A Teacher of the schools partner, by key only. */
  @Property({ type: 'uuid' })
  teacherId!: string;

  @Index()
  @Property({ type: 'uuid' })
  programId!: string;

  /** A TrainingEvent of the SKB, by key only. */
  @Index()
  @Property({ type: 'uuid', nullable: true })
  eventId?: string | null;

  // numeric(5,2) comes from PostgreSQL as a string; DecimalType('number') makes it a JS number.
  @Field(() => Float, { nullable: true, description: 'Score before the training, 0 to 100; null when not taken.' })
  @Property({ type: new DecimalType('number'), precision: 5, scale: 2, nullable: true })
  preTestScore?: number | null;

  @Field(() => Float, { nullable: true, description: 'Score after the training, 0 to 100; null when not taken.' })
  @Property({ type: new DecimalType('number'), precision: 5, scale: 2, nullable: true })
  postTestScore?: number | null;

  @Field(() => Float, { nullable: true, description: 'Score of her practice teaching, 0 to 100; null when not assessed.' })
  @Property({ type: new DecimalType('number'), precision: 5, scale: 2, nullable: true })
  microteachingScore?: number | null;

  @Field({ description: "Whether she passed: post-test score at or above the program's pass mark, where both exist." })
  @Property({ type: 'boolean' })
  passed!: boolean;

  /** 'YYYY-MM-DD': MikroORM's PostgreSQL driver keeps `date` columns as strings, so no time zone shifts the day. */
  @Field(() => DateScalar, { description: 'The day of the assessment.' })
  @Property({ type: 'date' })
  assessedOn!: string;
}
