import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Authorized, Rule } from '@mitra/kit';
import { Assessment } from '../entities/assessment';
import { FollowUp } from '../entities/follow-up';
import type { UniversityContext } from '../context';
import { nextTierAfter } from '../loaders/tiers';
import { TrainingTier } from './enums';
import { TeacherRef } from './types/teacher.ref';

/** The university's fields on the schools partner's Teacher: person-level, as the owner's are. */
@Authorized(Rule.PERSONS)
@Resolver(() => TeacherRef)
export class TeacherResolver {
  @FieldResolver(() => [Assessment], { nullable: true, description: 'Pre/post-test results and completions (university).' })
  assessments(@Root() teacher: TeacherRef, @Ctx() ctx: UniversityContext): Promise<Assessment[]> {
    return ctx.loaders.assessmentsByTeacher.load(teacher.id);
  }

  @FieldResolver(() => [FollowUp], {
    nullable: true,
    description: 'Mentoring visits and classroom observations after her trainings (university).',
  })
  followUps(@Root() teacher: TeacherRef, @Ctx() ctx: UniversityContext): Promise<FollowUp[]> {
    return ctx.loaders.followUpsByTeacher.load(teacher.id);
  }

  @FieldResolver(() => TrainingTier, {
    nullable: true,
    description:
      'Highest tier completed with a passing assessment of a tiered program (Diklat Berjenjang; a technical bimtek completes none), attended (university).',
  })
  highestCompletedTier(@Root() teacher: TeacherRef, @Ctx() ctx: UniversityContext): Promise<TrainingTier | null> {
    return ctx.loaders.highestTierByTeacher.load(teacher.id);
  }

  @FieldResolver(() => TrainingTier, {
    nullable: true,
    description:
      'The tier she may register for next: BASIC first, then the tier after her highest completed one; null once ADVANCED is completed.',
  })
  async nextTier(@Root() teacher: TeacherRef, @Ctx() ctx: UniversityContext): Promise<TrainingTier | null> {
    return nextTierAfter(await ctx.loaders.highestTierByTeacher.load(teacher.id));
  }
}
