import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { EventSession } from '../entities/event-session';
import type { SkbContext } from '../context';
import { LecturerRef } from './types/lecturer.ref';

@Resolver(() => EventSession)
export class EventSessionResolver {
  @FieldResolver(() => [LecturerRef], { description: 'Lecturers who lead the session.' })
  async facilitators(@Root() session: EventSession, @Ctx() ctx: SkbContext): Promise<LecturerRef[]> {
    const ids = await ctx.loaders.facilitatorIdsBySession.load(session.id);
    return ids.map(LecturerRef.of);
  }
}
