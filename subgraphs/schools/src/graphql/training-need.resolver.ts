import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Authorized, Rule, personReach, type PersonReach } from '@mitra/kit';
import { School } from '../entities/school';
import { Teacher } from '../entities/teacher';
import { TrainingNeed } from '../entities/training-need';
import type { SchoolsContext } from '../context';
import { visibleTeacher } from './teacher.resolver';

/**
 * Who reads a school's training needs: the school itself and the providers
 * it has an active partnership with, which is exactly the set of schools
 * whose every teacher the caller sees (`reach.schools`, need-to-know: a
 * school's token names its own, a university's or provider's are its
 * partnerships in force). An SKB or a provider that reaches single teachers
 * (registrations, assessments) does not read their school's needs.
 */
export function canReadNeeds(reach: PersonReach, npsn: string): boolean {
  return reach.schools.has(npsn);
}

/** The needs of a school the caller may read, by id (also for `_entities`): null when unknown or not the caller's to read, alike. */
export async function readableNeed(ctx: SchoolsContext, id: string): Promise<TrainingNeed | null> {
  const need = await ctx.loaders.trainingNeeds.byId.load(id);
  return need && canReadNeeds(await personReach(ctx.viewer, ctx.partners), need.schoolNpsn) ? need : null;
}

const SCHOOL_NEEDS =
  'Readable by the school itself and by the providers it has an active partnership with; null for every other partner (government: FORBIDDEN, needs name teachers). Oldest first.';
const TEACHER_NEEDS =
  "The needs that name her (not the whole school's). Readable by her school and by the providers it has an active partnership with; null for every other partner.";

@Resolver(() => TrainingNeed)
export class TrainingNeedResolver {
  @FieldResolver(() => School, { description: 'The school that stated it.' })
  async school(@Root() need: TrainingNeed, @Ctx() ctx: SchoolsContext): Promise<School> {
    const school = await ctx.loaders.schoolByNpsn.load(need.schoolNpsn);
    if (!school) throw new Error(`training need ${need.id} has no school ${need.schoolNpsn}`);
    return school;
  }

  @FieldResolver(() => Teacher, {
    nullable: true,
    description: 'Null for a need of the whole school, and when the caller may not see her.',
  })
  teacher(@Root() need: TrainingNeed, @Ctx() ctx: SchoolsContext): Promise<Teacher | null> | null {
    return need.teacherId ? visibleTeacher(ctx, need.teacherId) : null;
  }
}

@Resolver(() => School)
export class SchoolTrainingNeedsResolver {
  @Authorized(Rule.PERSONS)
  @FieldResolver(() => [TrainingNeed], { nullable: true, description: SCHOOL_NEEDS })
  async trainingNeeds(@Root() school: School, @Ctx() ctx: SchoolsContext): Promise<TrainingNeed[] | null> {
    if (!canReadNeeds(await personReach(ctx.viewer, ctx.partners), school.npsn)) return null;
    return ctx.loaders.trainingNeeds.bySchool.load(school.npsn);
  }
}

@Resolver(() => Teacher)
export class TeacherTrainingNeedsResolver {
  @Authorized(Rule.PERSONS)
  @FieldResolver(() => [TrainingNeed], { nullable: true, description: TEACHER_NEEDS })
  async trainingNeeds(@Root() teacher: Teacher, @Ctx() ctx: SchoolsContext): Promise<TrainingNeed[] | null> {
    if (!canReadNeeds(await personReach(ctx.viewer, ctx.partners), teacher.schoolNpsn)) return null;
    return ctx.loaders.trainingNeeds.byTeacher.load(teacher.id);
  }
}
