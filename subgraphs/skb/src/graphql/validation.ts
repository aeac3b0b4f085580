import {
  BadUserInputError,
  daysBetween,
  requireDateBetween,
  requireName,
  requireNotNull,
  requireUuid,
  shiftYears,
  todayWita,
} from '@mitra/kit';
import type { TrainingEvent } from '../entities/training-event';
import type { Venue } from '../entities/venue';
import type { TrainingEventListFilter } from '../loaders/training-event-pages';
import { TrainingEventStatus } from './enums';
import type { TrainingEventInput, TrainingEventUpdateInput } from './types/training-event.input';

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
