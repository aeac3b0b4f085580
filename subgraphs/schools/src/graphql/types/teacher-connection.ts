import { Field, InputType, Int, ObjectType, ID } from 'type-graphql';
import { PageInfo } from '@mitra/kit';
import { Teacher } from '../../entities/teacher';

@ObjectType()
export class TeacherEdge {
  @Field()
  cursor!: string;

  @Field(() => Teacher)
  node!: Teacher;
}

@ObjectType()
export class TeacherConnection {
  @Field(() => [TeacherEdge])
  edges!: TeacherEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  /** Counted only when a client asks for totalCount. */
  count!: () => Promise<number>;

  @Field(() => Int)
  totalCount(): Promise<number> {
    return this.count();
  }
}

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
