import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { EventSession } from '../entities/event-session';
import type { SkbContext } from '../context';
import { LecturerRef } from './types/lecturer.ref';

/** What the skb adds to the university's Lecturer. */
@Resolver(() => LecturerRef)
export class LecturerResolver {
  @FieldResolver(() => [EventSession], { nullable: true, description: 'Sessions this lecturer facilitates (skb).' })
  facilitatedSessions(@Root() lecturer: LecturerRef, @Ctx() ctx: SkbContext): Promise<EventSession[]> {
    return ctx.loaders.sessionsByLecturer.load(lecturer.id);
  }
}
