import { Entity, Enum, Index, Property, type Opt } from '@mikro-orm/core';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Authorized, CompetencyArea, DateScalar, IdColumn, Rule, type OwnedRecord } from '@mitra/kit';
import { TrainingNeedStatus } from '../graphql/enums';

/**
 * A need for training that a school states for one of its teachers or for
 * the whole school. Person-level (a need can name a teacher): government
 * tokens read only the counts of District.trainingNeeds. Who reads a school's
 * needs is decided where they are reached (training-need.resolver.ts).
 */
@Authorized(Rule.PERSONS)
@ObjectType({ description: 'A need for training that a school states for one of its teachers or for the whole school.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'training_need' })
@Index({ properties: ['schoolNpsn', 'statedOn', 'id'] })
export class TrainingNeed implements OwnedRecord {
  @IdColumn()
  id!: string;

  /** Resolved to `school`. */
  @Property({ type: 'text' })
  schoolNpsn!: string;

  /** A teacher of that school, resolved to `teacher`; null for a need of the whole school. */
  @Index()
  @Property({ type: 'uuid', nullable: true })
  teacherId?: string | null;

  @Field(() => CompetencyArea, { description: 'The competency area the training should address.' })
  @Enum({ items: () => CompetencyArea })
  area!: CompetencyArea;

  /** 'YYYY-MM-DD': kept as a string, so no time zone shifts the day. */
  @Field(() => DateScalar, { description: 'The day the school stated the need.' })
  @Property({ type: 'date' })
  statedOn!: string;

  @Field(() => TrainingNeedStatus, { description: 'Where the need stands.' })
  @Enum({ items: () => TrainingNeedStatus })
  status!: TrainingNeedStatus;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  /** The school that stated it writes it (not a column; `Opt`: never given when inserting). */
  get ownerOrg(): Opt<string> {
    return `school:${this.schoolNpsn}`;
  }
}
