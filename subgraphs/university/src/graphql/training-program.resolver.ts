import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { OrganizationRef, readRows, requireUuid } from '@mitra/kit';
import { Module } from '../entities/module';
import { TrainingProgram } from '../entities/training-program';
import type { UniversityContext } from '../context';
import { TIER_ORDER, TrainingTier } from './enums';

// Tiers sort by level (BASIC, INTERMEDIATE, ADVANCED), not by name; built from the enum's constants only.
const TIER_ORDER_SQL = `case tier ${TIER_ORDER.map((tier, i) => `when '${tier}' then ${i + 1}`).join(' ')} end`;

@Resolver(() => TrainingProgram)
export class TrainingProgramResolver {
  @Query(() => TrainingProgram, { nullable: true, description: 'A training program by its id; null when unknown.' })
  trainingProgram(
    @Arg('id', () => ID, { description: 'Its id, a UUID.' }) id: string,
    @Ctx() ctx: UniversityContext,
  ): Promise<TrainingProgram | null> {
    return ctx.loaders.programById.load(requireUuid(id, 'id'));
  }

  @Query(() => [TrainingProgram], { nullable: true, description: "Every provider's training programs, by tier and code." })
  async trainingPrograms(
    @Arg('tier', () => TrainingTier, { nullable: true, description: 'Only programs of this tier; all tiers when left out.' })
    tier: TrainingTier | null,
    @Ctx() ctx: UniversityContext,
  ): Promise<TrainingProgram[]> {
    const qb = ctx.em.getKnex()('training_program').select('*');
    if (tier != null) qb.where('tier', tier);
    const rows: Record<string, unknown>[] = await qb.orderByRaw(`${TIER_ORDER_SQL}, code, id`);
    return readRows(ctx.em, TrainingProgram, rows);
  }

  @FieldResolver(() => [Module], { description: 'Its curriculum, in teaching order.' })
  modules(@Root() program: TrainingProgram, @Ctx() ctx: UniversityContext): Promise<Module[]> {
    return ctx.loaders.modulesByProgram.load(program.id);
  }

  @FieldResolver(() => OrganizationRef, {
    description: 'The university or training provider that owns the program, its modules, assessments and follow-ups.',
  })
  provider(@Root() program: TrainingProgram): OrganizationRef {
    return OrganizationRef.of(program.providerOrg);
  }

  @FieldResolver(() => TrainingProgram, { nullable: true, description: 'The tier a participant must have completed first.' })
  prerequisite(@Root() program: TrainingProgram, @Ctx() ctx: UniversityContext): Promise<TrainingProgram | null> | null {
    return program.prerequisiteId ? ctx.loaders.programById.load(program.prerequisiteId) : null;
  }
}
