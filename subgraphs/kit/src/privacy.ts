/**
 * Statistical disclosure control for counts of teachers.
 *
 * A table is a set of named cells (counts) and of additive constraints
 * (`total = part + part + ...`). Primary suppression hides every count in
 * 1..min-1 (zero may be shown). Complementary suppression then makes sure no
 * constraint has exactly one hidden member, since that member would be the
 * visible total minus the visible parts: the smallest non-zero visible part
 * (else the total) is hidden with it, until nothing changes. Cells that are
 * never displayed (e.g. "teachers not meeting the standard") still take
 * part: they are derivable, so a small one must be protected too.
 */

/**
 * The small-cell rule, the one statement of it (MIN_CELL_SIZE, config
 * `minCellSize`): a count of 1 to minimumCellSize - 1 teachers (or of their
 * registrations, assessments...) is never shown, nor a figure it could be
 * recovered from. Zero may be shown: an empty group names nobody.
 */
export function isSmallCell(count: number, minimumCellSize: number): boolean {
  return count > 0 && count < minimumCellSize;
}

export interface CellState {
  value: number;
  displayed: boolean;
  hidden: boolean;
  /** Hidden because it is small (not as a complement). */
  primary: boolean;
}

export class SuppressionTable {
  private readonly cells = new Map<string, CellState>();
  private readonly constraints: Array<{ total: string; parts: string[] }> = [];
  private solved = false;

  constructor(readonly minimumCellSize: number) {}

  /** Adds a count. `displayed: false` for counts that are only derivable. */
  cell(id: string, value: number, displayed = true): this {
    if (!Number.isInteger(value) || value < 0) throw new Error(`cell ${id}: a count must be a non-negative integer, got ${value}`);
    const sensitive = isSmallCell(value, this.minimumCellSize);
    this.cells.set(id, { value, displayed, hidden: sensitive, primary: sensitive });
    this.solved = false;
    return this;
  }

  /** Hides a cell from the start (e.g. a total that a wider table already hides). */
  forceHidden(id: string): this {
    const c = this.require(id);
    c.hidden = true;
    this.solved = false;
    return this;
  }

  /** Declares `total = sum(parts)`; the parts must add up. */
  sum(total: string, parts: string[]): this {
    const t = this.require(total).value;
    const s = parts.reduce((acc, p) => acc + this.require(p).value, 0);
    if (t !== s) throw new Error(`constraint ${total}: parts add up to ${s}, not ${t}`);
    this.constraints.push({ total, parts });
    this.solved = false;
    return this;
  }

  has(id: string): boolean {
    return this.cells.has(id);
  }

  /** The count, or null when hidden. */
  get(id: string): number | null {
    this.solve();
    const c = this.require(id);
    return c.hidden ? null : c.value;
  }

  isHidden(id: string): boolean {
    this.solve();
    return this.require(id).hidden;
  }

  /** True when any of the given displayed cells is hidden. */
  anyHidden(ids: string[]): boolean {
    this.solve();
    return ids.some((id) => this.require(id).hidden);
  }

  /** Every cell, for tests and audits. */
  snapshot(): ReadonlyMap<string, Readonly<CellState>> {
    this.solve();
    return this.cells;
  }

  constraintList(): ReadonlyArray<{ total: string; parts: string[] }> {
    return this.constraints;
  }

  private require(id: string): CellState {
    const c = this.cells.get(id);
    if (!c) throw new Error(`unknown cell ${id}`);
    return c;
  }

  private solve(): void {
    if (this.solved) return;
    for (let round = 0; round < 10_000; round++) {
      let changed = false;
      for (const { total, parts } of this.constraints) {
        const members = [total, ...parts];
        const hidden = members.filter((id) => this.require(id).hidden);
        if (hidden.length !== 1) continue;
        const complement = this.pickComplement(parts, total);
        if (!complement) continue;
        complement.hidden = true;
        changed = true;
      }
      if (!changed) {
        this.solved = true;
        return;
      }
    }
    throw new Error('suppression did not converge');
  }

  /** The smallest non-zero visible displayed part, else the total, else any non-zero visible member. */
  private pickComplement(parts: string[], total: string): CellState | undefined {
    const visible = (id: string) => {
      const c = this.require(id);
      return !c.hidden && c.value > 0 ? c : undefined;
    };
    const byValue = (a: CellState, b: CellState) => a.value - b.value;
    const displayedParts = parts
      .map(visible)
      .filter((c): c is CellState => !!c && c.displayed)
      .sort(byValue);
    if (displayedParts.length) return displayedParts[0];
    const t = visible(total);
    if (t) return t;
    return parts
      .map(visible)
      .filter((c): c is CellState => !!c)
      .sort(byValue)[0];
  }
}

/** A mean (or share) over `n` items is shown only when n is not a small group. */
export function meanOrNull(sum: number, n: number, minimumCellSize: number): number | null {
  if (n === 0 || isSmallCell(n, minimumCellSize)) return null;
  return sum / n;
}

export function round(value: number | null, digits = 4): number | null {
  if (value == null) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
