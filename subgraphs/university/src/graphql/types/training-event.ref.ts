import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The SKB's TrainingEvent, referenced by key only (an assessment's event); never extended here. */
@ObjectType('TrainingEvent')
@Directive('@key(fields: "id", resolvable: false)')
export class TrainingEventRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): TrainingEventRef {
    return Object.assign(new TrainingEventRef(), { id });
  }
}
