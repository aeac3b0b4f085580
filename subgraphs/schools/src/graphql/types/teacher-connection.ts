import { Field, InputType, ObjectType, ID } from 'type-graphql';
import { Connection } from '@mitra/kit';
import { Teacher } from '../../entities/teacher';

@ObjectType({ description: 'A page of teachers (Relay cursor connection).' })
export class TeacherConnection extends Connection(Teacher, 'TeacherEdge') {}

@InputType({ description: 'Conditions on teachers; those left out do not filter.' })
export class TeacherFilter {
  @Field(() => ID, { nullable: true, description: 'Only teachers of this school (NPSN, 8 digits).' })
  npsn?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only teachers at schools in this district (kabupaten/kota), e.g. "64.71".' })
  districtCode?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only teachers who meet (true) or do not meet (false) the qualification standard.' })
  meetsQualificationStandard?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Only teachers whose name contains this text, ignoring case (1 to 100 characters).' })
  nameContains?: string | null;
}
