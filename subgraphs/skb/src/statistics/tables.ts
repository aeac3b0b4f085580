import { SuppressionTable, isSmallCell } from '@mitra/kit';
import { AttendanceFigures } from '../graphql/types/statistics.types';
import type { AttendanceCounts } from './aggregates';

/** Trained and untrained add up to the group; a small untrained group would otherwise be recoverable. */
export function trainedTable(total: number, trained: number, min: number): SuppressionTable {
  return new SuppressionTable(min)
    .cell('total', total)
    .cell('trained', trained)
    .cell('untrained', total - trained, false)
    .sum('total', ['trained', 'untrained']);
}

/** Attended and absent add up to the registrations: a small one of either would be recoverable from the rate. */
export function attendanceFigures({ counted, attended }: AttendanceCounts, min: number): AttendanceFigures {
  const hidden = isSmallCell(counted, min) || isSmallCell(attended, min) || isSmallCell(counted - attended, min);
  return Object.assign(new AttendanceFigures(), {
    registrations: isSmallCell(counted, min) ? null : counted,
    attendanceRate: hidden || counted === 0 ? null : Math.round((attended / counted) * 10_000) / 10_000,
    suppressed: hidden,
  });
}
