import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { CompetencyArea } from '@mitra/kit';
import { QualificationLevel, StatisticsGrouping } from '../enums';

@ObjectType()
export class QualificationLevelCount {
  @Field(() => QualificationLevel)
  level!: QualificationLevel;

  @Field(() => Int, { nullable: true, description: 'Null when suppressed for privacy.' })
  count!: number | null;
}

@ObjectType()
export class QualificationBreakdown {
  @Field(() => Int, { nullable: true, description: 'Null when suppressed for privacy.' })
  teacherCount!: number | null;

  @Field(() => Int, { nullable: true })
  meetingStandard!: number | null;

  @Field(() => Float, { nullable: true, description: 'meetingStandard / teacherCount, 0..1; null when either is suppressed.' })
  shareMeetingStandard!: number | null;

  @Field(() => [QualificationLevelCount])
  byLevel!: QualificationLevelCount[];

  @Field({ description: 'True when at least one number here was withheld because its group is too small.' })
  suppressed!: boolean;
}

@ObjectType()
export class QualificationStatisticsRow {
  @Field({ description: 'The value of the grouping for this row, e.g. a district code or a school kind.' })
  group!: string;

  @Field()
  label!: string;

  @Field(() => QualificationBreakdown)
  qualifications!: QualificationBreakdown;
}

@ObjectType()
export class QualificationStatistics {
  @Field(() => StatisticsGrouping)
  groupBy!: StatisticsGrouping;

  @Field(() => [QualificationStatisticsRow])
  rows!: QualificationStatisticsRow[];

  @Field(() => QualificationBreakdown)
  total!: QualificationBreakdown;

  @Field(() => Int, { description: 'Groups smaller than this are suppressed.' })
  minimumCellSize!: number;
}

@InputType()
export class StatisticsFilter {
  @Field(() => ID, { nullable: true })
  provinceCode?: string | null;

  @Field(() => ID, { nullable: true })
  districtCode?: string | null;
}

@ObjectType({ description: 'Open needs in one area, for planners. Counts of teachers are suppressed like every statistic.' })
export class NeedCount {
  @Field(() => CompetencyArea)
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
