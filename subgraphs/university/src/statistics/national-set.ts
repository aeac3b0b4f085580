import type { TrainingOutcomes } from '../graphql/types/statistics.types';
import { CellMap, FAMILIES, FAMILY, OutcomeCell, hiddenIn, protectFamilies, type Family } from './outcome-cells';
import type { OutcomeRows } from './outcome-rows';

const EMPTY = new OutcomeCell();
const NONE: ReadonlySet<Family> = new Set();

/**
 * The national half of the university's protected table set: outcomes per
 * event and per program. A program is the total of its events and of its
 * assessments that name no event (never published, so hidden by nature).
 * Per family of figures (outcome-cells.ts), small events are hidden with
 * complements among the program's events; when none can protect them, the
 * program's figures of that family are hidden too. A program's own small
 * figures are hidden, and the district tables take every hidden program
 * figure into account (district-set.ts).
 */
export class NationalOutcomes {
  readonly cells = new CellMap();
  /** Hidden families per `event:<id>` and `program:<id>`. */
  readonly hidden = new Map<string, Set<Family>>();

  constructor(
    readonly rows: OutcomeRows,
    min: number,
  ) {
    const eventsOf = new Map<string, Set<string>>();
    const unit = (programId: string, eventId: string | null) => {
      if (!eventId) return `none:${programId}`;
      if (!eventsOf.has(programId)) eventsOf.set(programId, new Set());
      eventsOf.get(programId)!.add(eventId);
      return `event:${eventId}`;
    };
    for (const a of rows.assessments) {
      this.cells.at(`program:${a.programId}`).addAssessment(a);
      this.cells.at(unit(a.programId, a.eventId)).addAssessment(a);
    }
    for (const f of rows.followUps) {
      this.cells.at(`program:${f.programId}`).addFollowUp(f);
      this.cells.at(unit(f.programId, f.eventId)).addFollowUp(f);
    }
    for (const p of rows.programs) {
      const key = `program:${p.id}`;
      const program = this.cells.get(key);
      if (!program) continue;
      const events = [...(eventsOf.get(p.id) ?? [])].map((e) => `event:${e}`);
      const failed = protectFamilies(
        () => [
          ...events.map((id) => ({ id, cells: [this.cells.get(id)!], published: true, cost: this.cells.get(id)!.assessed })),
          ...(this.cells.get(`none:${p.id}`)
            ? [{ id: `none:${p.id}`, cells: [this.cells.get(`none:${p.id}`)!], published: false, cost: 0 }]
            : []),
        ],
        this.hidden,
        min,
      );
      const programHidden = hiddenIn(this.hidden, key);
      for (const f of FAMILIES) {
        const within = FAMILY[f].within;
        if (failed.includes(f) || FAMILY[f].small(program, min) || (within && programHidden.has(within))) programHidden.add(f);
      }
    }
  }

  program(id: string): TrainingOutcomes {
    const key = `program:${id.toLowerCase()}`;
    return (this.cells.get(key) ?? EMPTY).figures(this.hidden.get(key) ?? NONE);
  }

  event(id: string): TrainingOutcomes {
    const key = `event:${id.toLowerCase()}`;
    return (this.cells.get(key) ?? EMPTY).figures(this.hidden.get(key) ?? NONE);
  }
}
