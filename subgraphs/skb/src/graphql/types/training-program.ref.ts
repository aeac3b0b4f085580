import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The university's TrainingProgram, by key only; this subgraph adds `events`. */
@ObjectType('TrainingProgram')
@Directive('@key(fields: "id")')
export class TrainingProgramRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): TrainingProgramRef {
    return Object.assign(new TrainingProgramRef(), { id });
  }
}
