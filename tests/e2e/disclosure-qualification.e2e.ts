import { expectNoErrors, gql } from '../harness/client';
import { sql } from '../harness/db';
import {
  collect,
  loadMicrocube,
  allCells,
  membersOf,
  valueOf,
  cellKey,
  KINDS,
  STATUSES,
  PUBLISHED_COLUMNS,
  type Microcube,
  type Observations,
} from '../harness/audit';
import { MIN } from '../harness/statistics-oracle';
import { CALLERS, tokenFor } from '../harness/tokens';

/**
 * Issue 14's cases as regression tests on the demo data, through the
 * gateway: filters that difference groupings, one cell with two answers,
 * a province minus its other districts, zeros that are never withheld, and
 * the headline figures a province office needs.
 */
let token: string;
let cube: Microcube;
let obs: Observations;
/** What a cell shows everywhere it is shown (undefined when withheld). */
const shown = (key: string): number | null | undefined => {
  const values = obs.cells.get(key);
  if (!values) return undefined;
  return values.find((v) => v !== null) ?? null;
};
const truth = new Map<string, number>();

beforeAll(async () => {
  token = (await tokenFor(CALLERS['government analyst']))!;
  cube = await loadMicrocube();
  obs = await collect(cube, token);
  for (const cell of allCells(cube)) truth.set(cell.key, valueOf(cube, membersOf(cube, cell)));
}, 300_000);

const provinces = () => [...new Set(cube.districts.map((d) => d.provinceCode))];
const groups: Array<['A' | 'K' | 'E', string]> = [
  ['A', ''],
  ...KINDS.map((k): ['K', string] => ['K', k]),
  ...STATUSES.map((s): ['E', string] => ['E', s]),
];

/** Every additive relation of published cells: a total and its parts. */
function relations(): Array<{ total: string; parts: string[] }> {
  const out: Array<{ total: string; parts: string[] }> = [];
  const areas = ['N', ...provinces().map((p) => `P${p}`), ...cube.districts.map((d) => `D${d.code}`)];
  for (const column of PUBLISHED_COLUMNS) {
    for (const [family, group] of groups) {
      // National = sum of provinces; a province = sum of its districts (what filters difference).
      out.push({ total: cellKey('N', family, group, column), parts: provinces().map((p) => cellKey(`P${p}`, family, group, column)) });
      for (const p of provinces())
        out.push({
          total: cellKey(`P${p}`, family, group, column),
          parts: cube.districts.filter((d) => d.provinceCode === p).map((d) => cellKey(`D${d.code}`, family, group, column)),
        });
    }
    // An area's total = sum of its kinds = sum of its statuses (what two groupings of one scope difference).
    for (const area of areas) {
      out.push({ total: cellKey(area, 'A', '', column), parts: KINDS.map((k) => cellKey(area, 'K', k, column)) });
      out.push({ total: cellKey(area, 'A', '', column), parts: STATUSES.map((s) => cellKey(area, 'E', s, column)) });
    }
  }
  return out;
}

describe('statistics no subtraction can take apart (issue 14)', () => {
  it('no small figure is the one withheld member of a sum: national minus a province filter, a province minus its other districts', () => {
    const recovered: string[] = [];
    for (const { total, parts } of relations()) {
      const members = [total, ...parts];
      const hidden = members.filter((m) => shown(m) === null);
      if (hidden.length !== 1) continue;
      const value = truth.get(hidden[0])!;
      if (value > 0 && value < MIN) recovered.push(`${hidden[0]} = ${value} from ${total}`);
    }
    expect(recovered).toEqual([]);
  });

  it('one cell, one answer: the SCHOOL_KIND and EMPLOYMENT_STATUS totals are the DISTRICT total, at every scope, and so is District.teacherCount', async () => {
    const inconsistent = [...obs.cells].filter(([, values]) => new Set(values).size > 1).map(([key, values]) => ({ key, values }));
    expect(inconsistent).toEqual([]);
    const query = `query($g: StatisticsGrouping!, $f: StatisticsFilter) { qualificationStatistics(groupBy: $g, filter: $f) { total { teacherCount byLevel { level count } } } }`;
    for (const filter of [null, ...provinces().map((provinceCode) => ({ provinceCode }))]) {
      const totals = [];
      for (const g of ['DISTRICT', 'SCHOOL_KIND', 'EMPLOYMENT_STATUS']) {
        const { body } = await gql(query, { g, f: filter }, { token });
        expectNoErrors(body);
        totals.push(body.data.qualificationStatistics.total);
      }
      expect(totals[1]).toEqual(totals[0]);
      expect(totals[2]).toEqual(totals[0]);
    }
    const { body } = await gql('{ districts { code teacherCount qualifications { teacherCount } } }', undefined, { token });
    expectNoErrors(body);
    for (const d of body.data.districts) {
      expect({ code: d.code, count: d.teacherCount }).toEqual({ code: d.code, count: d.qualifications.teacherCount });
      expect({ code: d.code, count: d.teacherCount }).toEqual({ code: d.code, count: shown(cellKey(`D${d.code}`, 'A', '', 'T')) });
    }
  });

  it('withholds zeros too, so a withheld figure is not known to be at least one', () => {
    const withheldZeros = [...truth].filter(([key, value]) => value === 0 && shown(key) === null);
    expect(withheldZeros.length).toBeGreaterThan(0);
  });

  it('a withheld count of teachers with open needs may be zero: withheld below MIN_CELL_SIZE wherever a school has a need in the area', async () => {
    const rows = await sql<{ district_code: string; area: string; schools: number; teachers: number }>(
      'schools',
      `select s.district_code, n.area, count(distinct n.school_npsn)::int as schools, count(distinct n.teacher_id)::int as teachers
         from training_need n join school s on s.npsn = n.school_npsn where n.status = 'OPEN' group by 1, 2`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const value = shown(`D${r.district_code}|need:${r.area}`) ?? obs.needs.get(`D${r.district_code}|need:${r.area}`)?.[0];
      const expected = r.teachers < MIN ? null : r.teachers;
      expect({ cell: `${r.district_code}.${r.area}`, value }).toEqual({ cell: `${r.district_code}.${r.area}`, value: expected });
    }
  });

  it("keeps the headline figures: the nation's and Kalimantan Timur's totals are shown", () => {
    expect(shown(cellKey('N', 'A', '', 'T'))).toBe(truth.get(cellKey('N', 'A', '', 'T')));
    expect(shown(cellKey('P64', 'A', '', 'T'))).toBe(truth.get(cellKey('P64', 'A', '', 'T')));
  });

  it('keeps the key figure, teachers meeting the standard, in every area but the smallest district and its complement', () => {
    // Penajam Paser Utara (3 teachers) is withheld whole, and so is the one district that hides it
    // (Kutai Kartanegara); the nation, both provinces and the other districts show theirs.
    const areas = ['N', ...provinces().map((p) => `P${p}`), ...cube.districts.map((d) => `D${d.code}`)];
    const withheld = areas.filter((area) => shown(cellKey(area, 'A', '', 'M')) == null);
    expect(withheld.sort()).toEqual(['D64.02', 'D64.09']);
    for (const area of areas.filter((a) => !withheld.includes(a)))
      expect(shown(cellKey(area, 'A', '', 'M'))).toBe(truth.get(cellKey(area, 'A', '', 'M')));
  });
});
