import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '@mitra/kit';
import { EmploymentStatus, FieldOfStudy, QualificationLevel } from '../enums';

@InputType({ description: "A new teacher of the caller's own school." })
export class TeacherInput {
  @Field(() => ID, { description: "NPSN of the caller's own school." })
  npsn!: string;

  @Field({ description: 'Full name as on her diplomas, 1 to 150 characters.' })
  fullName!: string;

  @Field(() => String, { nullable: true, description: 'NUPTK, 16 digits, unique; left out when she has none yet.' })
  nuptk?: string | null;

  @Field(() => EmploymentStatus, { description: 'How she is employed.' })
  employmentStatus!: EmploymentStatus;

  @Field(() => DateScalar, { nullable: true, description: 'Birth date of a working teacher, aged 17 to 75; personal data.' })
  birthDate?: string | null;
}

@InputType({ description: 'A diploma to add to a teacher.' })
export class QualificationInput {
  @Field(() => QualificationLevel, { description: 'Level of the diploma.' })
  level!: QualificationLevel;

  @Field(() => FieldOfStudy, { description: 'Field the diploma is in.' })
  field!: FieldOfStudy;

  @Field(() => String, { nullable: true, description: 'Institution that awarded it, 1 to 200 characters.' })
  institution?: string | null;

  @Field(() => Int, { nullable: true, description: 'Year of graduation, from 1950 to this year.' })
  graduationYear?: number | null;
}

/** What a school may change about its teacher; a field left out keeps its value, `null` clears a nullable one. */
@InputType({ description: 'Fields left out keep their value; nuptk or birthDate set to null are cleared.' })
export class TeacherUpdateInput {
  @Field(() => String, { nullable: true, description: 'New full name, 1 to 150 characters; cannot be cleared.' })
  fullName?: string | null;

  @Field(() => String, { nullable: true, description: 'New NUPTK, 16 digits, unique; null clears it.' })
  nuptk?: string | null;

  @Field(() => EmploymentStatus, { nullable: true, description: 'New employment status; cannot be cleared.' })
  employmentStatus?: EmploymentStatus | null;

  @Field(() => DateScalar, { nullable: true, description: 'New birth date (aged 17 to 75); null clears it.' })
  birthDate?: string | null;
}
