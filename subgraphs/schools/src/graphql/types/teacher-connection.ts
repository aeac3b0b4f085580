import { Field, InputType, ObjectType, ID } from 'type-graphql';
import { Connection } from '@mitra/kit';
import { Teacher } from '../../entities/teacher';

@ObjectType()
export class TeacherConnection extends Connection(Teacher, 'TeacherEdge') {}

@InputType()
export class TeacherFilter {
  @Field(() => ID, { nullable: true })
  npsn?: string | null;

  @Field(() => ID, { nullable: true })
  districtCode?: string | null;

  @Field(() => Boolean, { nullable: true })
  meetsQualificationStandard?: boolean | null;

  @Field(() => String, { nullable: true })
  nameContains?: string | null;
}
