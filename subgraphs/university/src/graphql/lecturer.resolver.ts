import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { OrganizationRef, readRows, requireUuid } from '@mitra/kit';
import { Lecturer } from '../entities/lecturer';
import type { UniversityContext } from '../context';

@Resolver(() => Lecturer)
export class LecturerResolver {
  @Query(() => Lecturer, { nullable: true, description: 'A lecturer by id; null when unknown.' })
  lecturer(@Arg('id', () => ID, { description: 'Their id, a UUID.' }) id: string, @Ctx() ctx: UniversityContext): Promise<Lecturer | null> {
    return ctx.loaders.lecturerById.load(requireUuid(id, 'id'));
  }

  @Query(() => [Lecturer], { nullable: true, description: "Every university's and provider's lecturers, by name." })
  async lecturers(@Ctx() ctx: UniversityContext): Promise<Lecturer[]> {
    return readRows(ctx.em, Lecturer, await ctx.em.getKnex()('lecturer').orderBy(['full_name', 'id']));
  }

  @FieldResolver(() => OrganizationRef, { description: 'The university or training provider the lecturer works for.' })
  organization(@Root() lecturer: Lecturer): OrganizationRef {
    return OrganizationRef.of(lecturer.organizationOrg);
  }
}
