import { Field, InputType } from 'type-graphql';

@InputType()
export class LecturerInput {
  @Field()
  fullName!: string;

  @Field(() => String, { nullable: true })
  academicTitle?: string | null;

  @Field(() => [String], { nullable: true })
  expertise?: string[] | null;
}
