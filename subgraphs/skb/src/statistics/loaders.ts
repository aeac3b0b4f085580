import type { EntityManager } from '@mikro-orm/postgresql';
import { StatisticsVersionCache } from '@mitra/kit';
import type { AttendanceFigures } from '../graphql/types/statistics.types';
import { loadTrainingRows, type SkbTrainingRows } from './aggregates';
import { AttendanceSet, trainedTable } from './tables';

/**
 * The SKB's protected set of training figures: attendance per event and
 * program, and the years each teacher attended an event in. One per data
 * version (kit StatisticsVersionCache), for every request until the data changes.
 */
interface TrainingSet {
  rows: SkbTrainingRows;
  attendance: AttendanceSet;
}

const sets = new Map<number, StatisticsVersionCache<TrainingSet>>();

function trainingSet(min: number): StatisticsVersionCache<TrainingSet> {
  let set = sets.get(min);
  if (!set) {
    set = new StatisticsVersionCache(async (em) => {
      const rows = await loadTrainingRows(em);
      return { rows, attendance: new AttendanceSet(rows, min) };
    });
    sets.set(min, set);
  }
  return set;
}

/** The set of the current data version, computed now unless it is already (the subgraph's warm-up). */
export function prepareTrainingSet(em: EntityManager, minimumCellSize: number): Promise<unknown> {
  return trainingSet(minimumCellSize).get(em);
}

export interface StatisticsLoaders {
  eventAttendanceRate(eventId: string): Promise<number | null>;
  programAttendance(programId: string): Promise<AttendanceFigures>;
  /** Teachers of the set (a district's) trained in `year` (null: ever), as shown: null when withheld. */
  teachersTrained(teacherKeys: readonly string[], year: number | null): Promise<{ trained: number | null; suppressed: boolean }>;
}

/** The statistics loaders of one request, a member of its loaders (createLoaders). */
export function createStatisticsLoaders(em: EntityManager, minimumCellSize: number): StatisticsLoaders {
  // The version is checked once per request: every figure of one answer comes from the same set.
  let current: Promise<TrainingSet> | undefined;
  const set = () => (current ??= trainingSet(minimumCellSize).get(em));
  return {
    eventAttendanceRate: async (eventId) => (await set()).attendance.eventRate(eventId),
    programAttendance: async (programId) => (await set()).attendance.program(programId),
    teachersTrained: async (teacherKeys, year) => {
      const { attendedYears } = (await set()).rows;
      // A district's table stands alone: no published figure adds trained teachers up across districts or years.
      const count = teacherKeys.filter((k) => {
        const years = attendedYears.get(k.toLowerCase());
        return years != null && (year == null || years.has(year));
      }).length;
      const table = trainedTable(teacherKeys.length, count, minimumCellSize);
      return { trained: table.get('trained'), suppressed: table.isHidden('trained') };
    },
  };
}
