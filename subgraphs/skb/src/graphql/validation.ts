import {
  AREA_CODE_PATTERN,
  BadUserInputError,
  daysBetween,
  requireDateBetween,
  requireIntInRange,
  requireMatch,
  requireName,
  requireNotNull,
  requireUuid,
  shiftYears,
  todayWita,
} from '@mitra/kit';
import type { EventSession } from '../entities/event-session';
import type { TrainingEvent } from '../entities/training-event';
import type { Venue } from '../entities/venue';
import type { TrainingEventListFilter } from '../loaders/training-event-pages';
import { TrainingEventStatus } from './enums';
import { addDays, localClock, localDay, zoneOfDistrict } from './local-time';
import type { EventSessionInput } from './types/event-session.input';
import type { TrainingEventInput, TrainingEventUpdateInput } from './types/training-event.input';
import type { VenueInput } from './types/venue.input';

export function checkTrainingEventFilter(filter: TrainingEventListFilter): TrainingEventListFilter {
  if (filter.programId != null) requireUuid(filter.programId, 'filter.programId');
  if (filter.venueId != null) requireUuid(filter.venueId, 'filter.venueId');
  return filter;
}

export const TITLE_MAX = 200;
export const PARTICIPANT_NAME_MAX = 150;
/** Events are recorded from this day on (older trainings are history the hub does not hold)... */
export const FIRST_EVENT_DAY = '2000-01-01';
/** ...and planned at most this many years ahead. */
export const YEARS_AHEAD = 5;
/** A training runs for days or weeks; a tiered program with its practice period for months, never more than a year. */
export const MAX_EVENT_DAYS = 366;

/** PLANNED → OPEN → ONGOING → COMPLETED, and any of them → CANCELLED; nothing leaves CANCELLED. */
export const STATUS_TRANSITIONS: Record<TrainingEventStatus, readonly TrainingEventStatus[]> = {
  [TrainingEventStatus.PLANNED]: [TrainingEventStatus.OPEN, TrainingEventStatus.CANCELLED],
  [TrainingEventStatus.OPEN]: [TrainingEventStatus.ONGOING, TrainingEventStatus.CANCELLED],
  [TrainingEventStatus.ONGOING]: [TrainingEventStatus.COMPLETED, TrainingEventStatus.CANCELLED],
  [TrainingEventStatus.COMPLETED]: [TrainingEventStatus.CANCELLED],
  [TrainingEventStatus.CANCELLED]: [],
};

export function checkTransition(from: TrainingEventStatus, to: TrainingEventStatus): TrainingEventStatus {
  if (!STATUS_TRANSITIONS[from].includes(to)) {
    const allowed = STATUS_TRANSITIONS[from];
    throw new BadUserInputError(
      'status',
      `an event that is ${from} cannot become ${to}${allowed.length ? ` (it can become ${allowed.join(' or ')})` : ''}`,
    );
  }
  return to;
}

function checkDay(day: string, field: string, today: string): string {
  return requireDateBetween(
    day,
    FIRST_EVENT_DAY,
    shiftYears(today, YEARS_AHEAD),
    field,
    `a day from ${FIRST_EVENT_DAY} to ${YEARS_AHEAD} years ahead`,
  );
}

function checkCapacity(capacity: number, field: string): number {
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new BadUserInputError(field, `must be a positive whole number of seats, got ${capacity}`);
  return capacity;
}

export type EventFields = Pick<TrainingEvent, 'title' | 'venueId' | 'startsOn' | 'endsOn' | 'capacity'>;

/** Each field on its own; what depends on the venue or on the other dates is `checkSchedule`. */
export function checkNewEvent(input: TrainingEventInput, today = todayWita()): EventFields & { programId: string } {
  return {
    title: requireName(input.title, 'input.title', TITLE_MAX),
    programId: requireUuid(input.programId, 'input.programId'),
    venueId: requireUuid(input.venueId, 'input.venueId'),
    startsOn: checkDay(input.startsOn, 'input.startsOn', today),
    endsOn: checkDay(input.endsOn, 'input.endsOn', today),
    capacity: checkCapacity(input.capacity, 'input.capacity'),
  };
}

/** The fields an update gives (left out: unchanged; null: refused, every column is required). */
export function checkEventChanges(input: TrainingEventUpdateInput, today = todayWita()): Partial<EventFields> {
  const changes: Partial<EventFields> = {};
  const title = requireNotNull(input.title, 'input.title');
  if (title !== undefined) changes.title = requireName(title, 'input.title', TITLE_MAX);
  const venueId = requireNotNull(input.venueId, 'input.venueId');
  if (venueId !== undefined) changes.venueId = requireUuid(venueId, 'input.venueId');
  const startsOn = requireNotNull(input.startsOn, 'input.startsOn');
  if (startsOn !== undefined) changes.startsOn = checkDay(startsOn, 'input.startsOn', today);
  const endsOn = requireNotNull(input.endsOn, 'input.endsOn');
  if (endsOn !== undefined) changes.endsOn = checkDay(endsOn, 'input.endsOn', today);
  const capacity = requireNotNull(input.capacity, 'input.capacity');
  if (capacity !== undefined) changes.capacity = checkCapacity(capacity, 'input.capacity');
  if (Object.keys(changes).length === 0) throw new BadUserInputError('input', 'names no field to change');
  return changes;
}

/**
 * The event as it will be: it ends on or after it starts, within
 * MAX_EVENT_DAYS, and seats no more than its venue holds. The error names
 * the field the caller gave (`given`), so an update that moves only the
 * start past the end is told about `input.startsOn`.
 */
export function checkSchedule(event: EventFields, venue: Venue, given: ReadonlySet<keyof EventFields>): void {
  const dateField = given.has('endsOn') || !given.has('startsOn') ? 'input.endsOn' : 'input.startsOn';
  if (event.endsOn < event.startsOn) {
    throw new BadUserInputError(
      dateField,
      `an event ends on or after it starts: it would start on ${event.startsOn} and end on ${event.endsOn}`,
    );
  }
  if (daysBetween(event.startsOn, event.endsOn) >= MAX_EVENT_DAYS) {
    throw new BadUserInputError(dateField, `an event lasts at most ${MAX_EVENT_DAYS} days: ${event.startsOn} to ${event.endsOn} is longer`);
  }
  if (event.capacity > venue.capacity) {
    const field = given.has('capacity') || !given.has('venueId') ? 'input.capacity' : 'input.venueId';
    throw new BadUserInputError(
      field,
      `${event.capacity} seats is more than the venue ${JSON.stringify(venue.name)} holds (${venue.capacity})`,
    );
  }
}

export function checkParticipant(
  teacherId: string | null,
  participantName: string | null,
): { teacherId: string | null; participantName: string | null } {
  const teacher = teacherId == null ? null : requireUuid(teacherId, 'teacherId');
  const name = participantName == null ? null : requireName(participantName, 'participantName', PARTICIPANT_NAME_MAX);
  if (!teacher && !name)
    throw new BadUserInputError('participantName', 'name a teacher (teacherId), a participant (participantName), or both');
  return { teacherId: teacher, participantName: name };
}

export const VENUE_NAME_MAX = 150;
export const ADDRESS_MAX = 300;
/** A hall for a district's whole cohort is a few hundred seats; ten thousand is a stadium, and a typo beyond it. */
export const VENUE_CAPACITY_MAX = 10_000;
export const TOPIC_MAX = 200;
/** A session is led by one lecturer, a panel by a few; more is a list pasted into the wrong field. */
export const MAX_FACILITATORS = 10;

export type VenueFields = Pick<Venue, 'name' | 'address' | 'districtCode' | 'capacity'>;

/** A new venue's fields on their own; that its district exists is asked of the schools partner, its name's uniqueness in the write. */
export function checkNewVenue(input: VenueInput): VenueFields {
  return {
    name: requireName(input.name, 'input.name', VENUE_NAME_MAX),
    // Left out or null: no address. Given: a real one (blank is refused, not stored as nothing).
    address: input.address == null ? null : requireName(input.address, 'input.address', ADDRESS_MAX),
    districtCode: requireMatch(input.districtCode, AREA_CODE_PATTERN, 'input.districtCode', 'a Kemendagri district code such as "64.71"'),
    capacity: requireIntInRange(input.capacity, 1, VENUE_CAPACITY_MAX, 'input.capacity'),
  };
}

export type SessionFields = Pick<EventSession, 'day' | 'kind' | 'topic' | 'startsAt' | 'endsAt'> & { facilitatorIds: string[] };

/** A session's fields on their own; where they fall in the event is `checkSessionSchedule`. */
export function checkNewSession(input: EventSessionInput): SessionFields {
  const day = requireIntInRange(input.day, 1, MAX_EVENT_DAYS, 'input.day');
  const topic = requireName(input.topic, 'input.topic', TOPIC_MAX);
  if (input.endsAt.getTime() <= input.startsAt.getTime()) {
    throw new BadUserInputError(
      'input.endsAt',
      `a session ends after it starts: it would start at ${input.startsAt.toISOString()} and end at ${input.endsAt.toISOString()}`,
    );
  }
  const given = input.facilitatorIds ?? [];
  if (given.length > MAX_FACILITATORS)
    throw new BadUserInputError('input.facilitatorIds', `a session has at most ${MAX_FACILITATORS} facilitators, got ${given.length}`);
  // PostgreSQL reads a UUID in either letter case: the same lecturer twice must not pass as two.
  const facilitatorIds = given.map((id, i) => requireUuid(id, `input.facilitatorIds[${i}]`).toLowerCase());
  facilitatorIds.forEach((id, i) => {
    const first = facilitatorIds.indexOf(id);
    if (first < i) throw new BadUserInputError(`input.facilitatorIds[${i}]`, `names the lecturer of input.facilitatorIds[${first}] again`);
  });
  return { day, kind: input.kind, topic, startsAt: input.startsAt, endsAt: input.endsAt, facilitatorIds };
}

/**
 * The session lies within the event's day `day` as the venue's clock shows
 * it (its province's zone, `local-time.ts`): from 00:00 to 24:00 of
 * startsOn + day - 1 there. The caller may write the times in any offset;
 * the instants are what is compared.
 */
export function checkSessionSchedule(session: SessionFields, event: Pick<TrainingEvent, 'startsOn' | 'endsOn'>, venue: Venue): void {
  const days = daysBetween(event.startsOn, event.endsOn) + 1;
  if (session.day > days) {
    throw new BadUserInputError(
      'input.day',
      `the event runs for ${days} day${days === 1 ? '' : 's'} (${event.startsOn} to ${event.endsOn}), so it has no day ${session.day}`,
    );
  }
  const zone = zoneOfDistrict(venue.districtCode);
  const date = addDays(event.startsOn, session.day - 1);
  const { start, end } = localDay(date, zone);
  const where = `day ${session.day} of the event is ${date} at the venue (${zone.name}, UTC${zone.offset})`;
  if (session.startsAt < start || session.startsAt >= end)
    throw new BadUserInputError('input.startsAt', `${where}; the session would start at ${localClock(session.startsAt, zone)}`);
  if (session.endsAt > end)
    throw new BadUserInputError('input.endsAt', `${where}; the session would end at ${localClock(session.endsAt, zone)}, the day after`);
}
