import { Field, ID, InputType, Int } from 'type-graphql';
import { CompetencyArea } from '@mitra/kit';

@InputType({ description: "A module to add at the end of a program's curriculum." })
export class ModuleInput {
  @Field({ description: 'Title, 1 to 200 characters.' })
  title!: string;

  @Field(() => Int, { description: 'Hours of learning, 1 to 1000.' })
  hours!: number;

  @Field(() => ID, { nullable: true, description: "Id of one of the caller's own lecturers who teaches it; left out when not named." })
  lecturerId?: string | null;

  /** Each area once; left out: none. */
  @Field(() => [CompetencyArea], { nullable: true, description: 'The competency areas it teaches, each once; none when left out.' })
  areas?: CompetencyArea[] | null;
}
