import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Authorized, PageArgs, Rule, canSeeSchoolTeachers, checkPageSize, personReach, toPage } from '@mitra/kit';
import { District } from '../entities/district';
import { School } from '../entities/school';
import { countTeachers, listTeachers, type TeacherKey } from '../loaders/teacher-pages';
import type { SchoolsContext } from '../context';
import { teacherCursor } from './teacher.resolver';
import { TeacherConnection } from './types/teacher-connection';
import { checkNpsn } from './validation';

@Resolver(() => School)
export class SchoolResolver {
  @Query(() => School, { nullable: true, description: 'A school by its NPSN; null when unknown.' })
  school(
    @Arg('npsn', () => ID, { description: 'Nomor Pokok Sekolah Nasional: 8 digits, e.g. "64710001".' }) npsn: string,
    @Ctx() ctx: SchoolsContext,
  ): Promise<School | null> {
    return ctx.loaders.schoolByNpsn.load(checkNpsn(npsn, 'npsn'));
  }

  @FieldResolver(() => District, { description: 'The district (kabupaten/kota) the school is in.' })
  async district(@Root() school: School, @Ctx() ctx: SchoolsContext): Promise<District> {
    const district = await ctx.loaders.districtByCode.load(school.districtCode);
    if (!district) throw new Error(`school ${school.npsn} has no district ${school.districtCode}`);
    return district;
  }

  @Authorized(Rule.PERSONS)
  @FieldResolver(() => TeacherConnection, {
    description:
      "The school's teachers by name, a page at a time: all of them when the whole school is within the caller's reach (need-to-know), otherwise only the teachers within it, often none.",
  })
  async teachers(
    @Root() school: School,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: SchoolsContext,
  ): Promise<TeacherConnection> {
    const size = checkPageSize(first);
    const scope = `school-teachers:${school.npsn}`;
    const key = after ? (ctx.cursors.decode(scope, after) as TeacherKey) : null;
    const reach = await personReach(ctx.viewer, ctx.partners);
    const connection = new TeacherConnection();
    if (canSeeSchoolTeachers(reach, school.npsn)) {
      // The whole school: batched across the schools of one request.
      const rows = await ctx.loaders.teacherPageBySchool.load({ npsn: school.npsn, first: size, after: key });
      Object.assign(
        connection,
        toPage(rows, size, (t) => teacherCursor(ctx.cursors, scope, t), after),
      );
      connection.count = () => ctx.loaders.teacherCountBySchool.load(school.npsn);
      return connection;
    }
    // Only the school's teachers within the caller's reach (need-to-know), often none.
    const filter = { npsn: school.npsn, reach };
    const rows = reach.teachers.size ? await listTeachers(ctx.em, filter, size, key) : [];
    Object.assign(
      connection,
      toPage(rows, size, (t) => teacherCursor(ctx.cursors, scope, t), after),
    );
    connection.count = async () => (reach.teachers.size ? countTeachers(ctx.em, filter) : 0);
    return connection;
  }
}
