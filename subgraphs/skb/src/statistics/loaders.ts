import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadProgramAttendance, loadTrainedCounts, type AttendanceCounts, type CoverageKey } from './aggregates';

export interface StatisticsLoaders {
  /** Teachers with an attended event, per set of teachers (a district's), keyed by the set. */
  trainedCounts: DataLoader<CoverageKey, number, string>;
  attendanceByProgram: DataLoader<string, AttendanceCounts>;
}

/** The statistics loaders of one request, a member of its loaders (createLoaders). */
export function createStatisticsLoaders(em: EntityManager): StatisticsLoaders {
  return {
    trainedCounts: new DataLoader((sets) => loadTrainedCounts(em, sets), {
      cacheKeyFn: (set) => `${set.year ?? ''}|${set.teacherKeys.join(',')}`,
    }),
    attendanceByProgram: new DataLoader((programIds) => loadProgramAttendance(em, programIds)),
  };
}
