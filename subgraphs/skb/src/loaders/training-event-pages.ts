import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { readRows } from '@mitra/kit';
import { TrainingEvent } from '../entities/training-event';
import type { TrainingEventStatus } from '../graphql/enums';

/** Events are listed by start day, then id: a stable keyset order. */
export type TrainingEventKey = [startsOn: string, id: string];

export interface TrainingEventListFilter {
  programId?: string | null;
  venueId?: string | null;
  status?: TrainingEventStatus | null;
  startsAfter?: string | null;
  startsBefore?: string | null;
}

/** Applies a filter to a query over `training_event as e`. */
export function applyTrainingEventFilter(qb: Knex.QueryBuilder, filter: TrainingEventListFilter): Knex.QueryBuilder {
  if (filter.programId) qb.where('e.program_id', filter.programId);
  if (filter.venueId) qb.where('e.venue_id', filter.venueId);
  if (filter.status) qb.where('e.status', filter.status);
  if (filter.startsAfter) qb.where('e.starts_on', '>', filter.startsAfter);
  if (filter.startsBefore) qb.where('e.starts_on', '<', filter.startsBefore);
  return qb;
}

export async function listTrainingEvents(
  em: EntityManager,
  filter: TrainingEventListFilter,
  first: number,
  after: TrainingEventKey | null,
): Promise<TrainingEvent[]> {
  const qb = em.getKnex()('training_event as e').select('e.*');
  applyTrainingEventFilter(qb, filter);
  if (after) qb.whereRaw('(e.starts_on, e.id) > (?::date, ?::uuid)', after);
  const rows: Record<string, unknown>[] = await qb.orderBy([{ column: 'e.starts_on' }, { column: 'e.id' }]).limit(first + 1);
  return readRows(em, TrainingEvent, rows);
}

export async function countTrainingEvents(em: EntityManager, filter: TrainingEventListFilter): Promise<number> {
  const qb = em.getKnex()('training_event as e').count<{ count: string }[]>({ count: '*' });
  applyTrainingEventFilter(qb, filter);
  const [row] = await qb;
  return Number(row.count);
}
