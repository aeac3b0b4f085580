import { LockMode } from '@mikro-orm/core';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import {
  Authorized,
  ConflictError,
  NotFoundError,
  Rule,
  newId,
  recordAudit,
  requireIntInRange,
  requireUuid,
  requireViewer,
} from '@mitra/kit';
import { Registration } from '../entities/registration';
import { TrainingEvent } from '../entities/training-event';
import { Venue } from '../entities/venue';
import { requireEventOwner, requireVenueOwner } from './ownership';
import type { SkbContext } from '../context';
import { RegistrationStatus, TrainingEventStatus } from './enums';
import { TrainingEventInput, TrainingEventUpdateInput } from './types/training-event.input';
import { checkEventChanges, checkNewEvent, checkSchedule, checkTransition, type EventFields } from './validation';

const ALL_FIELDS = new Set<keyof EventFields>(['title', 'venueId', 'startsOn', 'endsOn', 'capacity']);

/**
 * The SKB's admin schedules and runs its events. Order in every write: the
 * grant (before anything is read), the input (nothing written), keys of
 * other partners through the gateway (before the transaction: no lock is
 * held across HTTP), then one transaction with its audit row.
 */
@Resolver()
export class TrainingEventWritesResolver {
  @Authorized(Rule.SKB_ADMIN)
  @Mutation(() => TrainingEvent, {
    description: "Schedules an event of a university program at one of the SKB's venues; it starts PLANNED.",
  })
  async createTrainingEvent(
    @Arg('input', () => TrainingEventInput, { description: 'The event.' }) input: TrainingEventInput,
    @Ctx() ctx: SkbContext,
  ): Promise<TrainingEvent> {
    const viewer = requireViewer(ctx.viewer, 'Mutation.createTrainingEvent');
    const fields = checkNewEvent(input);
    const venue = await ctx.loaders.venueById.load(fields.venueId);
    if (!venue) throw new NotFoundError('Venue', fields.venueId, 'input.venueId');
    requireVenueOwner(viewer, venue, 'Mutation.createTrainingEvent');
    checkSchedule(fields, venue, ALL_FIELDS);
    await ctx.partners.requireExisting('trainingProgram', 'TrainingProgram', fields.programId, 'input.programId');

    return ctx.em.transactional(async (tx) => {
      const event = tx.create(TrainingEvent, { id: newId(), ...fields, status: TrainingEventStatus.PLANNED });
      await recordAudit(tx, viewer, {
        action: 'createTrainingEvent',
        entity: 'TrainingEvent',
        entityId: event.id,
        details: { ...fields },
      });
      await tx.flush();
      return event;
    });
  }

  @Authorized(Rule.SKB_ADMIN)
  @Mutation(() => TrainingEvent, {
    description: 'Changes an event. `version` is the one last read: a stale version is CONFLICT and changes nothing.',
  })
  async updateTrainingEvent(
    @Arg('id', () => ID, { description: 'Id of the event.' }) id: string,
    @Arg('version', () => Int, { description: 'The `version` of the event as last read.' }) version: number,
    @Arg('input', () => TrainingEventUpdateInput, { description: 'What changes.' }) input: TrainingEventUpdateInput,
    @Ctx() ctx: SkbContext,
  ): Promise<TrainingEvent> {
    const viewer = requireViewer(ctx.viewer, 'Mutation.updateTrainingEvent');
    const eventId = requireUuid(id, 'id');
    requireIntInRange(version, 1, 2_147_483_647, 'version');
    const changes = checkEventChanges(input);
    if (changes.venueId && !(await ctx.loaders.venueById.load(changes.venueId)))
      throw new NotFoundError('Venue', changes.venueId, 'input.venueId');

    return ctx.em.transactional(async (tx) => {
      // Locked and read again: the version compared is the one this transaction overwrites, and no registration slips in meanwhile.
      const event = await tx.findOne(TrainingEvent, { id: eventId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (!event) throw new NotFoundError('TrainingEvent', id, 'id');
      await requireEventOwner(tx, viewer, event.venueId, 'Mutation.updateTrainingEvent');
      if (event.version !== version) {
        throw new ConflictError(`version: the event is at version ${event.version}, not ${version}; read it again and retry`, 'version');
      }
      const next: EventFields = {
        title: event.title,
        venueId: event.venueId,
        startsOn: event.startsOn,
        endsOn: event.endsOn,
        capacity: event.capacity,
        ...changes,
      };
      const venue = await tx.findOne(Venue, { id: next.venueId });
      if (!venue) throw new NotFoundError('Venue', next.venueId, 'input.venueId');
      // Moved to another venue: that one must be the caller's too.
      requireVenueOwner(viewer, venue, 'Mutation.updateTrainingEvent');
      checkSchedule(next, venue, new Set(Object.keys(changes) as Array<keyof EventFields>));
      if (changes.capacity !== undefined) {
        const taken = await tx.count(Registration, { eventId, status: { $ne: RegistrationStatus.CANCELLED } });
        if (changes.capacity < taken) {
          throw new ConflictError(
            `input.capacity: ${taken} participants are registered; cancel registrations before lowering the capacity to ${changes.capacity}`,
            'input.capacity',
          );
        }
      }
      tx.assign(event, changes);
      await recordAudit(tx, viewer, {
        action: 'updateTrainingEvent',
        entity: 'TrainingEvent',
        entityId: event.id,
        details: { changes, fromVersion: version },
      });
      await tx.flush();
      return event;
    });
  }

  @Authorized(Rule.SKB_ADMIN)
  @Mutation(() => TrainingEvent, {
    description:
      'Moves an event on: PLANNED → OPEN → ONGOING → COMPLETED, or from any of them to CANCELLED. Any other change is BAD_USER_INPUT.',
  })
  async setTrainingEventStatus(
    @Arg('id', () => ID, { description: 'Id of the event.' }) id: string,
    @Arg('status', () => TrainingEventStatus, { description: 'The status to move it to.' }) status: TrainingEventStatus,
    @Ctx() ctx: SkbContext,
  ): Promise<TrainingEvent> {
    const viewer = requireViewer(ctx.viewer, 'Mutation.setTrainingEventStatus');
    const eventId = requireUuid(id, 'id');

    return ctx.em.transactional(async (tx) => {
      // Locked: two admins moving one event on at once are applied one after the other, each checked against the other's result.
      const event = await tx.findOne(TrainingEvent, { id: eventId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (!event) throw new NotFoundError('TrainingEvent', id, 'id');
      await requireEventOwner(tx, viewer, event.venueId, 'Mutation.setTrainingEventStatus');
      const from = event.status;
      event.status = checkTransition(from, status);
      await recordAudit(tx, viewer, {
        action: 'setTrainingEventStatus',
        entity: 'TrainingEvent',
        entityId: event.id,
        details: { from, to: status },
      });
      await tx.flush();
      return event;
    });
  }
}
