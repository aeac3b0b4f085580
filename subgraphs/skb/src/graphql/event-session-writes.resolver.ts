import { LockMode } from '@mikro-orm/core';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Authorized, ConflictError, NotFoundError, Rule, newId, recordAudit, requireUuid, requireViewer } from '@mitra/kit';
import { EventSession } from '../entities/event-session';
import { SessionFacilitator } from '../entities/session-facilitator';
import { TrainingEvent } from '../entities/training-event';
import type { SkbContext } from '../context';
import { TrainingEventStatus } from './enums';
import { localClock, zoneOfDistrict } from './local-time';
import { requireEventOwner, requireVenueOwner } from './ownership';
import { EventSessionInput } from './types/event-session.input';
import { checkNewSession, checkSessionSchedule } from './validation';

const ADD_EVENT_SESSION =
  "Adds a session to an event at one of the caller's SKB's venues: on the event's day `day` as the venue's clock shows it, overlapping none of the event's other sessions (CONFLICT), led by lecturers the hub knows (NOT_FOUND otherwise). A COMPLETED or CANCELLED event takes no sessions (CONFLICT). The event's version moves on by one.";

/** Events whose programme is history: nothing is added to it. */
const CLOSED = new Set<TrainingEventStatus>([TrainingEventStatus.COMPLETED, TrainingEventStatus.CANCELLED]);

function requireOpenProgramme(event: TrainingEvent): void {
  if (CLOSED.has(event.status)) throw new ConflictError(`eventId: the event is ${event.status} and takes no new sessions`, 'eventId');
}

/**
 * Each facilitator is a Lecturer of the university subgraph, asked through
 * the gateway (in parallel, at most MAX_FACILITATORS). The first unknown one
 * in input order is reported, so the answer does not depend on which
 * question came back first.
 */
async function requireLecturers(ctx: SkbContext, ids: readonly string[]): Promise<void> {
  const checks = await Promise.allSettled(
    ids.map((id, i) => ctx.partners.requireExisting('lecturer', 'Lecturer', id, `input.facilitatorIds[${i}]`)),
  );
  const refused = checks.find((check): check is PromiseRejectedResult => check.status === 'rejected');
  if (refused) throw refused.reason;
}

/** The SKB's admin builds an event's programme, one session at a time. */
@Resolver()
export class EventSessionWritesResolver {
  @Authorized(Rule.SKB_ADMIN)
  @Mutation(() => EventSession, { description: ADD_EVENT_SESSION })
  async addEventSession(
    @Arg('eventId', () => ID, { description: "Id of an event at one of the caller's SKB's venues." }) eventId: string,
    @Arg('input', () => EventSessionInput, { description: 'The session.' }) input: EventSessionInput,
    @Ctx() ctx: SkbContext,
  ): Promise<EventSession> {
    const viewer = requireViewer(ctx.viewer, 'Mutation.addEventSession');
    const id = requireUuid(eventId, 'eventId');
    const fields = checkNewSession(input);
    // Refused early, before any partner is asked; all of it is checked again under the event's lock below.
    const known = await ctx.loaders.eventById.load(id);
    if (!known) throw new NotFoundError('TrainingEvent', eventId, 'eventId');
    const knownVenue = await ctx.loaders.venueById.load(known.venueId);
    if (!knownVenue) throw new Error(`training event ${known.id} has no venue ${known.venueId}`);
    requireVenueOwner(viewer, knownVenue, 'Mutation.addEventSession');
    requireOpenProgramme(known);
    checkSessionSchedule(fields, known, knownVenue);
    await requireLecturers(ctx, fields.facilitatorIds);

    return ctx.em.transactional(async (tx) => {
      // Locked as updateTrainingEvent and setTrainingEventStatus lock it: no change of the event's dates or status,
      // and no other session of it, interleaves with this one.
      const event = await tx.findOne(TrainingEvent, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (!event) throw new NotFoundError('TrainingEvent', eventId, 'eventId');
      const venue = await requireEventOwner(tx, viewer, event.venueId, 'Mutation.addEventSession');
      requireOpenProgramme(event);
      checkSessionSchedule(fields, event, venue);
      // An event's sessions are its cohort's timetable, one after another; one may start when the last ends.
      const clash = await tx.findOne(
        EventSession,
        { eventId: id, startsAt: { $lt: fields.endsAt }, endsAt: { $gt: fields.startsAt } },
        { orderBy: { startsAt: 'asc', id: 'asc' } },
      );
      if (clash) {
        const zone = zoneOfDistrict(venue.districtCode);
        throw new ConflictError(
          `input.startsAt: the event already has a session then, ${JSON.stringify(clash.topic)} from ${localClock(clash.startsAt, zone)} to ${localClock(clash.endsAt, zone)}`,
          'input.startsAt',
        );
      }
      const { facilitatorIds, ...columns } = fields;
      const session = tx.create(EventSession, { id: newId(), eventId: id, ...columns });
      // The session's row first: its facilitators' rows reference it.
      await tx.flush();
      if (facilitatorIds.length)
        await tx.insertMany(
          SessionFacilitator,
          facilitatorIds.map((lecturerId) => ({ sessionId: session.id, lecturerId })),
        );
      // The event's programme changed: an admin who read the event before must read it again to update it.
      await tx.nativeUpdate(TrainingEvent, { id }, { version: event.version + 1 });
      await recordAudit(tx, viewer, {
        action: 'addEventSession',
        entity: 'EventSession',
        entityId: session.id,
        details: { eventId: id, ...fields, fromVersion: event.version },
      });
      return session;
    });
  }
}
