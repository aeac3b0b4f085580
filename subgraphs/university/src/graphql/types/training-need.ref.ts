import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Authorized, CompetencyArea, Rule } from '@mitra/kit';
import { TeacherRef } from './teacher.ref';

/**
 * The schools partner's TrainingNeed, by key: this subgraph adds the
 * programs that teach its area. `area` and `teacher { id }` are the owner's,
 * sent along by the gateway (@requires). Person-level, as the owner's.
 */
@Authorized(Rule.PERSONS)
@ObjectType('TrainingNeed')
@Directive('@key(fields: "id")')
export class TrainingNeedRef {
  @Field(() => ID)
  id!: string;

  @Field(() => CompetencyArea)
  @Directive('@external')
  area?: CompetencyArea;

  @Field(() => TeacherRef, { nullable: true })
  @Directive('@external')
  teacher?: { id: string } | null;

  static of(ref: { id: string; area?: CompetencyArea; teacher?: { id: string } | null }): TrainingNeedRef {
    return Object.assign(new TrainingNeedRef(), { id: ref.id, area: ref.area, teacher: ref.teacher ?? null });
  }
}
