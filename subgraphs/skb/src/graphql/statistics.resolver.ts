import { Arg, Authorized, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Rule, requireIntInRange, todayWita, type SuppressionTable } from '@mitra/kit';
import type { SkbContext } from '../context';
import { attendanceFigures, trainedTable } from '../statistics/tables';
import { DistrictRef } from './types/district.ref';
import { AttendanceFigures, TrainingCoverage } from './types/statistics.types';
import { TrainingProgramRef } from './types/training-program.ref';

/** The first year District.training(year) takes: no program of the hub is older. */
export const FIRST_TRAINING_YEAR = 2000;

/** What the skb adds to the schools partner's District: statistics, for any caller with a token. */
@Authorized(Rule.STATISTICS)
@Resolver(() => DistrictRef)
export class DistrictTrainingResolver {
  @FieldResolver(() => TrainingCoverage, {
    // Another partner's field: an SKB outage nulls only this part of a district (contract v2).
    nullable: true,
    description: 'Training coverage of those same teachers (skb: attendance, university: completed tiers).',
  })
  @Directive('@requires(fields: "teacherKeys")')
  training(
    @Root() district: DistrictRef,
    @Arg('year', () => Int, {
      nullable: true,
      description: `Only events held in that year (skb: started in it; university: assessed in it), ${FIRST_TRAINING_YEAR} to next year; all years when left out.`,
    })
    year?: number | null,
  ): TrainingCoverage {
    if (year != null) requireIntInRange(year, FIRST_TRAINING_YEAR, Number(todayWita().slice(0, 4)) + 1, 'year');
    return TrainingCoverage.of(district.teacherKeys ?? [], undefined, year);
  }
}

async function coverageTable(coverage: TrainingCoverage, ctx: SkbContext): Promise<SuppressionTable> {
  const trained = await ctx.loaders.statistics.trainedCounts.load({ teacherKeys: coverage.teacherKeys, year: coverage.year ?? null });
  return trainedTable(coverage.teacherKeys.length, trained, ctx.config.minCellSize);
}

@Authorized(Rule.STATISTICS)
@Resolver(() => TrainingCoverage)
export class TrainingCoverageResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Teachers with at least one attended training event (skb). Null when suppressed.',
  })
  async teachersTrained(@Root() coverage: TrainingCoverage, @Ctx() ctx: SkbContext): Promise<number | null> {
    return (await coverageTable(coverage, ctx)).get('trained');
  }

  @FieldResolver(() => Boolean, { description: 'True when at least one figure here was withheld because its group is too small.' })
  @Directive('@requires(fields: "universitySuppressed")')
  async suppressed(@Root() coverage: TrainingCoverage, @Ctx() ctx: SkbContext): Promise<boolean> {
    return (await coverageTable(coverage, ctx)).isHidden('trained') || coverage.universitySuppressed === true;
  }
}

@Authorized(Rule.STATISTICS)
@Resolver(() => TrainingProgramRef)
export class ProgramAttendanceResolver {
  @FieldResolver(() => AttendanceFigures, { description: "Attendance at this program's events (skb)." })
  async attendance(@Root() program: TrainingProgramRef, @Ctx() ctx: SkbContext): Promise<AttendanceFigures> {
    return attendanceFigures(await ctx.loaders.statistics.attendanceByProgram.load(program.id), ctx.config.minCellSize);
  }
}
