import { LEVELS, oracleTeachers, type OracleTeacher } from '../statistics-oracle';
import { sql } from '../db';

/**
 * The microcube an analyst reasons about: teachers counted per district ×
 * school kind × employment status × type, a type being the highest level
 * (or none) and whether the teacher meets the standard. Every published
 * qualification figure is a sum of its cells; the auditor's variables are
 * these cells. Meeting the standard needs a D4 or higher (public rule), so a
 * type "meets" exists only for those levels: a structural zero the analyst
 * knows.
 */
export const KINDS = ['TK', 'KB', 'TPA', 'SPS', 'RA'];
export const STATUSES = ['PNS', 'PPPK', 'GTY', 'GTT'];
export const STANDARD_LEVELS = ['D4', 'S1', 'S2', 'S3'];

export interface CellType {
  level: string | null;
  meets: boolean;
}
export const TYPES: CellType[] = [
  { level: null, meets: false },
  ...LEVELS.map((level) => ({ level, meets: false })),
  ...STANDARD_LEVELS.map((level) => ({ level, meets: true })),
];

/** Published columns of a breakdown, and the two derivable ones (not meeting, no qualification) that are protected too. */
export const COLUMNS = ['T', 'M', ...LEVELS, 'NM', 'R'];
export const PUBLISHED_COLUMNS = ['T', 'M', ...LEVELS];

export function typeInColumn(t: CellType, column: string): boolean {
  if (column === 'T') return true;
  if (column === 'M') return t.meets;
  if (column === 'NM') return !t.meets;
  if (column === 'R') return t.level === null;
  return t.level === column;
}

export interface District {
  code: string;
  provinceCode: string;
}

export interface Microcube {
  districts: District[];
  /** counts[((d * KINDS + k) * STATUSES + e) * TYPES + t] */
  counts: Int32Array;
  /** Teachers named by open needs, per `D<code>|need:<area>` (every district and area, zeros included). */
  needs: Map<string, number>;
}

export const cellIndex = (d: number, k: number, e: number, t: number): number =>
  ((d * KINDS.length + k) * STATUSES.length + e) * TYPES.length + t;

/** The truth, from the schools database (the test's oracle, never the product's code). */
export async function loadMicrocube(): Promise<Microcube> {
  const districts = await sql<{ code: string; province_code: string }>('schools', 'select code, province_code from district order by code');
  const list = districts.map((d) => ({ code: d.code, provinceCode: d.province_code }));
  const position = new Map(list.map((d, i) => [d.code, i]));
  const counts = new Int32Array(list.length * KINDS.length * STATUSES.length * TYPES.length);
  const teachers: OracleTeacher[] = await oracleTeachers();
  for (const t of teachers) {
    const type = TYPES.findIndex((c) => c.level === t.highest && c.meets === t.meets);
    if (type < 0) throw new Error(`teacher ${t.id}: meets the standard with highest level ${t.highest}`);
    counts[cellIndex(position.get(t.district_code)!, KINDS.indexOf(t.kind), STATUSES.indexOf(t.employment_status), type)] += 1;
  }
  const needs = new Map<string, number>();
  const areas = await sql<{ area: string }>('schools', 'select distinct area from training_need');
  const open = await sql<{ district_code: string; area: string; n: number }>(
    'schools',
    `select s.district_code, n.area, count(distinct n.teacher_id)::int as n
       from training_need n join school s on s.npsn = n.school_npsn where n.status = 'OPEN' group by 1, 2`,
  );
  for (const d of list) for (const { area } of areas) needs.set(`D${d.code}|need:${area}`, 0);
  for (const r of open) needs.set(`D${r.district_code}|need:${r.area}`, Number(r.n));
  return { districts: list, counts, needs };
}

/**
 * A table cell: geography (N, P<code>, D<code>) × group (all, a school kind
 * or an employment status) × column. `key` names it in reports.
 */
export interface CellSpec {
  key: string;
  geo: string;
  family: 'A' | 'K' | 'E';
  group: string;
  column: string;
}

export function cellKey(geo: string, family: 'A' | 'K' | 'E', group: string, column: string): string {
  return `${geo}|${family}${group ? `:${group}` : ''}|${column}`;
}

/** Every cell of the linked tables, published or derivable. */
export function allCells(cube: Microcube): CellSpec[] {
  const geos = ['N', ...new Set(cube.districts.map((d) => `P${d.provinceCode}`)), ...cube.districts.map((d) => `D${d.code}`)];
  const groups: Array<['A' | 'K' | 'E', string]> = [
    ['A', ''],
    ...KINDS.map((k) => ['K', k] as ['K', string]),
    ...STATUSES.map((s) => ['E', s] as ['E', string]),
  ];
  const cells: CellSpec[] = [];
  for (const geo of geos)
    for (const [family, group] of groups)
      for (const column of COLUMNS) cells.push({ key: cellKey(geo, family, group, column), geo, family, group, column });
  return cells;
}

/** The microcube cells a table cell adds up (indices into counts). */
export function membersOf(cube: Microcube, cell: CellSpec): number[] {
  const members: number[] = [];
  cube.districts.forEach((d, di) => {
    if (cell.geo !== 'N' && cell.geo !== `P${d.provinceCode}` && cell.geo !== `D${d.code}`) return;
    KINDS.forEach((kind, k) => {
      if (cell.family === 'K' && cell.group !== kind) return;
      STATUSES.forEach((status, e) => {
        if (cell.family === 'E' && cell.group !== status) return;
        TYPES.forEach((type, t) => {
          if (typeInColumn(type, cell.column)) members.push(cellIndex(di, k, e, t));
        });
      });
    });
  });
  return members;
}

export const valueOf = (cube: Microcube, members: number[]): number => members.reduce((sum, i) => sum + cube.counts[i], 0);
