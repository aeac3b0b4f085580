import type { StatRow } from './chart-rows';
import { figure, valueOf } from './format';
import type { TotalFiguresFragment } from './gql/graphql';

/** What the districts' list can be ordered by: a column of its table. */
export type SortKey = 'name' | 'teachers' | 'meeting' | 'share';
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

/** A ranking first: the highest share meeting the standard on top. */
export const DEFAULT_SORT: Sort = { key: 'share', dir: 'desc' };

/** At most this many districts are drawn; the table lists every one that matches the search. */
export const CHART_LIMIT = 15;

/** The direction a column starts in when first picked: names A to Z, figures largest first. */
export const firstDirection = (key: SortKey): Sort['dir'] => (key === 'name' ? 'asc' : 'desc');

/** Picking the column already sorted on turns it round; another column starts in its first direction. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: firstDirection(key) };
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase('id');

/** Districts whose name or code contains every word of the search, in any case. */
export function filterRows(rows: readonly StatRow[], search: string): StatRow[] {
  const words = fold(search).split(/\s+/).filter(Boolean);
  if (!words.length) return [...rows];
  return rows.filter((row) => {
    const haystack = fold(`${row.label} ${row.detail ?? ''}`);
    return words.every((w) => haystack.includes(w));
  });
}

/**
 * Rows in the order asked for. A figure that is withheld or missing sorts
 * after every figure, whichever the direction: it is not a zero. Ties keep
 * the name order.
 */
export function sortRows(rows: readonly StatRow[], sort: Sort): StatRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const byName = (a: StatRow, b: StatRow) => a.label.localeCompare(b.label, 'id') || a.key.localeCompare(b.key);
  return [...rows].sort((a, b) => {
    if (sort.key === 'name') return sign * byName(a, b);
    const [x, y] = [valueOf(a.figures[sort.key]), valueOf(b.figures[sort.key])];
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return sign * (x - y) || byName(a, b);
  });
}

/** A total (a province, the nation) as a row below the districts, never picked. */
export function totalRow(key: string, label: string, total: TotalFiguresFragment): StatRow {
  return {
    key,
    label,
    reference: true,
    figures: {
      share: figure(total.shareMeetingStandard, total.suppressed),
      teachers: figure(total.teacherCount, total.suppressed),
      meeting: figure(total.meetingStandard, total.suppressed),
    },
  };
}
