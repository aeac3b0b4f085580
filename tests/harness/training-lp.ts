import loadHighs from 'highs';

/**
 * A small linear program over named non-negative variables, bounded by HiGHS
 * (the `highs` package, WebAssembly): the interval an analyst can derive for
 * a linear expression from every published figure stated as a constraint.
 * Integer variables make it a MILP (the analyst knows counts are whole).
 */
export type Terms = Array<[string, number]>;

interface Row {
  terms: Terms;
  lo: number;
  hi: number;
}

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highs: Promise<Highs> | undefined;

export class LinearModel {
  private readonly vars = new Map<string, string>();
  private readonly rows: Row[] = [];
  private model?: ReturnType<Highs['createModel']>;
  private columns?: Map<string, number>;

  constructor(private readonly integer = true) {}

  /** The solver's name of a variable (names in the LP format are restricted). */
  variable(name: string): string {
    let v = this.vars.get(name);
    if (!v) {
      v = `x${this.vars.size}`;
      this.vars.set(name, v);
      this.dispose();
    }
    return v;
  }

  has(name: string): boolean {
    return this.vars.has(name);
  }

  /** lo <= sum(terms) <= hi. */
  between(terms: Terms, lo: number, hi: number): this {
    for (const [name] of terms) this.variable(name);
    this.rows.push({ terms, lo, hi });
    this.dispose();
    return this;
  }

  equal(terms: Terms, value: number): this {
    return this.between(terms, value, value);
  }

  /**
   * The share `rate` of `num` over `den`, both sums of variables, rounded to
   * its own decimals (half a unit of its last digit either way; an unrounded
   * float is taken as exact, to 1e-9).
   */
  share(num: string[], den: string[], rate: number): this {
    const digits = (String(rate).split('.')[1] ?? '').length;
    const h = digits > 6 ? 1e-9 : 0.5 * 10 ** -digits;
    const terms = (factor: number): Terms => [
      ...num.map((n): [string, number] => [n, 1]),
      ...den.map((d): [string, number] => [d, -factor]),
    ];
    // num - (rate - h) den >= 0 and num - (rate + h) den <= 0.
    this.between(terms(rate - h), 0, Infinity);
    return this.between(terms(rate + h), -Infinity, 0);
  }

  /** The smallest and largest value of sum(terms) over every solution. */
  async bounds(terms: Terms): Promise<{ min: number; max: number }> {
    const solver = await (highs ??= loadHighs());
    for (const [name] of terms) this.variable(name);
    // One model, parsed once; each bound changes the objective only (many hundred bounds on generated data).
    if (!this.model) {
      this.model = solver.createModel({ format: 'lp', data: this.text('Minimize', []) });
      this.model.options.set({ output_flag: false, mip_rel_gap: 0 });
      this.columns = new Map([...this.vars.values()].map((v) => [v, this.model!.getColByName(v)]));
    }
    const model = this.model;
    const n = this.vars.size;
    model.changeColsCost({ kind: 'range', from: 0, to: n - 1 }, new Float64Array(n));
    for (const [name, c] of terms) model.changeColCost(this.columns!.get(this.variable(name))!, c);
    const { objectiveSense, modelStatus } = solver.constants;
    const solve = (sense: 'min' | 'max'): number => {
      model.changeObjectiveSense(sense === 'min' ? objectiveSense.minimize : objectiveSense.maximize);
      model.run();
      const status = model.getModelStatus();
      if (status === modelStatus.unbounded || status === modelStatus.unboundedOrInfeasible) return sense === 'max' ? Infinity : -Infinity;
      if (status !== modelStatus.optimal) throw new Error(`LP ${sense}: status ${status}`);
      return model.getObjectiveValue();
    };
    return { min: solve('min'), max: solve('max') };
  }

  /** Frees the solver's memory. */
  dispose(): void {
    this.model?.dispose();
    this.model = undefined;
  }

  private text(sense: 'Minimize' | 'Maximize', objective: Terms): string {
    const expr = (terms: Terms) => {
      const merged = new Map<string, number>();
      for (const [name, c] of terms) merged.set(this.variable(name), (merged.get(this.variable(name)) ?? 0) + c);
      const parts = [...merged].filter(([, c]) => c !== 0).map(([v, c]) => `${c < 0 ? '-' : '+'} ${Math.abs(c)} ${v}`);
      return parts.length ? parts.join(' ') : `+ 0 ${[...this.vars.values()][0]}`;
    };
    const lines = [sense, ` obj: ${expr(objective)}`, 'Subject To'];
    this.rows.forEach((r, i) => {
      if (r.lo === r.hi) lines.push(` c${i}: ${expr(r.terms)} = ${r.lo}`);
      else {
        if (r.lo > -Infinity) lines.push(` l${i}: ${expr(r.terms)} >= ${r.lo}`);
        if (r.hi < Infinity) lines.push(` u${i}: ${expr(r.terms)} <= ${r.hi}`);
      }
    });
    lines.push('Bounds', ...[...this.vars.values()].map((v) => ` ${v} >= 0`));
    if (this.integer) lines.push('Generals', ` ${[...this.vars.values()].join(' ')}`);
    lines.push('End');
    return lines.join('\n');
  }
}

/** A hidden count whose derivable interval does not reach 0 and `min` (the protection interval). */
export interface Exposure {
  cell: string;
  truth: number;
  min: number;
  max: number;
}

/** True when the interval leaves a cell of 1..min-1 protected: it reaches 0 and the minimum cell size. */
export function isProtected(bounds: { min: number; max: number }, minimumCellSize: number): boolean {
  return bounds.min <= 1e-6 && bounds.max >= minimumCellSize - 1e-6;
}
