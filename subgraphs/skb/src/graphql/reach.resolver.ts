import { Ctx, Directive, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { Authorized, isUuid, Rule } from '@mitra/kit';
import type { SkbContext } from '../context';
import { PersonReachRef } from './types/person-reach.ref';

/** The skb's part of an organisation's reach (need-to-know): the registrations it holds. */
@Authorized(Rule.PERSONS)
@Resolver(() => PersonReachRef)
export class ReachResolver {
  @FieldResolver(() => [ID], {
    description: "Teachers registered for the organisation's events (an SKB, as organiser) or for events of its programs (a provider).",
  })
  @Directive('@requires(fields: "programIds")')
  async registeredTeacherIds(@Root() reach: PersonReachRef, @Ctx() ctx: SkbContext): Promise<string[]> {
    // Only ever the caller's own: the gateway asks for the reach the caller's token named.
    if (ctx.viewer?.org !== reach.org) return [];
    return registeredTeacherIds(ctx, reach.org, (reach.programIds ?? []).filter(isUuid));
  }
}

/** Teachers registered (in any status) for events at `org`'s venues or of `programIds`. */
export async function registeredTeacherIds(ctx: SkbContext, org: string, programIds: string[]): Promise<string[]> {
  const knex = ctx.em.getKnex();
  return knex('registration as r')
    .join('training_event as e', 'e.id', 'r.event_id')
    .join('venue as v', 'v.id', 'e.venue_id')
    .whereNotNull('r.teacher_id')
    .where((q) => {
      q.where('v.owner_org', org);
      if (programIds.length) q.orWhereIn('e.program_id', programIds);
    })
    .distinct('r.teacher_id')
    .orderBy('r.teacher_id')
    .pluck('r.teacher_id');
}
