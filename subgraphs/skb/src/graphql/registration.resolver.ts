import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Authorized, Rule } from '@mitra/kit';
import { Registration } from '../entities/registration';
import { TrainingEvent } from '../entities/training-event';
import type { SkbContext } from '../context';
import { TeacherRef } from './types/teacher.ref';

/** Every field here is person-level; the writes are in registration-writes.resolver.ts. */
@Authorized(Rule.PERSONS)
@Resolver(() => Registration)
export class RegistrationResolver {
  @FieldResolver(() => TrainingEvent, { description: 'The event registered for.' })
  async event(@Root() registration: Registration, @Ctx() ctx: SkbContext): Promise<TrainingEvent> {
    const event = await ctx.loaders.eventById.load(registration.eventId);
    if (!event) throw new Error(`registration ${registration.id} has no event ${registration.eventId}`);
    return event;
  }

  @FieldResolver(() => TeacherRef, {
    nullable: true,
    description: 'Null for a participant who is not a registered teacher (e.g. a community member).',
  })
  teacher(@Root() registration: Registration): TeacherRef | null {
    return registration.teacherId ? TeacherRef.of(registration.teacherId) : null;
  }
}
