import { Field, ID, InputType } from 'type-graphql';
import { ConsultationTopic } from './consultation.enums';

@InputType({ description: "A request for a consultation, for the caller's own school." })
export class ConsultationInput {
  @Field(() => ID, { description: "NPSN of the caller's own school." })
  npsn!: string;

  /** The university or training provider asked: its organisation id, e.g. university:mulia. */
  @Field(() => ID, { description: 'The university or training provider asked: its organisation id, e.g. "university:mulia".' })
  providerId!: string;

  @Field(() => ConsultationTopic, { description: 'What the school asks about.' })
  topic!: ConsultationTopic;

  @Field({ description: 'What the school asks, 1 to 2000 characters.' })
  description!: string;
}
