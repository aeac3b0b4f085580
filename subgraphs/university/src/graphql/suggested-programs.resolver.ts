import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { Authorized, Rule } from '@mitra/kit';
import { TrainingProgram } from '../entities/training-program';
import type { UniversityContext } from '../context';
import { nextTierAfter } from '../loaders/tiers';
import { TIER_ORDER, type TrainingTier } from './enums';
import { TrainingNeedRef } from './types/training-need.ref';

/**
 * Programs for a need: those with a module teaching its area; when it names
 * a teacher, those of her next tier first, then the rest by tier (and code).
 */
export function orderSuggestions(programs: readonly TrainingProgram[], nextTier: TrainingTier | null): TrainingProgram[] {
  const rank = (p: TrainingProgram) => (p.tier === nextTier ? -1 : TIER_ORDER.indexOf(p.tier));
  return [...programs].sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code));
}

/** The university's field on the schools partner's TrainingNeed. */
@Authorized(Rule.PERSONS)
@Resolver(() => TrainingNeedRef)
export class SuggestedProgramsResolver {
  @FieldResolver(() => [TrainingProgram], {
    nullable: true,
    description: "Programs with a module in this area, open to the teacher's next tier first (university, providers).",
  })
  @Directive('@requires(fields: "area teacher { id }")')
  async suggestedPrograms(@Root() need: TrainingNeedRef, @Ctx() ctx: UniversityContext): Promise<TrainingProgram[] | null> {
    if (!need.area) return null;
    const teacherId = need.teacher?.id ?? null;
    const [programs, completed] = await Promise.all([
      ctx.loaders.programsByArea.load(need.area),
      teacherId ? ctx.loaders.highestTierByTeacher.load(teacherId) : Promise.resolve(undefined),
    ]);
    return orderSuggestions(programs, completed === undefined ? null : nextTierAfter(completed));
  }
}
