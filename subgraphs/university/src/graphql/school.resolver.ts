import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Authorized, Rule } from '@mitra/kit';
import { Partnership } from '../entities/partnership';
import type { UniversityContext } from '../context';
import { SchoolRef } from './types/school.ref';

/** The university's fields on the schools partner's School. */
@Resolver(() => SchoolRef)
export class SchoolResolver {
  /**
   * A school may have agreements with several providers, and renewals with
   * one: this is the one in force (the most recently signed if several are),
   * else the most recently signed of all (`currentPartnership`).
   */
  @Authorized(Rule.AUTHENTICATED)
  @FieldResolver(() => Partnership, {
    nullable: true,
    description: 'Cooperation agreement with a university study program (university).',
  })
  partnership(@Root() school: SchoolRef, @Ctx() ctx: UniversityContext): Promise<Partnership | null> {
    return ctx.loaders.partnershipBySchool.load(school.npsn);
  }
}
