import type { Cube } from './cube';
import { changedCells, Moves } from './moves';

/**
 * A perturbation that changes a protected cell and nothing published but
 * hidden cells proves the cell's protection: whatever an analyst derives by
 * linear programming from the published cells, the perturbed microcube
 * satisfies it too. Perturbations here are "hypercubes" of microcells: from a
 * microcell of the protected cell, a partner along up to three axes (another
 * leaf area outside the cell's area, another value of the cell's
 * classification, another type outside the cell's column), alternating signs
 * on the corners so that every sum over an axis stays unchanged.
 */
export interface Candidate {
  leaf: number | null;
  group: number | null;
  type: number | null;
  /** Only the corner across every axis at once: one move changing group and type together. */
  diagonal?: boolean;
  /** Units move between the cell and any microcells of `leaf` (largest first), whatever their group and type. */
  pool?: boolean;
  /**
   * Units of the cell's own microcells come from `leaf`, which gets the same
   * number of units of other types back from `relay` (of the same groups):
   * `leaf`'s total is unchanged, `relay`'s (withheld already, where this is
   * cheap) changes with the cell's area's.
   */
  relay?: number;
  /** The partner type of each type of the cell, where it is not `type` (keeps the columns they share). */
  typeMap?: ReadonlyMap<number, number>;
}

export interface Evaluation {
  candidate: Candidate;
  achieved: number;
  /** Cells (other than the protected one) the perturbation changes (computed on first use). */
  readonly changed: number[];
  /** Net change per microcell. */
  moves: Moves;
}

export interface Target {
  geo: number;
  group: number;
  column: number;
}

/** The classification (0, 1) and value of a group, or null for everyone. */
export function classificationOf(cube: Cube, group: number): { classification: 0 | 1; value: number } | null {
  if (group === 0) return null;
  const first = cube.shape.classifications[0].length;
  return group <= first ? { classification: 0, value: group - 1 } : { classification: 1, value: group - 1 - first };
}

/** The microcells of the target cell, as [leaf, a, b, type] slices. */
export function slices(cube: Cube, t: Target): Array<[number, number, number, number]> {
  const cls = classificationOf(cube, t.group);
  const [ca, cb] = cube.shape.classifications;
  const types = cube.shape.types.map((_, i) => i).filter((i) => t.column === 0 || cube.typeColumns[i].includes(t.column));
  const out: Array<[number, number, number, number]> = [];
  for (const d of cube.leavesOf(t.geo))
    for (let a = 0; a < ca.length; a++) {
      if (cls?.classification === 0 && cls.value !== a) continue;
      for (let b = 0; b < cb.length; b++) {
        if (cls?.classification === 1 && cls.value !== b) continue;
        for (const type of types) out.push([d, a, b, type]);
      }
    }
  return out;
}

/** The number of axes a corner takes (bits set), and the corners of each set of active axes in order. */
const AXES = Array.from({ length: 16 }, (_, mask) => (mask & 1) + ((mask >> 1) & 1) + ((mask >> 2) & 1) + ((mask >> 3) & 1));
const CORNERS = Array.from({ length: 16 }, (_, active) => [...Array(16).keys()].filter((mask) => (mask & ~active) === 0));

/**
 * Applies as much of the perturbation as the working counts allow (never
 * below zero), up to `need` in `direction` (-1 lowers the cell, +1 raises
 * it). The working counts keep the change: call `undo` to restore them.
 */
export function evaluate(
  cube: Cube,
  work: Int32Array,
  t: Target,
  list: ReadonlyArray<[number, number, number, number]>,
  direction: -1 | 1,
  need: number,
  candidate: Candidate,
): Evaluation {
  const cls = classificationOf(cube, t.group);
  const moves = new Moves(work.length);
  let remaining = need;
  if (candidate.pool && candidate.leaf !== null) {
    const pool = poolOf(cube, work, candidate.leaf);
    for (const [d, a, b, type] of list) {
      const base = cube.micro(d, a, b, type);
      for (const other of pool) {
        if (remaining <= 0) break;
        const amount = Math.min(remaining, direction < 0 ? work[base] : work[other]);
        if (amount <= 0) continue;
        moves.move(work, base, direction * amount);
        moves.move(work, other, -direction * amount);
        remaining -= amount;
      }
    }
    return result(cube, t, candidate, need - remaining, moves);
  }
  if (candidate.relay !== undefined && candidate.leaf !== null) {
    for (const [d, a, b, type] of list) {
      if (remaining <= 0) break;
      const base = cube.micro(d, a, b, type);
      const from = cube.micro(candidate.leaf, a, b, type);
      // Raising: the leaf gives this type and takes another from the relay; lowering: the reverse.
      let amount = Math.min(remaining, direction < 0 ? work[base] : work[from]);
      for (const [a2, b2, other] of relayOrder(cube, a, b, type)) {
        if (amount <= 0) break;
        const swap = cube.micro(candidate.leaf, a2, b2, other);
        const back = cube.micro(candidate.relay, a2, b2, other);
        const moved = Math.min(amount, direction < 0 ? work[swap] : work[back]);
        if (moved <= 0) continue;
        moves.move(work, base, direction * moved);
        moves.move(work, from, -direction * moved);
        moves.move(work, swap, direction * moved);
        moves.move(work, back, -direction * moved);
        amount -= moved;
        remaining -= moved;
      }
    }
    return result(cube, t, candidate, need - remaining, moves);
  }
  // Corners as bit masks over the axes (leaf 8, first classification 4, second 2, type 1), in the order
  // leaf, a, b, type vary (outermost first); a corner's sign alternates with the axes it takes (a diagonal
  // move: only the cell's own corner and the one across every axis). The corners of negative sign give units.
  const active =
    (candidate.leaf !== null ? 8 : 0) |
    (candidate.group !== null && cls?.classification === 0 ? 4 : 0) |
    (candidate.group !== null && cls?.classification === 1 ? 2 : 0) |
    (candidate.type !== null ? 1 : 0);
  const all = AXES[active];
  const [A, B] = [cube.shape.classifications[0].length, cube.shape.classifications[1].length];
  const T = cube.shape.types.length;
  const { corners, signs, at } = cornersOf(active, all, candidate.diagonal === true, direction);
  const leaf = candidate.leaf ?? 0;
  const group = candidate.group ?? 0;
  const flat = flatList(list);
  for (let n = 0; n < flat.length; n += 4) {
    if (remaining <= 0) break;
    const d = flat[n];
    const a = flat[n + 1];
    const b = flat[n + 2];
    const type = flat[n + 3];
    const partnerType = candidate.type === null ? type : (candidate.typeMap?.get(type) ?? candidate.type);
    // The most the corners giving units allow; most microcells are empty, so stop at the first zero.
    let amount = remaining;
    for (let i = 0; i < corners.length && amount > 0; i++) {
      const mask = corners[i];
      at[i] = (((mask & 8 ? leaf : d) * A + (mask & 4 ? group : a)) * B + (mask & 2 ? group : b)) * T + (mask & 1 ? partnerType : type);
      if (signs[i] < 0) amount = Math.min(amount, work[at[i]]);
    }
    if (amount <= 0) continue;
    for (let i = 0; i < corners.length; i++) {
      moves.move(work, at[i], signs[i] * amount);
    }
    remaining -= amount;
  }
  return result(cube, t, candidate, need - remaining, moves);
}

const flatLists = new WeakMap<ReadonlyArray<readonly [number, number, number, number]>, Int32Array>();

/** A list of microcells as one array of numbers (leaf, a, b, type, leaf, ...): every candidate of a cell walks the same list. */
function flatList(list: ReadonlyArray<readonly [number, number, number, number]>): Int32Array {
  let flat = flatLists.get(list);
  if (!flat) flatLists.set(list, (flat = Int32Array.from(list.flat())));
  return flat;
}

/** The corners of a perturbation's hypercube, their signs and room for their microcells: one per shape, not per evaluation. */
const cornerSets = new Map<number, { corners: number[]; signs: number[]; at: Int32Array }>();

function cornersOf(
  active: number,
  all: number,
  diagonal: boolean,
  direction: -1 | 1,
): { corners: number[]; signs: number[]; at: Int32Array } {
  const key = active * 4 + (diagonal ? 2 : 0) + (direction > 0 ? 1 : 0);
  let set = cornerSets.get(key);
  if (!set) {
    const corners = CORNERS[active].filter((mask) => !diagonal || AXES[mask] === 0 || AXES[mask] === all);
    const signs = corners.map((mask) => (AXES[mask] === 0 || (!diagonal && AXES[mask] % 2 === 0) ? direction : -direction));
    cornerSets.set(key, (set = { corners, signs, at: new Int32Array(corners.length) }));
  }
  return set;
}

const similar = new WeakMap<Cube, number[][]>();

/** Every type, `type` itself and those sharing most columns with it first (a swap of them changes fewest cells). */
function similarTypes(cube: Cube, type: number): number[] {
  let all = similar.get(cube);
  if (!all) {
    const T = cube.shape.types.length;
    const shared = (x: number, y: number) => cube.typeColumns[x].filter((c) => cube.typeColumns[y].includes(c)).length;
    all = [...Array(T).keys()].map((x) =>
      [...Array(T).keys()].sort((y, z) => Number(z === x) - Number(y === x) || shared(x, z) - shared(x, y) || y - z),
    );
    similar.set(cube, all);
  }
  return all[type];
}

/**
 * What the partner of a relay may take back for a unit of (a, b, type): the
 * same type first (its area's columns of everyone stay unchanged), in the
 * same groups, then in one other group, then in two; then the other types,
 * those sharing most columns first, in the same order of groups.
 */
function relayOrder(cube: Cube, a: number, b: number, type: number): ReadonlyArray<readonly [number, number, number]> {
  const [A, B] = [cube.shape.classifications[0].length, cube.shape.classifications[1].length];
  const T = cube.shape.types.length;
  let orders = relayOrders.get(cube);
  if (!orders) relayOrders.set(cube, (orders = []));
  const key = (a * B + b) * T + type;
  return (orders[key] ??= buildRelayOrder(cube, a, b, type, A, B));
}

/** relayOrder per cube and (a, b, type): the same for every relay of a protection run (sparse worlds ask it millions of times). */
const relayOrders = new WeakMap<Cube, Array<ReadonlyArray<readonly [number, number, number]>>>();

function buildRelayOrder(cube: Cube, a: number, b: number, type: number, A: number, B: number): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  for (const other of similarTypes(cube, type)) {
    out.push([a, b, other]);
    for (let a2 = 0; a2 < A; a2++) if (a2 !== a) out.push([a2, b, other]);
    for (let b2 = 0; b2 < B; b2++) if (b2 !== b) out.push([a, b2, other]);
    for (let a2 = 0; a2 < A; a2++) for (let b2 = 0; b2 < B; b2++) if (a2 !== a && b2 !== b) out.push([a2, b2, other]);
  }
  return out;
}

function result(cube: Cube, t: Target, candidate: Candidate, achieved: number, moves: Moves): Evaluation {
  return new LazyEvaluation(cube, t, candidate, achieved, moves.close());
}

class LazyEvaluation implements Evaluation {
  private cells: number[] | undefined;

  constructor(
    private readonly cube: Cube,
    private readonly target: Target,
    readonly candidate: Candidate,
    readonly achieved: number,
    readonly moves: Moves,
  ) {}

  get changed(): number[] {
    return (this.cells ??= changedCells(this.cube, this.cube.cell(this.target.geo, this.target.group, this.target.column), this.moves));
  }
}

/** The microcells of a leaf with units in them, largest first. */
function poolOf(cube: Cube, work: Int32Array, leaf: number): number[] {
  const first = cube.micro(leaf, 0, 0, 0);
  const size = cube.micro(leaf + 1, 0, 0, 0) - first;
  const cells: number[] = [];
  for (let i = first; i < first + size; i++) if (work[i] > 0) cells.push(i);
  return cells.sort((x, y) => work[y] - work[x]);
}

export function undo(work: Int32Array, evaluation: Evaluation): void {
  evaluation.moves.undo(work);
}

/** Applies an evaluation again to the counts it was evaluated on (after `undo`). */
export function redo(work: Int32Array, evaluation: Evaluation): void {
  evaluation.moves.redo(work);
}
