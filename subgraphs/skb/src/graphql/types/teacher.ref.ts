import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The schools partner's Teacher, by key only; this subgraph adds `trainingHistory`. */
@ObjectType('Teacher')
@Directive('@key(fields: "id")')
export class TeacherRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): TeacherRef {
    return Object.assign(new TeacherRef(), { id });
  }
}
