import type { EntityManager } from '@mikro-orm/postgresql';
import { buildDemoWorld } from '@mitra/fixtures';
import { EventSession } from '../entities/event-session';
import { Registration } from '../entities/registration';
import { SessionFacilitator } from '../entities/session-facilitator';
import { TrainingEvent } from '../entities/training-event';
import { Venue } from '../entities/venue';
import type { RegistrationStatus, SessionKind, TrainingEventStatus } from '../graphql/enums';

/** The skb partner's slice of the demo world: venues, events, sessions and their facilitators, registrations. */
export async function seedDemo(em: EntityManager): Promise<Record<string, number>> {
  const world = buildDemoWorld();
  await em.insertMany(
    Venue,
    world.venues.map((v) => ({
      id: v.id,
      name: v.name,
      address: v.address,
      districtCode: v.districtCode,
      capacity: v.capacity,
      ownerOrg: v.ownerOrg,
    })),
  );
  await em.insertMany(
    TrainingEvent,
    world.events.map((e) => ({
      id: e.id,
      title: e.title,
      programId: e.programId,
      venueId: e.venueId,
      startsOn: e.startsOn,
      endsOn: e.endsOn,
      capacity: e.capacity,
      status: e.status as TrainingEventStatus,
    })),
  );
  const sessions = world.events.flatMap((e) => e.sessions.map((s) => ({ ...s, eventId: e.id })));
  await em.insertMany(
    EventSession,
    sessions.map((s) => ({
      id: s.id,
      eventId: s.eventId,
      day: s.day,
      kind: s.kind as SessionKind,
      topic: s.topic,
      startsAt: new Date(s.startsAt),
      endsAt: new Date(s.endsAt),
    })),
  );
  // A lecturer listed twice for one session would be one facilitator.
  const facilitators = sessions.flatMap((s) => [...new Set(s.facilitatorIds)].map((lecturerId) => ({ sessionId: s.id, lecturerId })));
  if (facilitators.length) await em.insertMany(SessionFacilitator, facilitators);
  await em.insertMany(
    Registration,
    world.registrations.map((r) => ({
      id: r.id,
      eventId: r.eventId,
      teacherId: r.teacherId,
      participantName: r.participantName,
      status: r.status as RegistrationStatus,
    })),
  );
  return {
    venues: world.venues.length,
    events: world.events.length,
    sessions: sessions.length,
    facilitators: facilitators.length,
    registrations: world.registrations.length,
  };
}
