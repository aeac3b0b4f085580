import { audit, cellKey, cellIndex, TYPES, type Microcube, type Observations } from '../harness/audit';

/**
 * The auditor itself, on small microcubes stated here: it must catch the
 * patterns of the suppression before issue 14 (a hidden district recovered
 * as national minus province, one cell with two answers) and pass a pattern
 * that protects.
 */
const NONE = TYPES.findIndex((t) => t.level === null);
const S1 = TYPES.findIndex((t) => t.level === 'S1' && !t.meets);

function cube(
  districts: Array<{ code: string; provinceCode: string; teachers: Array<[kind: number, status: number, type: number, n: number]> }>,
): Microcube {
  const counts = new Int32Array(districts.length * 5 * 4 * TYPES.length);
  districts.forEach((d, i) => {
    for (const [k, e, t, n] of d.teachers) counts[cellIndex(i, k, e, t)] += n;
  });
  return { districts: districts.map(({ code, provinceCode }) => ({ code, provinceCode })), counts, needs: new Map() };
}

function observe(cells: Array<[key: string, value: number | null]>): Observations {
  const obs: Observations = { cells: new Map(), needs: new Map(), sources: new Map(), trainedAtLeast: new Map() };
  for (const [key, value] of cells) {
    obs.cells.set(key, [...(obs.cells.get(key) ?? []), value]);
    obs.sources.set(key, [...(obs.sources.get(key) ?? []), 'stated']);
  }
  return obs;
}

// Serang (7 GTY teachers, no qualification) in Banten; Balikpapan (50 GTY teachers with an S1) in Kalimantan Timur.
const WORLD = cube([
  { code: '36.04', provinceCode: '36', teachers: [[0, 2, NONE, 7]] },
  { code: '64.71', provinceCode: '64', teachers: [[0, 2, S1, 50]] },
]);

describe('the disclosure auditor', () => {
  it('recovers a district hidden in its own rows but published as national minus the other province (the old pattern)', async () => {
    const report = await audit(
      WORLD,
      observe([
        [cellKey('N', 'E', 'GTY', 'T'), 57],
        [cellKey('P64', 'E', 'GTY', 'T'), 50],
        [cellKey('P36', 'E', 'GTY', 'T'), null],
        [cellKey('D36.04', 'A', '', 'T'), null],
      ]),
      10,
    );
    expect(report.exposed).toEqual(
      expect.arrayContaining([
        { cell: cellKey('P36', 'E', 'GTY', 'T'), value: 7, low: 7, high: 7 },
        { cell: cellKey('D36.04', 'E', 'GTY', 'T'), value: 7, low: 7, high: 7 },
        // Its other statuses are published nowhere: the district's total is only known to be at least 7.
        { cell: cellKey('D36.04', 'A', '', 'T'), value: 7, low: 7, high: Infinity },
      ]),
    );
  });

  it("links the training tables: a district's trained teachers bound its hidden total from below, and its sibling's from above", async () => {
    // Kutai Kartanegara (42) and Penajam Paser Utara (3) withheld, their province's 45 shown: with 40 of
    // Kutai Kartanegara's teachers shown as trained, Penajam Paser Utara has at most 5.
    const world = cube([
      { code: '64.02', provinceCode: '64', teachers: [[0, 2, S1, 42]] },
      { code: '64.09', provinceCode: '64', teachers: [[0, 2, S1, 3]] },
    ]);
    const cells: Array<[string, number | null]> = [
      [cellKey('P64', 'A', '', 'T'), 45],
      [cellKey('D64.02', 'A', '', 'T'), null],
      [cellKey('D64.09', 'A', '', 'T'), null],
    ];
    expect((await audit(world, observe(cells), 10)).exposed).toEqual([]);
    const linked = observe(cells);
    linked.trainedAtLeast.set('64.02', 40);
    const exposed = (await audit(world, linked, 10)).exposed.find((f) => f.cell === cellKey('D64.09', 'A', '', 'T'));
    expect(exposed && { value: exposed.value, low: Math.abs(exposed.low), high: exposed.high }).toEqual({ value: 3, low: 0, high: 5 });
  });

  it('reports a cell shown in one answer and withheld in another', async () => {
    const report = await audit(
      WORLD,
      observe([
        [cellKey('N', 'A', '', 'T'), 57],
        [cellKey('N', 'A', '', 'T'), null],
      ]),
      10,
    );
    expect(report.inconsistent.map((c) => c.cell)).toEqual([cellKey('N', 'A', '', 'T')]);
  });

  it('reports a small cell shown, and a shown value the database does not hold', async () => {
    const report = await audit(
      WORLD,
      observe([
        [cellKey('D36.04', 'A', '', 'T'), 7],
        [cellKey('D64.71', 'A', '', 'T'), 51],
      ]),
      10,
    );
    expect(report.exposed).toContainEqual({ cell: cellKey('D36.04', 'A', '', 'T'), value: 7, low: 7, high: 7 });
    expect(report.wrong).toEqual([{ cell: cellKey('D64.71', 'A', '', 'T'), shown: 51, truth: 50 }]);
  });

  it('passes when only the national total is published: the districts can be anything from 0 to 57', async () => {
    const report = await audit(WORLD, observe([[cellKey('N', 'A', '', 'T'), 57]]), 10);
    expect(report).toMatchObject({ exposed: [], inconsistent: [], wrong: [] });
    expect(report.protectedCells).toBeGreaterThan(0);
  });
});
