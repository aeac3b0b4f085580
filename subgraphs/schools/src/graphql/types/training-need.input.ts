import { Field, ID, InputType } from 'type-graphql';
import { CompetencyArea, DateScalar } from '@mitra/kit';

@InputType()
export class TrainingNeedInput {
  @Field(() => ID, { description: "The school's NPSN: the caller's own school." })
  npsn!: string;

  @Field(() => ID, { nullable: true, description: 'A teacher of that school; left out (or null) for a need of the whole school.' })
  teacherId?: string | null;

  @Field(() => CompetencyArea)
  area!: CompetencyArea;

  @Field(() => DateScalar, { description: 'The day the school stated the need: from 2000-01-01 to today.' })
  statedOn!: string;
}
