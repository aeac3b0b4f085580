import { Ctx, Directive, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { Authorized, Rule } from '@mitra/kit';
import type { UniversityContext } from '../context';
import { partnershipToday } from '../entities/partnership-term';

/**
 * The relations with teachers that the caller's organisation holds, as keys
 * (need-to-know, issue 12). The university subgraph holds a provider's
 * programs, assessments and partnerships; the skb subgraph adds the
 * registrations for its events and for the events of these programs.
 */
@ObjectType('PersonReach', {
  description:
    "Whom the caller's organisation may see (need-to-know): the keys of its relations with teachers, each held by the partner that holds the relation. Only ever the caller's own.",
})
@Directive('@key(fields: "org")')
export class PersonReach {
  @Field(() => ID, { description: 'The organisation (the `org` claim of the token).' })
  org!: string;

  @Field(() => [ID], { description: 'The programs it provides (a university or training provider).' })
  programIds!: string[];

  @Field(() => [ID], { description: 'Teachers assessed in its programs.' })
  assessedTeacherIds!: string[];

  @Field(() => [ID], { description: 'Schools (NPSN) that its partnerships in force cover.' })
  partnerSchoolNpsns!: string[];
}

@Resolver(() => PersonReach)
export class ReachResolver {
  @Authorized(Rule.PERSONS)
  @Query(() => PersonReach, {
    nullable: true,
    description: "Whom the caller's organisation may see (need-to-know); the schools partner reads it to decide who sees which teacher.",
  })
  async myReach(@Ctx() ctx: UniversityContext): Promise<PersonReach | null> {
    return reachOf(ctx, ctx.viewer!.org);
  }
}

/** The caller's own reach; asked (by the gateway) about another organisation's, null. */
export async function reachOf(ctx: UniversityContext, org: string): Promise<PersonReach | null> {
  const viewer = ctx.viewer;
  if (!viewer || viewer.org !== org) return null;
  const reach = Object.assign(new PersonReach(), { org: viewer.org, programIds: [], assessedTeacherIds: [], partnerSchoolNpsns: [] });
  if (viewer.orgKind !== 'university' && viewer.orgKind !== 'provider') return reach;
  const knex = ctx.em.getKnex();
  const today = partnershipToday();
  const [programs, assessed, partners] = await Promise.all([
    knex('training_program').where('provider_org', viewer.org).orderBy('id').pluck('id'),
    knex('assessment as a')
      .join('training_program as p', 'p.id', 'a.program_id')
      .where('p.provider_org', viewer.org)
      .distinct('a.teacher_id')
      .orderBy('a.teacher_id')
      .pluck('a.teacher_id'),
    knex('partnership')
      .where('provider_org', viewer.org)
      .where('signed_on', '<=', today)
      .where((q) => q.whereNull('valid_until').orWhere('valid_until', '>=', today))
      .distinct('school_npsn')
      .orderBy('school_npsn')
      .pluck('school_npsn'),
  ]);
  return Object.assign(reach, { programIds: programs, assessedTeacherIds: assessed, partnerSchoolNpsns: partners });
}
