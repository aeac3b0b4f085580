import type { Cube } from './cube';

/**
 * What a perturbation changes: the net change of each microcell it moves, in
 * the order each was first moved (what a Map would keep, without hashing:
 * protection builds millions of these), and the published cells that change
 * with them. While one is being filled, `slot` maps a microcell to its
 * entry; `close` clears it for the next.
 */
export class Moves {
  readonly micros: number[] = [];
  readonly changes: number[] = [];
  private static slot = new Int32Array(0);

  constructor(microcells: number) {
    if (Moves.slot.length !== microcells) Moves.slot = new Int32Array(microcells).fill(-1);
  }

  add(micro: number, change: number): void {
    const at = Moves.slot[micro];
    if (at >= 0) this.changes[at] += change;
    else {
      Moves.slot[micro] = this.micros.length;
      this.micros.push(micro);
      this.changes.push(change);
    }
  }

  /** Changes the working counts and records it. */
  move(work: Int32Array, micro: number, change: number): void {
    work[micro] += change;
    this.add(micro, change);
  }

  close(): this {
    for (const micro of this.micros) Moves.slot[micro] = -1;
    return this;
  }

  undo(work: Int32Array): void {
    for (let m = 0; m < this.micros.length; m++) work[this.micros[m]] -= this.changes[m];
  }

  redo(work: Int32Array): void {
    for (let m = 0; m < this.micros.length; m++) work[this.micros[m]] += this.changes[m];
  }
}

const scratch = { delta: new Float64Array(0), touched: [] as number[] };

/** The cells other than `self` whose value the moves change. */
export function changedCells(cube: Cube, self: number, moves: Moves): number[] {
  if (scratch.delta.length !== cube.cellCount) scratch.delta = new Float64Array(cube.cellCount);
  const { delta, touched } = scratch;
  const { start, cells } = cube.memberships();
  touched.length = 0;
  const { micros, changes } = moves;
  for (let m = 0; m < micros.length; m++) {
    const micro = micros[m];
    const change = changes[m];
    if (!change) continue;
    for (let i = start[micro], end = start[micro + 1]; i < end; i++) {
      const cell = cells[i];
      if (delta[cell] === 0) touched.push(cell);
      delta[cell] += change;
    }
  }
  const changed: number[] = [];
  for (const cell of touched) {
    if (delta[cell] !== 0 && cell !== self) changed.push(cell);
    delta[cell] = 0;
  }
  return changed;
}
