import { Field, ID, InputType, Int } from 'type-graphql';
import { CompetencyArea } from '@mitra/kit';

@InputType()
export class ModuleInput {
  @Field()
  title!: string;

  @Field(() => Int)
  hours!: number;

  @Field(() => ID, { nullable: true })
  lecturerId?: string | null;

  /** Each area once; left out: none. */
  @Field(() => [CompetencyArea], { nullable: true })
  areas?: CompetencyArea[] | null;
}
