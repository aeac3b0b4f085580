import { requireUuid } from '@mitra/kit';
import type { TrainingEventListFilter } from '../loaders/training-event-pages';

export function checkTrainingEventFilter(filter: TrainingEventListFilter): TrainingEventListFilter {
  if (filter.programId != null) requireUuid(filter.programId, 'filter.programId');
  if (filter.venueId != null) requireUuid(filter.venueId, 'filter.venueId');
  return filter;
}
