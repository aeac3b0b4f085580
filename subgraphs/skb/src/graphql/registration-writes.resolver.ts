import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import {
  Authorized,
  Rule,
  newId,
  recordAudit,
  requireUuid,
  requireViewer,
  todayWita,
  BadUserInputError,
  ConflictError,
  NotFoundError,
} from '@mitra/kit';
import { Registration } from '../entities/registration';
import { TrainingEvent } from '../entities/training-event';
import type { SkbContext } from '../context';
import { RegistrationStatus, TrainingEventStatus } from './enums';
import { requireEventOwner } from './ownership';
import { programTier, requirePrerequisiteTier } from './tier-prerequisite';
import { checkParticipant } from './validation';

/** Events that take no new participants. */
const CLOSED = new Set<TrainingEventStatus>([TrainingEventStatus.COMPLETED, TrainingEventStatus.CANCELLED]);
const ATTENDANCE = new Set<RegistrationStatus>([RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW]);

/** An event that takes registrations: not closed; for a school registering its teachers, OPEN (announced, not yet under way). */
function requireOpen(event: TrainingEvent, bySchool = false): void {
  if (CLOSED.has(event.status)) throw new ConflictError(`eventId: the event is ${event.status} and takes no registrations`, 'eventId');
  if (bySchool && event.status !== TrainingEventStatus.OPEN) {
    throw new ConflictError(`eventId: the event is ${event.status}; a school registers its teachers only for an OPEN event`, 'eventId');
  }
}

/**
 * A registration and its event, locked in that order (event first, as
 * registerParticipant and setTrainingEventStatus lock it), so that no status
 * change of the event interleaves with a change of its registrations.
 */
async function lockRegistration(
  tx: EntityManager,
  registrationId: string,
  eventId: string,
): Promise<{ event: TrainingEvent; registration: Registration }> {
  const event = await tx.findOneOrFail(TrainingEvent, { id: eventId }, { lockMode: LockMode.PESSIMISTIC_READ, refresh: true });
  const registration = await tx.findOne(Registration, { id: registrationId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!registration) throw new NotFoundError('Registration', registrationId, 'registrationId');
  return { event, registration };
}

/** What each mutation says of itself in the schema. */
const REGISTER_PARTICIPANT =
  "Registers a teacher (teacherId; her name is taken from the schools partner unless participantName is given), or a participant who is not a teacher (participantName). The SKB's admin registers at its own venues' events, a teacher only when it has a relation with her already; a school's admin registers its own teachers for any OPEN event. CONFLICT when the event is full, closed, or the teacher is already registered, or when the event is of a tiered program above BASIC and she has not completed the tier below it (her highestCompletedTier).";
const RECORD_ATTENDANCE =
  'Records whether a participant came: ATTENDED or NO_SHOW, once the event has started. CONFLICT for a cancelled event or registration.';

/**
 * The SKB registers participants (its admin) and records their attendance
 * (its admin or staff). A school's admin registers its own teachers: how a
 * teacher first reaches an SKB she has no relation with yet (need-to-know:
 * the SKB cannot look her up before).
 */
@Resolver()
export class RegistrationWritesResolver {
  @Authorized(Rule.SKB_ADMIN, Rule.SCHOOL_ADMIN)
  @Mutation(() => Registration, { description: REGISTER_PARTICIPANT })
  async registerParticipant(
    @Arg('eventId', () => ID, { description: 'Id of the event.' }) eventId: string,
    @Arg('teacherId', () => ID, {
      nullable: true,
      description: 'Id of the teacher to register; left out for a participant who is not a teacher.',
    })
    teacherId: string | null,
    @Arg('participantName', () => String, {
      nullable: true,
      description:
        "Name of the participant, 1 to 150 characters: required without teacherId; with it, replaces the teacher's name as registered.",
    })
    participantName: string | null,
    @Ctx() ctx: SkbContext,
  ): Promise<Registration> {
    const viewer = requireViewer(ctx.viewer, 'Mutation.registerParticipant');
    const id = requireUuid(eventId, 'eventId');
    const participant = checkParticipant(teacherId ?? null, participantName ?? null);
    const bySchool = viewer.orgKind === 'school';
    if (bySchool && !participant.teacherId)
      throw new BadUserInputError('teacherId', "a school registers its own teachers: give the teacher's id");
    const known = await ctx.loaders.eventById.load(id);
    if (!known) throw new NotFoundError('TrainingEvent', eventId, 'eventId');
    // Refused early without asking a partner; checked again under the lock below.
    requireOpen(known, bySchool);
    let name = participant.participantName;
    if (participant.teacherId) {
      // Asked with the caller's token: a teacher the caller may not see (need-to-know) is NOT_FOUND, like an unknown one.
      // Both questions at once: her tier (university, through her) and the tier of the event's program (university's catalogue).
      const [teacher, program] = await Promise.all([
        ctx.partners.fetchExisting<{ fullName: string; school: { npsn: string }; highestCompletedTier: string | null }>(
          'teacher',
          'Teacher',
          participant.teacherId,
          'teacherId',
          'id fullName school { npsn } highestCompletedTier',
        ),
        programTier(ctx.partners, known.programId),
      ]);
      if (bySchool && teacher.school.npsn !== viewer.orgId) throw new NotFoundError('Teacher', participant.teacherId, 'teacherId');
      // Tiers are a progression: the tier below the event's, completed (issue 13). A participant without a teacher id has no tiers to check.
      requirePrerequisiteTier(program, teacher.highestCompletedTier);
      name ??= teacher.fullName;
    }
    if (!name) throw new BadUserInputError('participantName', 'the teacher has no name to register under; give participantName');

    return ctx.em.transactional(async (tx) => {
      // The event row is the seat counter's lock: registrations for one event are counted and inserted one at a time,
      // so many arriving at once can never overbook it.
      const event = await tx.findOneOrFail(TrainingEvent, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (!bySchool) await requireEventOwner(tx, viewer, event.venueId, 'Mutation.registerParticipant');
      requireOpen(event, bySchool);
      const taken = await tx.count(Registration, { eventId: id, status: { $ne: RegistrationStatus.CANCELLED } });
      if (taken >= event.capacity)
        throw new ConflictError(`eventId: the event is full (${event.capacity} of ${event.capacity} seats taken)`, 'eventId');
      const registration = tx.create(Registration, {
        id: newId(),
        eventId: id,
        teacherId: participant.teacherId,
        participantName: name,
        status: RegistrationStatus.REGISTERED,
      });
      // Written before the registration: a teacher registered twice (the unique index) rolls back both.
      await recordAudit(tx, viewer, {
        action: 'registerParticipant',
        entity: 'Registration',
        entityId: registration.id,
        details: { eventId: id, teacherId: participant.teacherId },
      });
      await tx.flush();
      return registration;
    });
  }

  @Authorized(Rule.SKB_ADMIN, Rule.SKB_STAFF)
  @Mutation(() => Registration, { description: RECORD_ATTENDANCE })
  async recordAttendance(
    @Arg('registrationId', () => ID, { description: 'Id of the registration.' }) registrationId: string,
    @Arg('status', () => RegistrationStatus, { description: 'ATTENDED or NO_SHOW.' }) status: RegistrationStatus,
    @Ctx() ctx: SkbContext,
  ): Promise<Registration> {
    const viewer = requireViewer(ctx.viewer, 'Mutation.recordAttendance');
    const id = requireUuid(registrationId, 'registrationId');
    if (!ATTENDANCE.has(status)) {
      throw new BadUserInputError(
        'status',
        `attendance is ATTENDED or NO_SHOW, got ${status}${status === RegistrationStatus.CANCELLED ? ' (use cancelRegistration)' : ''}`,
      );
    }
    const known = await ctx.loaders.registrationById.load(id);
    if (!known) throw new NotFoundError('Registration', registrationId, 'registrationId');

    return ctx.em.transactional(async (tx) => {
      const { event, registration } = await lockRegistration(tx, id, known.eventId);
      await requireEventOwner(tx, viewer, event.venueId, 'Mutation.recordAttendance');
      if (event.status === TrainingEventStatus.CANCELLED)
        throw new ConflictError('registrationId: the event was cancelled; no attendance can be recorded', 'registrationId');
      if (event.startsOn > todayWita())
        throw new ConflictError(
          `registrationId: the event starts on ${event.startsOn}; attendance is recorded from that day on`,
          'registrationId',
        );
      if (registration.status === RegistrationStatus.CANCELLED)
        throw new ConflictError('registrationId: the registration was cancelled', 'registrationId');
      // Recording the same again changes nothing and leaves no second audit row; ATTENDED ⇄ NO_SHOW is a correction.
      if (registration.status === status) return registration;
      const from = registration.status;
      registration.status = status;
      await recordAudit(tx, viewer, {
        action: 'recordAttendance',
        entity: 'Registration',
        entityId: id,
        details: { eventId: event.id, from, to: status },
      });
      await tx.flush();
      return registration;
    });
  }

  @Authorized(Rule.SKB_ADMIN)
  @Mutation(() => Registration, {
    description: 'Cancels a registration whose attendance has not been recorded; its seat is free again. The row stays, as history.',
  })
  async cancelRegistration(
    @Arg('registrationId', () => ID, { description: 'Id of the registration.' }) registrationId: string,
    @Ctx() ctx: SkbContext,
  ): Promise<Registration> {
    const viewer = requireViewer(ctx.viewer, 'Mutation.cancelRegistration');
    const id = requireUuid(registrationId, 'registrationId');
    const known = await ctx.loaders.registrationById.load(id);
    if (!known) throw new NotFoundError('Registration', registrationId, 'registrationId');

    return ctx.em.transactional(async (tx) => {
      const { event, registration } = await lockRegistration(tx, id, known.eventId);
      await requireEventOwner(tx, viewer, event.venueId, 'Mutation.cancelRegistration');
      if (registration.status !== RegistrationStatus.REGISTERED) {
        throw new ConflictError(
          `registrationId: the registration is ${registration.status} and can no longer be cancelled`,
          'registrationId',
        );
      }
      registration.status = RegistrationStatus.CANCELLED;
      await recordAudit(tx, viewer, {
        action: 'cancelRegistration',
        entity: 'Registration',
        entityId: id,
        details: { eventId: event.id, teacherId: registration.teacherId ?? null },
      });
      await tx.flush();
      return registration;
    });
  }
}
