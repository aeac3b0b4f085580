import { Field, ID, InputType } from 'type-graphql';
import { ConsultationTopic } from './consultation.enums';

@InputType()
export class ConsultationInput {
  @Field(() => ID)
  npsn!: string;

  /** The university or training provider asked: its organisation id, e.g. university:mulia. */
  @Field(() => ID)
  providerId!: string;

  @Field(() => ConsultationTopic)
  topic!: ConsultationTopic;

  @Field()
  description!: string;
}
