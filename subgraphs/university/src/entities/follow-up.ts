import { DecimalType, Entity, Enum, Index, Property, type Opt } from '@mikro-orm/core';
import { Directive, Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { Authorized, CompetencyArea, DateScalar, IdColumn, Rule } from '@mitra/kit';

export enum FollowUpKind {
  MENTORING_VISIT = 'MENTORING_VISIT',
  CLASSROOM_OBSERVATION = 'CLASSROOM_OBSERVATION',
  ONLINE_MENTORING = 'ONLINE_MENTORING',
}
registerEnumType(FollowUpKind, {
  name: 'FollowUpKind',
  description: 'How a teacher was followed up after a training.',
  valuesConfig: {
    MENTORING_VISIT: { description: 'a mentor visited her at her school' },
    CLASSROOM_OBSERVATION: { description: 'a mentor observed her teaching' },
    ONLINE_MENTORING: { description: 'mentoring at a distance' },
  },
});

/**
 * A mentoring visit or classroom observation of a teacher after one of a
 * program's events (issue 13). The teacher and the event belong to other
 * partners, by key only. Person-level.
 */
@Authorized(Rule.PERSONS)
@ObjectType({
  description: "A mentoring visit or classroom observation of a teacher after a training, with a score on the program's rubric.",
})
@Directive('@key(fields: "id")')
@Entity({ tableName: 'follow_up' })
@Index({ properties: ['teacherId', 'visitedOn', 'id'] })
export class FollowUp {
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

  /**
   * The event's last day as the SKB reported it when the follow-up was
   * recorded: "at least 30 days after the event" is counted from it, in one
   * statement, without asking the SKB per statistic. Internal.
   */
  @Property({ type: 'date', nullable: true })
  eventEndsOn?: string | null;

  @Field(() => FollowUpKind, { description: 'How she was followed up.' })
  @Enum({ items: () => FollowUpKind })
  kind!: FollowUpKind;

  @Field(() => DateScalar, { description: 'The day of the visit or observation.' })
  @Property({ type: 'date' })
  visitedOn!: string;

  @Property({ type: 'uuid', nullable: true })
  mentorId?: string | null;

  @Field(() => CompetencyArea, { nullable: true, description: 'The competency area it looked at; null when not one.' })
  @Property({ type: 'text', nullable: true })
  area?: CompetencyArea | null;

  @Field(() => Float, { nullable: true, description: "Observation score 0..100 on the program's rubric." })
  @Property({ type: new DecimalType('number'), precision: 5, scale: 2, nullable: true })
  observationScore?: number | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
