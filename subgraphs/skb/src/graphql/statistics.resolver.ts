import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Authorized, DISTRICT_TRAINING_DESCRIPTION, Rule, TRAINING_YEAR_DESCRIPTION, requireTrainingYear } from '@mitra/kit';
import type { SkbContext } from '../context';
import { DistrictRef } from './types/district.ref';
import { AttendanceFigures, TrainingCoverage } from './types/statistics.types';
import { TrainingProgramRef } from './types/training-program.ref';

/** The first year District.training(year) takes: no program of the hub is older (the kit's, shared with the university). */
export { FIRST_TRAINING_YEAR } from '@mitra/kit';

/** What the skb adds to the schools partner's District: statistics, for any caller with a token. */
@Authorized(Rule.STATISTICS)
@Resolver(() => DistrictRef)
export class DistrictTrainingResolver {
  @FieldResolver(() => TrainingCoverage, {
    // Another partner's field: an SKB outage nulls only this part of a district (contract v2).
    nullable: true,
    description: DISTRICT_TRAINING_DESCRIPTION,
  })
  @Directive('@requires(fields: "teacherKeys")')
  // The university resolves it too (same key set, same year): the gateway asks both partners at once.
  @Directive('@shareable')
  training(
    @Root() district: DistrictRef,
    @Arg('year', () => Int, { nullable: true, description: TRAINING_YEAR_DESCRIPTION })
    year?: number | null,
  ): TrainingCoverage {
    return TrainingCoverage.of(district.teacherKeys ?? [], undefined, requireTrainingYear(year));
  }
}

function trained(coverage: TrainingCoverage, ctx: SkbContext): Promise<{ trained: number | null; suppressed: boolean }> {
  return ctx.loaders.statistics.teachersTrained(coverage.teacherKeys, coverage.year ?? null);
}

@Authorized(Rule.STATISTICS)
@Resolver(() => TrainingCoverage)
export class TrainingCoverageResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Teachers with at least one attended training event (skb). Null when suppressed.',
  })
  async teachersTrained(@Root() coverage: TrainingCoverage, @Ctx() ctx: SkbContext): Promise<number | null> {
    return (await trained(coverage, ctx)).trained;
  }

  @FieldResolver(() => Boolean, { description: 'True when at least one figure here was withheld because its group is too small.' })
  @Directive('@requires(fields: "universitySuppressed")')
  async suppressed(@Root() coverage: TrainingCoverage, @Ctx() ctx: SkbContext): Promise<boolean> {
    return (await trained(coverage, ctx)).suppressed || coverage.universitySuppressed === true;
  }
}

@Authorized(Rule.STATISTICS)
@Resolver(() => TrainingProgramRef)
export class ProgramAttendanceResolver {
  @FieldResolver(() => AttendanceFigures, { description: "Attendance at this program's events (skb)." })
  async attendance(@Root() program: TrainingProgramRef, @Ctx() ctx: SkbContext): Promise<AttendanceFigures> {
    return ctx.loaders.statistics.programAttendance(program.id);
  }
}
