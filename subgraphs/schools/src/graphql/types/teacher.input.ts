import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '@mitra/kit';
import { EmploymentStatus, FieldOfStudy, QualificationLevel } from '../enums';

@InputType()
export class TeacherInput {
  @Field(() => ID)
  npsn!: string;

  @Field()
  fullName!: string;

  @Field(() => String, { nullable: true })
  nuptk?: string | null;

  @Field(() => EmploymentStatus)
  employmentStatus!: EmploymentStatus;

  @Field(() => DateScalar, { nullable: true })
  birthDate?: string | null;
}

@InputType()
export class QualificationInput {
  @Field(() => QualificationLevel)
  level!: QualificationLevel;

  @Field(() => FieldOfStudy)
  field!: FieldOfStudy;

  @Field(() => String, { nullable: true })
  institution?: string | null;

  @Field(() => Int, { nullable: true })
  graduationYear?: number | null;
}

/** What a school may change about its teacher; a field left out keeps its value, `null` clears a nullable one. */
@InputType({ description: 'Fields left out keep their value; nuptk or birthDate set to null are cleared.' })
export class TeacherUpdateInput {
  @Field(() => String, { nullable: true })
  fullName?: string | null;

  @Field(() => String, { nullable: true })
  nuptk?: string | null;

  @Field(() => EmploymentStatus, { nullable: true })
  employmentStatus?: EmploymentStatus | null;

  @Field(() => DateScalar, { nullable: true })
  birthDate?: string | null;
}
