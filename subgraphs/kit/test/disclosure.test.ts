import { Cube, ProtectedCube, type CubeShape } from '../src/disclosure';

// Two classifications (3 and 2 values), three types: "none" (column R, derivable), "a" and "b" (published).
function shape(leaves: Array<[code: string, parent: string]>): CubeShape {
  return {
    leaves: leaves.map(([code, parent]) => ({ code, parent })),
    classifications: [
      ['x', 'y', 'z'],
      ['p', 'q'],
    ],
    columns: [
      { id: 'A', published: true },
      { id: 'B', published: true },
      { id: 'R', published: false },
    ],
    types: [{ columns: ['R'] }, { columns: ['A'] }, { columns: ['B'] }],
  };
}

/** A deterministic pseudo-random fill: most microcells large, some small, some empty. */
function fill(cube: Cube, seed: number, small: (leaf: number) => boolean): void {
  let s = seed;
  const next = () => (s = (s * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < cube.counts.length; i++) {
    const [leaf] = cube.coordinates(i);
    cube.counts[i] = small(leaf) ? (next() < 0.3 ? 1 : 0) : Math.floor(next() * (next() < 0.2 ? 4 : 30));
  }
}

describe('protection of a linked table set', () => {
  it('withholds every count of 1..k-1, proves every one of them both ways, and keeps the headline totals of large areas', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const cube = new Cube(
        shape([
          ['d1', 'p1'],
          ['d2', 'p1'],
          ['d3', 'p1'],
          ['d4', 'p2'],
          ['d5', 'p2'],
        ]),
      );
      fill(cube, seed, () => false);
      const p = new ProtectedCube(cube, 10);
      for (let cell = 0; cell < cube.cellCount; cell++) if (p.values[cell] > 0 && p.values[cell] < 10) expect(p.hidden[cell]).toBe(1);
      expect(p.unproven).toEqual([]);
      for (let geo = 0; geo < cube.geoCount; geo++)
        expect({ seed, geo, hidden: p.isHidden(geo, 0, 0) }).toEqual({ seed, geo, hidden: false });
    }
  });

  it('hides a small district with another district of its province, not the province total', () => {
    const cube = new Cube(
      shape([
        ['d1', 'p1'],
        ['d2', 'p1'],
        ['d3', 'p1'],
        ['d4', 'p2'],
      ]),
    );
    fill(cube, 9, (leaf) => leaf === 0);
    const p = new ProtectedCube(cube, 10);
    expect(p.values[cube.cell(0, 0, 0)]).toBeLessThan(10);
    expect(p.isHidden(0, 0, 0)).toBe(true);
    expect(p.isHidden(cube.geo('P:p1')!, 0, 0)).toBe(false);
    expect(p.isHidden(cube.national, 0, 0)).toBe(false);
    expect([1, 2].filter((d) => p.isHidden(d, 0, 0))).toHaveLength(1);
    expect(p.unproven).toEqual([]);
  });

  it('shows everything when no count is small', () => {
    const cube = new Cube(
      shape([
        ['d1', 'p1'],
        ['d2', 'p2'],
      ]),
    );
    cube.counts.fill(12);
    const p = new ProtectedCube(cube, 10);
    expect(p.stats).toEqual({ cells: p.stats.cells, primary: 0, secondary: 0, unproven: 0 });
    expect(p.get(cube.national, 0, 0)).toBe(12 * cube.counts.length);
  });
});

describe('the cells of a microcell', () => {
  it('are its area, parent and nation × everyone and its two values × T and its type’s columns, each once', () => {
    const cube = new Cube({
      ...shape([
        ['d1', 'p1'],
        ['d2', 'p1'],
        ['d3', 'p2'],
      ]),
      // A type in two columns besides T, as the qualification set's types are.
      types: [{ columns: ['R'] }, { columns: ['A', 'B'] }, { columns: ['B'] }],
    });
    const seen = new Set<string>();
    for (let micro = 0; micro < cube.counts.length; micro++) {
      const [leaf, a, b, type] = cube.coordinates(micro);
      const expected: number[] = [];
      for (const geo of [cube.geo(`d${leaf + 1}`)!, cube.geo(`P:${leaf < 2 ? 'p1' : 'p2'}`)!, cube.geo('N')!])
        for (const group of [0, cube.group(0, a), cube.group(1, b)])
          for (const column of [0, ...cube.typeColumns[type]]) expected.push(cube.cell(geo, group, column));
      const visited: number[] = [];
      cube.forEachCellOf(micro, (cell) => visited.push(cell));
      expect(visited).toEqual(expected);
      expect(new Set(visited).size).toBe(visited.length);
      seen.add(visited.join());
    }
    // Every microcell has cells of its own.
    expect(seen.size).toBe(cube.counts.length);
    // A cube's counts add up the same way through every cell of its nation.
    cube.counts.fill(1);
    const values = cube.cellValues();
    expect(values[cube.cell(cube.national, 0, 0)]).toBe(cube.counts.length);
  });
});
