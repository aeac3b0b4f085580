import type { StatRow } from '../src/chart-rows';
import { DEFAULT_SORT, filterRows, nextSort, sortRows, totalRow } from '../src/district-list';
import { NONE, SUPPRESSED } from '../src/format';

const row = (key: string, label: string, share: number | null, teachers: number | null): StatRow => ({
  key,
  label,
  detail: key,
  figures: {
    share: share === null ? SUPPRESSED : { kind: 'value', value: share },
    teachers: teachers === null ? NONE : { kind: 'value', value: teachers },
  },
});

const ROWS = [
  row('64.72', 'Kota Samarinda', 0.31, 70),
  row('64.09', 'Kabupaten Penajam Paser Utara', null, null),
  row('64.71', 'Kota Balikpapan', 0.42, 113),
  row('36.04', 'Kabupaten Serang', 0.21, 52),
  row('64.02', 'Kabupaten Kutai Kartanegara', 0.42, 42),
];
const keys = (rows: StatRow[]) => rows.map((r) => r.key);

describe('the districts list', () => {
  it('sorts by a figure largest first by default, ties by name, a withheld figure last either way', () => {
    expect(keys(sortRows(ROWS, DEFAULT_SORT))).toEqual(['64.02', '64.71', '64.72', '36.04', '64.09']);
    expect(keys(sortRows(ROWS, { key: 'share', dir: 'asc' }))).toEqual(['36.04', '64.72', '64.02', '64.71', '64.09']);
    expect(keys(sortRows(ROWS, { key: 'teachers', dir: 'asc' }))).toEqual(['64.02', '36.04', '64.72', '64.71', '64.09']);
    expect(keys(sortRows(ROWS, { key: 'name', dir: 'desc' }))).toEqual(['64.72', '64.71', '36.04', '64.09', '64.02']);
  });

  it('turns a column round when picked again; another column starts names A to Z, figures largest first', () => {
    expect(nextSort({ key: 'share', dir: 'desc' }, 'share')).toEqual({ key: 'share', dir: 'asc' });
    expect(nextSort({ key: 'share', dir: 'asc' }, 'name')).toEqual({ key: 'name', dir: 'asc' });
    expect(nextSort({ key: 'name', dir: 'asc' }, 'teachers')).toEqual({ key: 'teachers', dir: 'desc' });
  });

  it('finds districts by every word of the search, in names and codes, whatever the case', () => {
    expect(keys(filterRows(ROWS, 'KOTA'))).toEqual(['64.72', '64.71']);
    expect(keys(filterRows(ROWS, ' kabupaten  64.0 '))).toEqual(['64.09', '64.02']);
    expect(keys(filterRows(ROWS, 'serang 64'))).toEqual([]);
    expect(filterRows(ROWS, '  ')).toHaveLength(ROWS.length);
  });

  it('makes a total a reference row: a withheld figure suppressed, never zero', () => {
    const total = totalRow('national', 'Nasional', {
      teacherCount: 280,
      meetingStandard: null,
      shareMeetingStandard: null,
      suppressed: true,
    });
    expect(total).toMatchObject({ key: 'national', reference: true });
    expect(total.figures).toEqual({ teachers: { kind: 'value', value: 280 }, meeting: SUPPRESSED, share: SUPPRESSED });
  });
});
