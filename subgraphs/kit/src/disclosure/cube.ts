/**
 * The microcube behind a set of linked tables: units (e.g. teachers)
 * counted per leaf area (district) × a value of each of two classifications
 * (e.g. school kind, employment status) × a type (e.g. highest level and
 * whether the standard is met). Every published cell is a sum of
 * microcells: an area (leaf, parent or the nation) × a group (everyone, or
 * one value of one classification) × a column (T: everyone, or a column a
 * type belongs to).
 */
export interface CubeShape {
  /** Leaf areas with the parent area each belongs to. */
  leaves: ReadonlyArray<{ code: string; parent: string }>;
  /** Exactly two classifications, each with its values. */
  classifications: readonly [readonly string[], readonly string[]];
  /** Columns besides T; `published: false` for columns only derivable (still protected). */
  columns: ReadonlyArray<{ id: string; published: boolean }>;
  /** Each type's columns (ids from `columns`). */
  types: ReadonlyArray<{ columns: readonly string[] }>;
}

export const NATIONAL = 'N';

export class Cube {
  readonly parents: string[];
  readonly geoCount: number;
  readonly groupCount: number;
  readonly columnCount: number;
  readonly counts: Int32Array;
  /** Column indices (1-based, 0 = T) of each type. */
  readonly typeColumns: number[][];
  readonly published: boolean[];
  readonly parentOf: number[];
  private readonly geoIndex = new Map<string, number>();
  private membership?: { start: Int32Array; cells: Int32Array };

  constructor(readonly shape: CubeShape) {
    this.parents = [...new Set(shape.leaves.map((l) => l.parent))].sort();
    const L = shape.leaves.length;
    shape.leaves.forEach((l, i) => this.geoIndex.set(l.code, i));
    this.parents.forEach((p, i) => this.geoIndex.set(`P:${p}`, L + i));
    this.geoIndex.set(NATIONAL, L + this.parents.length);
    this.parentOf = shape.leaves.map((l) => L + this.parents.indexOf(l.parent));
    this.geoCount = L + this.parents.length + 1;
    this.groupCount = 1 + shape.classifications[0].length + shape.classifications[1].length;
    this.columnCount = 1 + shape.columns.length;
    const columnIndex = new Map(shape.columns.map((c, i) => [c.id, i + 1]));
    this.typeColumns = shape.types.map((t) => t.columns.map((c) => columnIndex.get(c) ?? -1));
    this.published = [true, ...shape.columns.map((c) => c.published)];
    const [a, b] = shape.classifications;
    this.counts = new Int32Array(L * a.length * b.length * shape.types.length);
  }

  get national(): number {
    return this.geoCount - 1;
  }

  /** Geography index of a leaf code, `P:<parent>` or N; undefined when unknown. */
  geo(id: string): number | undefined {
    return this.geoIndex.get(id);
  }

  isLeaf(geo: number): boolean {
    return geo < this.shape.leaves.length;
  }

  /** The leaves inside a geography. */
  leavesOf(geo: number): number[] {
    const L = this.shape.leaves.length;
    if (geo < L) return [geo];
    if (geo === this.national) return [...Array(L).keys()];
    return [...Array(L).keys()].filter((d) => this.parentOf[d] === geo);
  }

  micro(leaf: number, a: number, b: number, type: number): number {
    const [ca, cb] = this.shape.classifications;
    return ((leaf * ca.length + a) * cb.length + b) * this.shape.types.length + type;
  }

  coordinates(micro: number): [leaf: number, a: number, b: number, type: number] {
    const T = this.shape.types.length;
    const B = this.shape.classifications[1].length;
    const A = this.shape.classifications[0].length;
    const type = micro % T;
    const b = Math.floor(micro / T) % B;
    const a = Math.floor(micro / (T * B)) % A;
    return [Math.floor(micro / (T * B * A)), a, b, type];
  }

  /** Group index: 0 everyone, then the first classification's values, then the second's. */
  group(classification: 0 | 1, value: number): number {
    return 1 + (classification === 0 ? value : this.shape.classifications[0].length + value);
  }

  cell(geo: number, group: number, column: number): number {
    return (geo * this.groupCount + group) * this.columnCount + column;
  }

  get cellCount(): number {
    return this.geoCount * this.groupCount * this.columnCount;
  }

  decodeCell(cell: number): [geo: number, group: number, column: number] {
    const column = cell % this.columnCount;
    const group = Math.floor(cell / this.columnCount) % this.groupCount;
    return [Math.floor(cell / (this.columnCount * this.groupCount)), group, column];
  }

  /** Calls `visit` with every cell a microcell belongs to. */
  forEachCellOf(micro: number, visit: (cell: number) => void): void {
    const { start, cells } = this.memberships();
    for (let i = start[micro], end = start[micro + 1]; i < end; i++) visit(cells[i]);
  }

  /**
   * The cells of every microcell, computed once per cube: those of `micro` are
   * `cells[start[micro]]` to `cells[start[micro + 1] - 1]`, area (leaf, parent,
   * nation) outermost, then group (everyone, its value of each
   * classification), then column (T, its type's columns). Protection asks
   * for them millions of times (at 100,000 teachers 8 of its 12 s went to
   * building them call by call), so they are laid out flat.
   */
  memberships(): { start: Int32Array; cells: Int32Array } {
    if (this.membership) return this.membership;
    const n = this.counts.length;
    const start = new Int32Array(n + 1);
    for (let micro = 0; micro < n; micro++) start[micro + 1] = start[micro] + 9 * (1 + this.typeColumns[this.coordinates(micro)[3]].length);
    const cells = new Int32Array(start[n]);
    for (let micro = 0, i = 0; micro < n; micro++) {
      const [leaf, a, b, type] = this.coordinates(micro);
      for (const g of [leaf, this.parentOf[leaf], this.national])
        for (const gr of [0, this.group(0, a), this.group(1, b)])
          for (const c of [0, ...this.typeColumns[type]]) cells[i++] = this.cell(g, gr, c);
    }
    return (this.membership = { start, cells });
  }

  /** The value of every cell. */
  cellValues(): Int32Array {
    const values = new Int32Array(this.cellCount);
    this.counts.forEach((n, micro) => {
      if (n) this.forEachCellOf(micro, (cell) => (values[cell] += n));
    });
    return values;
  }
}
