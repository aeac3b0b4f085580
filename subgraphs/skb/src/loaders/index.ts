import DataLoader from 'dataloader';
import { byKey, groupedByKey, readByKeys, uuidBatch, type LoaderSources } from '@mitra/kit';
import { EventSession } from '../entities/event-session';
import { Registration } from '../entities/registration';
import { TrainingEvent } from '../entities/training-event';
import { Venue } from '../entities/venue';
import { createStatisticsLoaders, type StatisticsLoaders } from '../statistics/loaders';
import { createCatalogueLoaders, type CatalogueLoaders } from './catalogue';
import { loadFacilitatorsBySession, loadRegistrationsByTeacher, loadSessionsByLecturer } from './activity';

export interface SkbLoaders {
  venueById: DataLoader<string, Venue | null>;
  eventById: DataLoader<string, TrainingEvent | null>;
  sessionById: DataLoader<string, EventSession | null>;
  registrationById: DataLoader<string, Registration | null>;
  eventsByProgram: DataLoader<string, TrainingEvent[]>;
  sessionsByEvent: DataLoader<string, EventSession[]>;
  registrationsByEvent: DataLoader<string, Registration[]>;
  facilitatorIdsBySession: DataLoader<string, string[]>;
  sessionsByLecturer: DataLoader<string, EventSession[]>;
  registrationsByTeacher: DataLoader<string, Registration[]>;
  statistics: StatisticsLoaders;
  /** Others' public catalogue names this partner answers itself (@provides). */
  catalogue: CatalogueLoaders;
}

/** One set per request: every reference and list field is one SQL statement per batch. */
export function createLoaders({ em, config }: LoaderSources): SkbLoaders {
  const none = () => null;
  const empty = <T>(): T[] => [];
  // Read for answers (writes check with them and read again under a lock before changing anything): plain objects, no unit of work.
  const venueById = new DataLoader(uuidBatch(none, async (ids) => byKey(ids, await readByKeys(em, Venue, 'id', ids, 'uuid'), (v) => v.id)));
  const eventById = new DataLoader(
    uuidBatch(none, async (ids) => byKey(ids, await readByKeys(em, TrainingEvent, 'id', ids, 'uuid'), (e) => e.id)),
  );
  return {
    venueById,
    eventById,
    sessionById: new DataLoader(
      uuidBatch(none, async (ids) => byKey(ids, await readByKeys(em, EventSession, 'id', ids, 'uuid'), (s) => s.id)),
    ),
    registrationById: new DataLoader(
      uuidBatch(none, async (ids) => byKey(ids, await em.find(Registration, { id: { $in: ids } }), (r) => r.id)),
    ),
    eventsByProgram: new DataLoader(
      uuidBatch(empty<TrainingEvent>, async (ids) => {
        const events = await readByKeys(em, TrainingEvent, 'program_id', ids, 'uuid', ['starts_on', 'id']);
        return groupedByKey(ids, events, (e) => e.programId);
      }),
    ),
    sessionsByEvent: new DataLoader(
      uuidBatch(empty<EventSession>, async (ids) => {
        const rows = await em.find(EventSession, { eventId: { $in: ids } }, { orderBy: { day: 'asc', startsAt: 'asc', id: 'asc' } });
        return groupedByKey(ids, rows, (s) => s.eventId);
      }),
    ),
    registrationsByEvent: new DataLoader(
      uuidBatch(empty<Registration>, async (ids) => {
        const rows = await em.find(Registration, { eventId: { $in: ids } }, { orderBy: { participantName: 'asc', id: 'asc' } });
        return groupedByKey(ids, rows, (r) => r.eventId);
      }),
    ),
    facilitatorIdsBySession: new DataLoader(uuidBatch(empty<string>, (ids) => loadFacilitatorsBySession(em, ids))),
    sessionsByLecturer: new DataLoader(uuidBatch(empty<EventSession>, (ids) => loadSessionsByLecturer(em, ids))),
    registrationsByTeacher: new DataLoader(
      uuidBatch(empty<Registration>, (ids) => loadRegistrationsByTeacher(em, ids, { events: eventById, venues: venueById })),
    ),
    statistics: createStatisticsLoaders(em, config.minCellSize),
    catalogue: createCatalogueLoaders(config),
  };
}
