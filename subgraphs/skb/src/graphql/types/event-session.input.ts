import { Field, ID, InputType, Int } from 'type-graphql';
import { DateTimeScalar } from '@mitra/kit';
import { SessionKind } from '../enums';

/**
 * One session of an event's programme. Its times are instants (any offset);
 * they must fall on the event's day `day` as the venue's clock shows it
 * (WIB, WITA or WIT, by the venue's province).
 */
@InputType({ description: "A session to add to an event's programme." })
export class EventSessionInput {
  @Field(() => Int, { description: "1 for the event's first day, up to its number of days." })
  day!: number;

  @Field(() => SessionKind, { description: 'What the session is for.' })
  kind!: SessionKind;

  @Field({ description: 'Topic of the session, 1 to 200 characters.' })
  topic!: string;

  @Field(() => DateTimeScalar, { description: "On the event's day `day` at the venue's local time." })
  startsAt!: Date;

  @Field(() => DateTimeScalar, { description: 'After startsAt, on the same day at the venue.' })
  endsAt!: Date;

  @Field(() => [ID], { nullable: true, description: "Lecturers (the university's or a training provider's) who lead the session." })
  facilitatorIds?: string[] | null;
}
