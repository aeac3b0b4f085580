import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '@mitra/kit';

@InputType({ description: 'A cooperation agreement of the caller with a school.' })
export class PartnershipInput {
  @Field(() => ID, { description: 'NPSN of the school.' })
  npsn!: string;

  @Field({ description: "The study program's name, 1 to 200 characters." })
  studyProgram!: string;

  @Field(() => DateScalar, { description: 'The day it was signed: from 2000-01-01 to today.' })
  signedOn!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Last day it is valid: after signedOn, at most 10 years later; left out when open-ended.',
  })
  validUntil?: string | null;
}
