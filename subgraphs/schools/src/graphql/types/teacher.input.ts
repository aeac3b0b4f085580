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
