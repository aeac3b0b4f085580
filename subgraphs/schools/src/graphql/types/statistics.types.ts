import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { CompetencyArea } from '@mitra/kit';
import { QualificationLevel, StatisticsGrouping } from '../enums';

@ObjectType({ description: 'Teachers whose highest diploma is of one level.' })
export class QualificationLevelCount {
  @Field(() => QualificationLevel, { description: 'The level.' })
  level!: QualificationLevel;

  @Field(() => Int, { nullable: true, description: 'Null when suppressed for privacy.' })
  count!: number | null;
}

@ObjectType({ description: 'The qualification profile of a group of teachers. Small groups are suppressed.' })
export class QualificationBreakdown {
  @Field(() => Int, { nullable: true, description: 'Null when suppressed for privacy.' })
  teacherCount!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Teachers who meet the qualification standard (D4 or S1 or higher in early childhood education or psychology). Null when suppressed.',
  })
  meetingStandard!: number | null;

  @Field(() => Float, { nullable: true, description: 'meetingStandard / teacherCount, 0..1; null when either is suppressed.' })
  shareMeetingStandard!: number | null;

  @Field(() => [QualificationLevelCount], {
    description: 'Teachers by the level of their highest diploma, every level once, lowest first.',
  })
  byLevel!: QualificationLevelCount[];

  @Field({ description: 'True when at least one number here was withheld because its group is too small.' })
  suppressed!: boolean;
}

@ObjectType({ description: 'One group of qualification statistics.' })
export class QualificationStatisticsRow {
  @Field({ description: 'The value of the grouping for this row, e.g. a district code or a school kind.' })
  group!: string;

  @Field({ description: 'The group in words, e.g. "Kota Balikpapan" or "TK (Taman Kanak-kanak, kindergarten)".' })
  label!: string;

  @Field(() => QualificationBreakdown, { description: "The group's qualification profile." })
  qualifications!: QualificationBreakdown;
}

@ObjectType({ description: 'Qualification statistics of the teachers in scope, one row per group. Small groups are suppressed.' })
export class QualificationStatistics {
  @Field(() => StatisticsGrouping, { description: 'What the rows are grouped by.' })
  groupBy!: StatisticsGrouping;

  @Field(() => [QualificationStatisticsRow], { description: 'One row per group in scope.' })
  rows!: QualificationStatisticsRow[];

  @Field(() => QualificationBreakdown, { description: 'All the teachers in scope together.' })
  total!: QualificationBreakdown;

  @Field(() => Int, { description: 'Groups smaller than this are suppressed.' })
  minimumCellSize!: number;
}

@InputType({ description: 'The scope of statistics: the whole hub when left out.' })
export class StatisticsFilter {
  @Field(() => ID, {
    nullable: true,
    description: 'Only this province, by its Kemendagri code, e.g. "64"; an unknown code is BAD_USER_INPUT.',
  })
  provinceCode?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only this district, by its Kemendagri code, e.g. "64.71"; an unknown code is BAD_USER_INPUT.',
  })
  districtCode?: string | null;
}

@ObjectType({ description: 'Open needs in one area, for planners. Counts of teachers are suppressed like every statistic.' })
export class NeedCount {
  @Field(() => CompetencyArea, { description: 'The competency area.' })
  area!: CompetencyArea;

  @Field(() => Int, {
    nullable: true,
    description:
      "Schools of the district with an open need in this area (their own or one of their teachers'). Schools are public: not suppressed.",
  })
  schools!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Distinct teachers named by open needs in this area. Null when suppressed for privacy.',
  })
  teachers!: number | null;

  @Field({ description: 'True when a count here was withheld because its group is too small.' })
  suppressed!: boolean;
}
