import { Field, InputType } from 'type-graphql';

@InputType({ description: "A new lecturer of the caller's university or training provider." })
export class LecturerInput {
  @Field({ description: 'Full name, 1 to 150 characters.' })
  fullName!: string;

  @Field(() => String, { nullable: true, description: 'Academic titles, e.g. "Dr., M.Pd.", at most 60 characters.' })
  academicTitle?: string | null;

  @Field(() => [String], { nullable: true, description: 'Areas of expertise: at most 20, each once, 1 to 100 characters each.' })
  expertise?: string[] | null;
}
