import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The schools partner's Teacher, by key: this subgraph adds assessments and highestCompletedTier to it. */
@ObjectType('Teacher')
@Directive('@key(fields: "id")')
export class TeacherRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): TeacherRef {
    return Object.assign(new TeacherRef(), { id });
  }
}
