import { SuppressionTable, isSmallCell, round } from '@mitra/kit';
import { AttendanceFigures } from '../graphql/types/statistics.types';
import type { EventAttendance, SkbTrainingRows } from './aggregates';

/** Trained and untrained add up to the group; a small untrained group would otherwise be recoverable. */
export function trainedTable(total: number, trained: number, min: number): SuppressionTable {
  return new SuppressionTable(min)
    .cell('total', total)
    .cell('trained', trained)
    .cell('untrained', total - trained, false)
    .sum('total', ['trained', 'untrained']);
}

/** Attended and no-show registrations: a rate is theirs (pending registrations count in neither). */
interface Attendance {
  attended: number;
  noShow: number;
  pending: number;
}

/** A rate shows its counts (a rate of a known group is a count): shown only when both are (0, or at least the minimum). */
function rateShown(a: Attendance, min: number): boolean {
  return a.attended + a.noShow > 0 && !isSmallCell(a.attended, min) && !isSmallCell(a.noShow, min);
}

const rate = (a: Attendance) => round(a.attended / (a.attended + a.noShow), 4);

/**
 * The SKB's protected table set of attendance: attended and no-show
 * registrations per event, and per program (the sum of its events).
 *
 * An event's rate is attended ÷ (attended + no-show): registrations still
 * pending (an event ahead, or attendance not yet recorded) are in neither, so
 * an event nobody has attended yet reads null, not 0. It is shown only when
 * both counts are 0 or at least the minimum cell size. A program's rate is
 * shown only when every one of its events' rates is (or has nothing to
 * show): with one event hidden, the program's counts minus the others' would
 * give it back. A program's registrations (not cancelled, pending included)
 * are a count like any other.
 */
export class AttendanceSet {
  private readonly eventRates = new Map<string, number | null>();
  private readonly programs = new Map<string, AttendanceFigures>();

  constructor(rows: SkbTrainingRows, min: number) {
    const byProgram = new Map<string, EventAttendance[]>();
    for (const e of rows.events) {
      this.eventRates.set(e.id, rateShown(e, min) ? rate(e) : null);
      byProgram.set(e.programId, [...(byProgram.get(e.programId) ?? []), e]);
    }
    for (const [programId, events] of byProgram) {
      const sum = events.reduce(
        (acc, e) => ({ attended: acc.attended + e.attended, noShow: acc.noShow + e.noShow, pending: acc.pending + e.pending }),
        { attended: 0, noShow: 0, pending: 0 },
      );
      const registrations = sum.attended + sum.noShow + sum.pending;
      const eventHidden = events.some((e) => e.attended + e.noShow > 0 && !rateShown(e, min));
      const shown = !eventHidden && rateShown(sum, min);
      this.programs.set(
        programId,
        Object.assign(new AttendanceFigures(), {
          registrations: isSmallCell(registrations, min) ? null : registrations,
          attendanceRate: shown ? rate(sum) : null,
          suppressed: isSmallCell(registrations, min) || (!shown && sum.attended + sum.noShow > 0),
        }),
      );
    }
  }

  /** Null when withheld, and when nobody's attendance is recorded yet. */
  eventRate(eventId: string): number | null {
    return this.eventRates.get(eventId.toLowerCase()) ?? null;
  }

  program(programId: string): AttendanceFigures {
    return (
      this.programs.get(programId.toLowerCase()) ??
      Object.assign(new AttendanceFigures(), { registrations: 0, attendanceRate: null, suppressed: false })
    );
  }
}
