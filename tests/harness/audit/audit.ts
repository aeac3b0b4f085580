import { boundModel, type LinearRow } from './lp';
import { allCells, membersOf, valueOf, KINDS, STATUSES, TYPES, cellIndex, type Microcube } from './microcube';
import type { Observations } from './collect';

/**
 * The auditor: every figure a caller saw, stated as linear constraints on
 * the microcube (non-negative counts, each published cell the sum of its
 * microcells), and for every protected cell (a true count of 1..k-1, shown
 * or derivable) the interval a linear program derives. A cell is protected
 * when that interval, rounded inward to whole numbers, reaches 0 and k.
 */
export interface Finding {
  cell: string;
  value: number;
  /** The interval derivable from everything published (integers). */
  low: number;
  high: number;
}

export interface AuditReport {
  /** Cells shown with different values (or shown in one answer, hidden in another). */
  inconsistent: Array<{ cell: string; values: Array<number | null>; sources: string[] }>;
  /** Shown values that differ from the database. */
  wrong: Array<{ cell: string; shown: number; truth: number }>;
  /** Protected cells whose interval is narrower than [0, k]. */
  exposed: Finding[];
  protectedCells: number;
  publishedCells: number;
  hiddenCells: number;
  solves: number;
}

const EPS = 1e-6;

export async function audit(cube: Microcube, obs: Observations, k: number): Promise<AuditReport> {
  const report: AuditReport = { inconsistent: [], wrong: [], exposed: [], protectedCells: 0, publishedCells: 0, hiddenCells: 0, solves: 0 };
  const shown = new Map<string, number>();
  for (const [cell, values] of [...obs.cells, ...obs.needs]) {
    const numbers = [...new Set(values.filter((v): v is number => v !== null))];
    if (numbers.length > 1 || (numbers.length === 1 && values.includes(null)))
      report.inconsistent.push({ cell, values: [...new Set(values)], sources: [...new Set(obs.sources.get(cell))] });
    if (numbers.length) shown.set(cell, numbers[0]);
  }

  const numVars = cube.counts.length;
  const upper = new Float64Array(numVars).fill(Infinity);
  const rows: LinearRow[] = [];
  const targets: Array<{ cell: string; value: number; vars: number[] }> = [];
  for (const cell of allCells(cube)) {
    const members = membersOf(cube, cell);
    const truth = valueOf(cube, members);
    const value = shown.get(cell.key);
    if (value !== undefined) {
      report.publishedCells += 1;
      if (value !== truth) report.wrong.push({ cell: cell.key, shown: value, truth });
      if (value === 0) for (const m of members) upper[m] = 0;
      else rows.push({ vars: members, lower: value, upper: value });
    } else if (obs.cells.has(cell.key)) report.hiddenCells += 1;
    if (truth > 0 && truth < k) {
      report.protectedCells += 1;
      if (value !== undefined) report.exposed.push({ cell: cell.key, value: truth, low: value, high: value });
      else targets.push({ cell: cell.key, value: truth, vars: members });
    }
  }

  // The training tables: a district has at least as many teachers as the other partners show trained there.
  const districtVars = (d: number): number[] => {
    const out: number[] = [];
    for (let kk = 0; kk < KINDS.length; kk++)
      for (let e = 0; e < STATUSES.length; e++) for (let t = 0; t < TYPES.length; t++) out.push(cellIndex(d, kk, e, t));
    return out;
  };
  for (const [code, trained] of obs.trainedAtLeast) {
    const d = cube.districts.findIndex((x) => x.code === code);
    if (d >= 0) rows.push({ vars: districtVars(d), lower: trained, upper: Infinity });
  }

  // Needs: a count of teachers of one district is at most the district's teachers.
  let extra = 0;
  const needVars: Array<{ cell: string; value: number; index: number; district: number[] }> = [];
  for (const [cell, truth] of cube.needs) {
    const value = shown.get(cell);
    const districtCode = cell.slice(1, cell.indexOf('|'));
    const d = cube.districts.findIndex((x) => x.code === districtCode);
    const district = districtVars(d);
    if (value !== undefined) {
      if (value !== truth) report.wrong.push({ cell, shown: value, truth });
      if (truth > 0 && truth < k) report.exposed.push({ cell, value: truth, low: value, high: value });
      continue;
    }
    if (truth > 0 && truth < k) {
      report.protectedCells += 1;
      needVars.push({ cell, value: truth, index: numVars + extra++, district });
    }
  }
  const allUpper = new Float64Array(numVars + extra).fill(Infinity);
  allUpper.set(upper);
  for (const n of needVars)
    rows.push({ vars: [n.index, ...n.district], coefficients: [1, ...n.district.map(() => -1)], lower: -Infinity, upper: 0 });
  for (const n of needVars) targets.push({ cell: n.cell, value: n.value, vars: [n.index] });

  // Nothing published: every count is any non-negative number, nothing to solve.
  if (!rows.length && !allUpper.some((u) => u === 0)) return report;
  const model = await boundModel(numVars + extra, allUpper, rows);
  try {
    const down = new Set<number>();
    const up = new Set<number>();
    const certify = (solution: Float64Array | null): void => {
      if (!solution) return;
      targets.forEach((t, i) => {
        const v = t.vars.reduce((s, x) => s + solution[x], 0);
        if (v <= EPS) down.add(i);
        if (v >= k - EPS) up.add(i);
      });
    };
    for (let i = 0; i < targets.length; i++) {
      let low = 0;
      let high = k;
      if (!down.has(i)) {
        const r = model.optimize(targets[i].vars, 1);
        report.solves += 1;
        low = Math.ceil(r.value - EPS);
        certify(r.solution);
      }
      if (!up.has(i)) {
        const r = model.optimize(targets[i].vars, -1);
        report.solves += 1;
        high = Math.floor(r.value + EPS);
        certify(r.solution);
      }
      if (low > 0 || high < k) report.exposed.push({ cell: targets[i].cell, value: targets[i].value, low, high });
    }
  } finally {
    model.dispose();
  }
  return report;
}
