import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Authorized, Rule } from '@mitra/kit';

/** The schools partner's Teacher, by key: this subgraph adds assessments and highestCompletedTier to it. Person-level here too. */
@Authorized(Rule.PERSONS)
@ObjectType('Teacher')
@Directive('@key(fields: "id")')
export class TeacherRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): TeacherRef {
    return Object.assign(new TeacherRef(), { id });
  }
}
