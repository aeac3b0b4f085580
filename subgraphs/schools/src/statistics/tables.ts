import { SuppressionTable } from '@mitra/kit';
import { QUALIFICATION_ORDER, type QualificationLevel } from '../graphql/enums';
import type { TeacherGroupRow } from './aggregates';

/** The counts behind one QualificationBreakdown. */
export interface BreakdownCounts {
  teachers: number;
  meeting: number;
  levels: Record<QualificationLevel, number>;
}

export function emptyCounts(): BreakdownCounts {
  return {
    teachers: 0,
    meeting: 0,
    levels: Object.fromEntries(QUALIFICATION_ORDER.map((l) => [l, 0])) as Record<QualificationLevel, number>,
  };
}

export function addRow(counts: BreakdownCounts, row: TeacherGroupRow): void {
  counts.teachers += row.count;
  if (row.meets) counts.meeting += row.count;
  if (row.highest) counts.levels[row.highest] += row.count;
}

/** The columns of a breakdown; NM (not meeting) and R (no qualification) are derivable, never displayed. */
const COLUMNS = ['T', 'M', 'NM', 'R', ...QUALIFICATION_ORDER.map((l) => `L:${l}`)];
export const DISPLAYED_COLUMNS = ['T', 'M', ...QUALIFICATION_ORDER.map((l) => `L:${l}`)];

export function addBreakdown(table: SuppressionTable, prefix: string, c: BreakdownCounts): void {
  const withLevel = QUALIFICATION_ORDER.reduce((acc, l) => acc + c.levels[l], 0);
  table.cell(`${prefix}T`, c.teachers);
  table.cell(`${prefix}M`, c.meeting);
  table.cell(`${prefix}NM`, c.teachers - c.meeting, false);
  table.cell(`${prefix}R`, c.teachers - withLevel, false);
  for (const l of QUALIFICATION_ORDER) table.cell(`${prefix}L:${l}`, c.levels[l]);
  table.sum(`${prefix}T`, [`${prefix}M`, `${prefix}NM`]);
  table.sum(`${prefix}T`, [...QUALIFICATION_ORDER.map((l) => `${prefix}L:${l}`), `${prefix}R`]);
}

/** Each column of `total` is the sum of the same column over `parts`. */
export function addColumnSums(table: SuppressionTable, total: string, parts: string[]): void {
  if (!parts.length) return;
  for (const col of COLUMNS)
    table.sum(
      `${total}${col}`,
      parts.map((p) => `${p}${col}`),
    );
}

export interface Breakdown {
  teacherCount: number | null;
  meetingStandard: number | null;
  shareMeetingStandard: number | null;
  byLevel: Array<{ level: QualificationLevel; count: number | null }>;
  suppressed: boolean;
}

export function readBreakdown(table: SuppressionTable, prefix: string): Breakdown {
  const teacherCount = table.get(`${prefix}T`);
  const meetingStandard = table.get(`${prefix}M`);
  return {
    teacherCount,
    meetingStandard,
    shareMeetingStandard:
      teacherCount != null && meetingStandard != null && teacherCount > 0
        ? Math.round((meetingStandard / teacherCount) * 10_000) / 10_000
        : null,
    byLevel: QUALIFICATION_ORDER.map((level) => ({ level, count: table.get(`${prefix}L:${level}`) })),
    suppressed: table.anyHidden(DISPLAYED_COLUMNS.map((c) => `${prefix}${c}`)),
  };
}

export interface DistrictInfo {
  code: string;
  name: string;
  provinceCode: string;
}

/**
 * The one suppression pattern for geography: districts add up to their
 * province, provinces to the nation. Every district figure, every
 * province-filtered table and the national table read the same pattern, so
 * no two answers can be differenced into a hidden count.
 */
export function geographyTable(rows: TeacherGroupRow[], districts: DistrictInfo[], minimumCellSize: number): SuppressionTable {
  const table = new SuppressionTable(minimumCellSize);
  const byDistrict = new Map(districts.map((d) => [d.code, emptyCounts()]));
  for (const row of rows) {
    let c = byDistrict.get(row.districtCode);
    if (!c) byDistrict.set(row.districtCode, (c = emptyCounts()));
    addRow(c, row);
  }
  const provinceOf = new Map(districts.map((d) => [d.code, d.provinceCode]));
  for (const row of rows) provinceOf.set(row.districtCode, row.provinceCode);
  const byProvince = new Map<string, string[]>();
  for (const [code, counts] of byDistrict) {
    addBreakdown(table, districtPrefix(code), counts);
    const p = provinceOf.get(code) ?? '?';
    byProvince.set(p, [...(byProvince.get(p) ?? []), code]);
  }
  const national = emptyCounts();
  for (const [province, codes] of byProvince) {
    const counts = emptyCounts();
    for (const row of rows) if ((provinceOf.get(row.districtCode) ?? '?') === province) addRow(counts, row);
    addBreakdown(table, provincePrefix(province), counts);
    addColumnSums(table, provincePrefix(province), codes.map(districtPrefix));
  }
  for (const row of rows) addRow(national, row);
  addBreakdown(table, NATIONAL, national);
  addColumnSums(table, NATIONAL, [...byProvince.keys()].map(provincePrefix));
  return table;
}

export const NATIONAL = 'N:';
export const districtPrefix = (code: string) => `D${code}:`;
export const provincePrefix = (code: string) => `P${code}:`;
