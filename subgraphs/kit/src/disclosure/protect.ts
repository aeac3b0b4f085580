import { isSmallCell } from '../privacy';
import type { Cube } from './cube';
import { classificationOf, evaluate, redo, slices, undo, type Candidate, type Evaluation, type Target } from './perturb';

/**
 * Protection of a whole table set at once. Primary: every cell of 1..k-1
 * (published or only derivable). Secondary: for each primary cell and each
 * direction (down to 0, up to k), a perturbation of the microcube that moves
 * the cell that far and changes no published cell but hidden ones; the
 * cheapest such perturbation is chosen and the cells it changes are hidden.
 * Cost prefers small cells, then leaf areas over parents over the nation,
 * and keeps the key figures and the headline totals (below) wherever any
 * other perturbation will do.
 */
export interface ProtectionStats {
  cells: number;
  primary: number;
  secondary: number;
  /** Primary cells for which no perturbation was found in some direction (hidden, but not proven). */
  unproven: number;
}

const GEO_WEIGHT = [1, 3, 9];
/**
 * The key figure of an area (the first column of everyone: for the
 * qualification set, teachers meeting the standard) costs more than any set
 * of ordinary cells, and a headline total (everyone in an area) more than any
 * set of key figures. Protection goes in stages: ordinary cells only, then
 * key figures too, then headline totals; a stage is tried only when the one
 * before cannot move the cell far enough (`ROUNDS` perturbations each).
 */
const KEY_FIGURE_COST = 1e9;
const HEADLINE_COST = 1e12;
const STAGES = [KEY_FIGURE_COST, HEADLINE_COST, Infinity];
const LEAF_PARTNERS = 3;
const TYPE_PARTNERS = 3;
const ROUNDS = 16;

/** What protecting a cube found: enough to rebuild a ProtectedCube elsewhere (another thread). */
export interface ProtectionResult {
  hidden: Uint8Array;
  hiddenFor: Int32Array;
  stats: ProtectionStats;
  unproven: Array<{ cell: number; direction: number; need: number }>;
}

export class ProtectedCube {
  readonly values: Int32Array;
  readonly hidden: Uint8Array;
  /** For each secondary cell, the primary cell whose protection hid it (-1 otherwise): why a figure is withheld. */
  readonly hiddenFor: Int32Array;
  readonly stats: ProtectionStats;
  readonly unproven: Array<{ cell: number; direction: number; need: number }>;

  /** Protects the cube here, or adopts the result of protecting it elsewhere (protectInWorker). */
  constructor(
    readonly cube: Cube,
    readonly minimumCellSize: number,
    computed?: ProtectionResult,
  ) {
    this.values = cube.cellValues();
    if (computed) {
      ({ hidden: this.hidden, hiddenFor: this.hiddenFor, stats: this.stats, unproven: this.unproven } = computed);
      return;
    }
    this.hidden = new Uint8Array(cube.cellCount);
    this.hiddenFor = new Int32Array(cube.cellCount).fill(-1);
    this.stats = { cells: 0, primary: 0, secondary: 0, unproven: 0 };
    this.unproven = [];
    protect(this);
  }

  result(): ProtectionResult {
    return { hidden: this.hidden, hiddenFor: this.hiddenFor, stats: this.stats, unproven: this.unproven };
  }

  /** The count, or null when withheld. */
  get(geo: number, group: number, column: number): number | null {
    const cell = this.cube.cell(geo, group, column);
    return this.hidden[cell] ? null : this.values[cell];
  }

  isHidden(geo: number, group: number, column: number): boolean {
    return this.hidden[this.cube.cell(geo, group, column)] === 1;
  }
}

function level(cube: Cube, geo: number): number {
  return cube.isLeaf(geo) ? 0 : geo === cube.national ? 2 : 1;
}

function protect(p: ProtectedCube): void {
  const { cube, values, hidden, minimumCellSize: k } = p;
  const cost = new Float64Array(cube.cellCount);
  const primaries: number[] = [];
  for (let cell = 0; cell < cube.cellCount; cell++) {
    const [geo, group, column] = cube.decodeCell(cell);
    if (!cube.published[column]) hidden[cell] = 1;
    if (cube.published[column]) p.stats.cells += 1;
    if (isSmallCell(values[cell], k)) {
      hidden[cell] = 1;
      primaries.push(cell);
      if (cube.published[column]) p.stats.primary += 1;
    }
    const weight = (values[cell] + 1) * GEO_WEIGHT[level(cube, geo)];
    cost[cell] = group === 0 && column === 0 ? HEADLINE_COST + weight : group === 0 && column === 1 ? KEY_FIGURE_COST + weight : weight;
  }
  // Wider areas first: their perturbations reach down to leaves and often protect leaf cells on the way.
  primaries.sort((a, b) => cube.decodeCell(b)[0] - cube.decodeCell(a)[0]);
  const work = Int32Array.from(cube.counts);
  const typeMass = new Float64Array(cube.shape.types.length);
  cube.counts.forEach((n, micro) => {
    if (n) typeMass[cube.coordinates(micro)[3]] += n;
  });
  for (const cell of primaries) {
    const [geo, group, column] = cube.decodeCell(cell);
    const target = { geo, group, column };
    for (const direction of [-1, 1] as const) {
      let need = direction < 0 ? values[cell] : k - values[cell];
      const applied: Evaluation[] = [];
      for (let stage = 0; stage < STAGES.length && need > 0; stage++)
        for (let round = 0; round < ROUNDS && need > 0; round++) {
          // The wider search (every partner, and moves across both axes at once) only when the usual shapes fall
          // short; moves that change headline totals only in the last stage.
          const wide = round >= 2 || stage > 0;
          const options = candidates(cube, values, hidden, typeMass, target, wide, stage === STAGES.length - 1);
          const best = cheapest(cube, work, target, direction, need, options, hidden, cost, STAGES[stage]);
          if (!best || best.achieved === 0) {
            if (wide) break;
            round = 1; // the wider search next
            continue;
          }
          for (const c of best.changed)
            if (!hidden[c]) {
              hidden[c] = 1;
              p.hiddenFor[c] = cell;
            }
          applied.push(best);
          need -= best.achieved;
        }
      for (const e of applied.reverse()) undo(work, e);
      if (need > 0) {
        p.stats.unproven += 1;
        p.unproven.push({ cell, direction, need });
      }
    }
  }
  for (let cell = 0; cell < cube.cellCount; cell++)
    if (hidden[cell] && cube.published[cube.decodeCell(cell)[2]] && !isSmallCell(values[cell], k)) p.stats.secondary += 1;
}

/** A complete perturbation of least cost, else the one going furthest (applied to `work`; the others undone). */
function cheapest(
  cube: Cube,
  work: Int32Array,
  target: Target,
  direction: -1 | 1,
  need: number,
  options: Candidate[],
  hidden: Uint8Array,
  cost: Float64Array,
  ceiling: number,
): Evaluation | undefined {
  let best: { e: Evaluation; price: number } | undefined;
  // Lowering the cell takes units from its own microcells (no perturbation adds to them on the way): empty
  // ones give nothing to any candidate, so they are dropped once for all of them.
  const list = slices(cube, target).filter(([d, a, b, type]) => direction > 0 || work[cube.micro(d, a, b, type)] > 0);
  for (const candidate of options) {
    const e = evaluate(cube, work, target, list, direction, need, candidate);
    undo(work, e);
    if (e.achieved === 0) continue;
    const price = e.changed.reduce((sum, c) => sum + (hidden[c] ? 0 : cost[c]), 0);
    if (price >= ceiling) continue;
    // The least cost per unit achieved (later rounds add the rest), a complete one on a tie.
    const perUnit = price / e.achieved;
    const bestPerUnit = best ? best.price / best.e.achieved : Infinity;
    const better = perUnit < bestPerUnit || (perUnit === bestPerUnit && e.achieved > best!.e.achieved);
    if (better) best = { e, price };
    if (best && best.e.achieved === need && best.price === 0) break;
  }
  if (!best) return undefined;
  // Re-apply the chosen one to the working counts (evaluated on these same counts: the same moves).
  redo(work, best.e);
  return best.e;
}

/** Perturbation shapes worth trying for one cell: partner leaves, values and types, largest first. */
function candidates(
  cube: Cube,
  values: Int32Array,
  hidden: Uint8Array,
  mass: Float64Array,
  t: Target,
  wide: boolean,
  last: boolean,
): Candidate[] {
  const cls = classificationOf(cube, t.group);
  const inside = new Set(cube.leavesOf(t.geo));
  const L = cube.shape.leaves.length;
  const size = (d: number) => values[cube.cell(d, 0, 0)];
  const outside = [...Array(L).keys()].filter((d) => !inside.has(d));
  const parentOfTarget = cube.isLeaf(t.geo) ? cube.parentOf[t.geo] : -1;
  const siblings = outside.filter((d) => cube.parentOf[d] === parentOfTarget).sort((a, b) => size(b) - size(a));
  const others = outside.filter((d) => cube.parentOf[d] !== parentOfTarget).sort((a, b) => size(b) - size(a));
  const leafOptions: Array<number | null> = wide
    ? [...siblings.slice(0, 3 * LEAF_PARTNERS), ...others.slice(0, LEAF_PARTNERS)]
    : [...siblings.slice(0, LEAF_PARTNERS), ...others.slice(0, 1)];
  const needsLeaf = t.group === 0 && t.column === 0;
  if (!needsLeaf) leafOptions.push(null);
  const groupOptions: Array<number | null> = cls
    ? cube.shape.classifications[cls.classification].map((_, v) => v).filter((v) => v !== cls.value)
    : [null];
  if (cls && t.column !== 0) groupOptions.push(null);
  let typeOptions: Array<number | null> = [null];
  const maps = new Map<number, Map<number, number>>();
  if (t.column !== 0) {
    const outside = cube.shape.types.map((_, i) => i).filter((i) => !cube.typeColumns[i].includes(t.column));
    typeOptions = [...outside].sort((a, b) => mass[b] - mass[a]).slice(0, wide ? undefined : TYPE_PARTNERS);
    // Each type of the cell moves to the partner-like type sharing most of its other columns (a level
    // change keeps "meets the standard" where it can), so fewer columns change.
    const own = cube.shape.types.map((_, i) => i).filter((i) => cube.typeColumns[i].includes(t.column));
    for (const option of typeOptions) {
      const target = new Set(cube.typeColumns[option!].filter((c) => !cube.typeColumns[own[0]].includes(c) || c === t.column));
      const map = new Map<number, number>();
      for (const type of own) {
        const keep = cube.typeColumns[type].filter((c) => c !== t.column);
        const fits = outside.filter((o) => [...target].every((c) => c === t.column || cube.typeColumns[o].includes(c)));
        const best = fits.sort((a, b) => shared(cube, b, keep) - shared(cube, a, keep) || mass[b] - mass[a])[0];
        if (best !== undefined) map.set(type, best);
      }
      maps.set(option!, map);
    }
    // Units moving between groups or areas with their type (the group or area totals change instead of a
    // second column: cheap where those are withheld already, as a small area's total is).
    typeOptions.push(null);
  }
  const out: Candidate[] = [];
  for (const type of typeOptions)
    for (const group of groupOptions)
      for (const leaf of leafOptions)
        if (type !== null || group !== null || leaf !== null)
          out.push({ leaf, group, type, typeMap: type === null ? undefined : maps.get(type) });
  if (wide && cls && t.column !== 0)
    for (const type of typeOptions)
      for (const group of groupOptions) if (group !== null) out.push({ leaf: null, group, type, diagonal: true });
  // A small area whose total is withheld takes units from a partner area, which takes as many of other types
  // from an area whose total is withheld too (the partner's total is unchanged).
  if (wide && cube.isLeaf(t.geo) && hidden[cube.cell(t.geo, 0, 0)]) {
    const relays = siblings.filter((d) => hidden[cube.cell(d, 0, 0)]).slice(0, LEAF_PARTNERS);
    for (const relay of relays) for (const leaf of siblings) if (leaf !== relay) out.push({ leaf, group: null, type: null, relay });
  }
  // Last resort: one move from another area, group and type at once (changes headline totals).
  if (last) {
    // Areas whose headline is hidden already first: moving units from there costs least.
    for (const leaf of [...siblings, ...others]) if (hidden[cube.cell(leaf, 0, 0)]) out.push({ leaf, group: null, type: null, pool: true });
    for (const leaf of leafOptions) if (leaf !== null) out.push({ leaf, group: null, type: null, pool: true });
  }
  if (last)
    for (const leaf of leafOptions)
      for (const type of typeOptions) for (const group of groupOptions) if (leaf !== null) out.push({ leaf, group, type, diagonal: true });
  return out;
}

function shared(cube: Cube, type: number, columns: readonly number[]): number {
  return columns.filter((c) => cube.typeColumns[type].includes(c)).length;
}
