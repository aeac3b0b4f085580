import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import {
  Authorized,
  type CursorCodec,
  DateScalar,
  PageArgs,
  Rule,
  canSeeNuptk,
  canSeeTeacher,
  checkPageSize,
  countWhenAsked,
  personReach,
  requireUuid,
  toPage,
} from '@mitra/kit';
import { Qualification } from '../entities/qualification';
import { School } from '../entities/school';
import { Teacher } from '../entities/teacher';
import { countTeachers, listTeachers, type TeacherKey } from '../loaders/teacher-pages';
import { highestLevel, meetsStandard } from '../entities/qualification-standard';
import type { SchoolsContext } from '../context';
import { QualificationLevel } from './enums';
import { TeacherConnection, TeacherFilter } from './types/teacher-connection';
import { checkTeacherFilter } from './validation';

export const TEACHERS_SCOPE = 'teachers';

/** A teacher by id as the caller may see her: null when unknown or out of its reach, alike. */
export async function visibleTeacher(ctx: SchoolsContext, id: string): Promise<Teacher | null> {
  const teacher = await ctx.loaders.teacherById.load(id);
  return teacher && canSeeTeacher(await personReach(ctx.viewer, ctx.partners), teacher) ? teacher : null;
}

export function teacherCursor(cursors: CursorCodec, scope: string, t: Teacher): string {
  return cursors.encode(scope, [t.fullName, t.id]);
}

/** Every query and field here is person-level; the writes are in teacher-writes.resolver.ts and qualification-writes.resolver.ts. */
@Authorized(Rule.PERSONS)
@Resolver(() => Teacher)
export class TeacherResolver {
  @Query(() => Teacher, { nullable: true, description: 'Null when unknown, and when the caller has no relation with her (need-to-know).' })
  teacher(@Arg('id', () => ID, { description: 'Her id, a UUID.' }) id: string, @Ctx() ctx: SchoolsContext): Promise<Teacher | null> {
    return visibleTeacher(ctx, requireUuid(id, 'id'));
  }

  @Query(() => TeacherConnection, {
    nullable: true,
    description: "Teachers within the caller's reach (need-to-know), by name, a page at a time.",
  })
  async teachers(
    @Arg('filter', () => TeacherFilter, { nullable: true, description: 'Only the teachers matching every condition given.' })
    filter: TeacherFilter | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: SchoolsContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TeacherConnection> {
    const size = checkPageSize(first);
    const f = { ...checkTeacherFilter(filter ?? {}), reach: await personReach(ctx.viewer, ctx.partners) };
    const key = after ? (ctx.cursors.decode(TEACHERS_SCOPE, after) as TeacherKey) : null;
    const count = countWhenAsked(info, () => countTeachers(ctx.em, f));
    const rows = await listTeachers(ctx.em, f, size, key);
    const connection = new TeacherConnection();
    Object.assign(
      connection,
      toPage(rows, size, (t) => teacherCursor(ctx.cursors, TEACHERS_SCOPE, t), after),
    );
    connection.count = count;
    return connection;
  }

  @FieldResolver(() => School, { description: 'The school she is registered at.' })
  async school(@Root() teacher: Teacher, @Ctx() ctx: SchoolsContext): Promise<School> {
    const school = await ctx.loaders.schoolByNpsn.load(teacher.schoolNpsn);
    if (!school) throw new Error(`teacher ${teacher.id} has no school ${teacher.schoolNpsn}`);
    return school;
  }

  @FieldResolver(() => [Qualification], { description: 'Her diplomas, as her school recorded them.' })
  qualifications(@Root() teacher: Teacher, @Ctx() ctx: SchoolsContext): Promise<Qualification[]> {
    return ctx.loaders.qualificationsByTeacher.load(teacher.id);
  }

  @FieldResolver(() => QualificationLevel, {
    nullable: true,
    description: 'The highest level among her diplomas; null when none is recorded.',
  })
  async highestQualification(@Root() teacher: Teacher, @Ctx() ctx: SchoolsContext): Promise<QualificationLevel | null> {
    const qualifications = await ctx.loaders.qualificationsByTeacher.load(teacher.id);
    return highestLevel(qualifications.map((q) => q.level));
  }

  @FieldResolver(() => Boolean, {
    description: 'True when the teacher holds a D4 or S1 (or higher) in early childhood education or psychology.',
  })
  async meetsQualificationStandard(@Root() teacher: Teacher, @Ctx() ctx: SchoolsContext): Promise<boolean> {
    const qualifications = await ctx.loaders.qualificationsByTeacher.load(teacher.id);
    return qualifications.some(meetsStandard);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Nomor Unik Pendidik dan Tenaga Kependidikan: 16 digits, unique when present. Personal data: readable by the teacher's own school, and by the organiser and the provider of an event she is registered for (certificates); null for everyone else.",
  })
  async nuptk(@Root() teacher: Teacher, @Ctx() ctx: SchoolsContext): Promise<string | null> {
    if (teacher.nuptk == null) return null;
    return canSeeNuptk(ctx.viewer, await personReach(ctx.viewer, ctx.partners), teacher) ? teacher.nuptk : null;
  }

  /** The checker answers null (no error) to every partner but the teacher's own school. */
  @Authorized(Rule.PERSONAL)
  @FieldResolver(() => DateScalar, {
    nullable: true,
    description: "Personal data: readable only by the teacher's own school. Null for everyone else.",
  })
  birthDate(@Root() teacher: Teacher): string | null {
    return teacher.birthDate ?? null;
  }
}
