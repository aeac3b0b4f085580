import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The SKB's TrainingEvent, by key; this subgraph adds the event's assessment outcomes. */
@ObjectType('TrainingEvent')
@Directive('@key(fields: "id")')
export class TrainingEventRef {
  @Field(() => ID)
  id!: string;

  /**
   * The skb's (@external); answered here only under `Assessment.event`
   * (@provides), from the titles this partner mirrors through the gateway:
   * no round trip to the skb after a teacher's assessments.
   */
  @Field()
  @Directive('@external')
  title?: string;

  static of(id: string): TrainingEventRef {
    return Object.assign(new TrainingEventRef(), { id });
  }
}
