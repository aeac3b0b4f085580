import { Field, ID, InputType, Int } from 'type-graphql';

/** A venue of the caller's SKB; the SKB owns it from the start (`Venue.owner`). */
@InputType({ description: "A new venue of the caller's SKB." })
export class VenueInput {
  @Field({ description: "Unique among the SKB's venues (letter case aside)." })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Street address, 1 to 300 characters; left out when unknown.' })
  address?: string | null;

  @Field(() => ID, { description: 'The Kemendagri code of a district the schools partner knows, e.g. "64.71".' })
  districtCode!: string;

  @Field(() => Int, { description: 'Seats, 1 to 10000; no event at the venue seats more.' })
  capacity!: number;
}
