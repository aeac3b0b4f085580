import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { NotImplementedError } from '@mitra/kit';
import { Registration } from '../entities/registration';
import { TrainingEvent } from '../entities/training-event';
import type { SkbContext } from '../context';
import { RegistrationStatus } from './enums';
import { TeacherRef } from './types/teacher.ref';
import { PARTNER_WRITES } from './writes';

@Resolver(() => Registration)
export class RegistrationResolver {
  @FieldResolver(() => TrainingEvent)
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

  @Mutation(() => Registration)
  registerParticipant(
    @Arg('eventId', () => ID) _eventId: string,
    @Arg('teacherId', () => ID, { nullable: true }) _teacherId: string | null,
    @Arg('participantName', () => String, { nullable: true }) _participantName: string | null,
  ): Registration {
    throw new NotImplementedError(`registerParticipant: ${PARTNER_WRITES}`);
  }

  @Mutation(() => Registration)
  recordAttendance(
    @Arg('registrationId', () => ID) _registrationId: string,
    @Arg('status', () => RegistrationStatus) _status: RegistrationStatus,
  ): Registration {
    throw new NotImplementedError(`recordAttendance: ${PARTNER_WRITES}`);
  }
}
