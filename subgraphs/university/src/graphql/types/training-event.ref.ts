import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The SKB's TrainingEvent, by key; this subgraph adds the event's assessment outcomes. */
@ObjectType('TrainingEvent')
@Directive('@key(fields: "id")')
export class TrainingEventRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): TrainingEventRef {
    return Object.assign(new TrainingEventRef(), { id });
  }
}
