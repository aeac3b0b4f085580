import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadCoverage, loadSumsBy, type CoverageFigures, type CoverageKey, type OutcomeSums } from './aggregates';

export interface StatisticsLoaders {
  /** Everything the university reports about a set of teachers (a district's), keyed by the set. */
  coverage: DataLoader<CoverageKey, CoverageFigures, string>;
  outcomesByProgram: DataLoader<string, OutcomeSums>;
  outcomesByEvent: DataLoader<string, OutcomeSums>;
}

/** The statistics loaders of one request, a member of its loaders (createLoaders). */
export function createStatisticsLoaders(em: EntityManager): StatisticsLoaders {
  return {
    coverage: new DataLoader((sets) => loadCoverage(em, sets), { cacheKeyFn: (set) => `${set.year ?? ''}|${set.teacherKeys.join(',')}` }),
    outcomesByProgram: new DataLoader((keys) => loadSumsBy(em, 'program_id', keys)),
    outcomesByEvent: new DataLoader((keys) => loadSumsBy(em, 'event_id', keys)),
  };
}
