import { Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class ModuleInput {
  @Field()
  title!: string;

  @Field(() => Int)
  hours!: number;

  @Field(() => ID, { nullable: true })
  lecturerId?: string | null;
}
