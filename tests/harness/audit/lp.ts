/**
 * Bounds of linear expressions over non-negative variables subject to
 * equalities, with HiGHS (wasm, one model reused: each bound is a new
 * objective on the same constraints, warm-started from the last basis).
 */
// highs ships CommonJS with a default-exported loader.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadHighs: () => Promise<any> = require('highs');

export interface LinearRow {
  /** Variable indices with coefficient 1 (or the coefficients in `coefficients`). */
  vars: number[];
  coefficients?: number[];
  lower: number;
  upper: number;
}

export interface BoundModel {
  /** min (sense 1) or max (sense -1) of the sum of `vars`; the solution's values with it. */
  /** The solution is null when the bound is infinite (no vertex to read other cells from). */
  optimize(vars: number[], sense: 1 | -1): { value: number; solution: Float64Array | null };
  dispose(): void;
}

export async function boundModel(numVars: number, upper: Float64Array, rows: LinearRow[]): Promise<BoundModel> {
  const highs = await loadHighs();
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    row.vars.forEach((v, i) => {
      indices.push(v);
      values.push(row.coefficients?.[i] ?? 1);
    });
    starts.push(indices.length);
  }
  const model = highs.createModel({
    numCols: numVars,
    numRows: rows.length,
    colCost: new Float64Array(numVars),
    colLower: new Float64Array(numVars),
    colUpper: upper,
    rowLower: rows.map((r) => r.lower),
    rowUpper: rows.map((r) => r.upper),
    matrix: { format: 'csr', numRows: rows.length, numCols: numVars, starts, indices, values },
  });
  model.options.set('output_flag', false);
  let previous: number[] = [];
  const sense = highs.constants.objectiveSense;
  return {
    optimize(vars, direction) {
      if (previous.length) model.changeColsCost({ kind: 'set', indices: previous }, new Float64Array(previous.length));
      const sorted = [...new Set(vars)].sort((a, b) => a - b);
      if (sorted.length) model.changeColsCost({ kind: 'set', indices: sorted }, new Float64Array(sorted.length).fill(1));
      previous = sorted;
      model.changeObjectiveSense(direction === 1 ? sense.minimize : sense.maximize);
      model.run();
      const status = model.getModelStatus();
      if (status === 10 || status === 9) return { value: direction === 1 ? -Infinity : Infinity, solution: null };
      if (status !== 7) throw new Error(`LP solver status ${status}`);
      return { value: model.getObjectiveValue(), solution: model.getSolution().colValue };
    },
    dispose() {
      model[Symbol.dispose]?.();
    },
  };
}
