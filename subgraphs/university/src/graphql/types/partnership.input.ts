import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '@mitra/kit';

@InputType()
export class PartnershipInput {
  @Field(() => ID)
  npsn!: string;

  @Field()
  studyProgram!: string;

  @Field(() => DateScalar)
  signedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  validUntil?: string | null;
}
