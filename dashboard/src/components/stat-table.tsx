import type { Measure, StatRow } from '../chart-rows';
import type { Sort, SortKey } from '../district-list';
import { messages, type Lang } from '../i18n';

/** A table whose columns sort: the order it is in, and what a click on a column's head asks for. */
export interface TableSort {
  sort: Sort;
  /** The column key of the row labels (e.g. the districts' names). */
  labelKey: SortKey;
  /** The columns that sort, the labels' among them. */
  keys: readonly SortKey[];
  onSort: (key: SortKey) => void;
}

export interface StatTableProps {
  rows: StatRow[];
  measures: Measure[];
  labelHeader: string;
  lang: Lang;
  caption: string;
  /** Totals below the rows (a province, the nation), whatever the order of the rows. */
  footRows?: StatRow[];
  sorting?: TableSort;
}

const ariaSort = (sorting: TableSort | undefined, key: string) =>
  sorting?.sort.key === key ? (sorting.sort.dir === 'asc' ? 'ascending' : 'descending') : undefined;

function HeaderCell({ columnKey, label, sorting, numeric }: { columnKey: string; label: string; sorting?: TableSort; numeric: boolean }) {
  const sortable = sorting?.keys.includes(columnKey as SortKey);
  return (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={ariaSort(sorting, columnKey)} data-column={columnKey}>
      {sorting && sortable ? (
        <button type="button" className="sort-button" onClick={() => sorting.onSort(columnKey as SortKey)}>
          {label}
          <span className="sort-mark" aria-hidden="true">
            {sorting.sort.key === columnKey ? (sorting.sort.dir === 'asc' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      ) : (
        label
      )}
    </th>
  );
}

function Cells({ row, measures, lang }: { row: StatRow; measures: Measure[]; lang: Lang }) {
  const t = messages(lang);
  return (
    <>
      {measures.map((m) => {
        const f = row.figures[m.key];
        if (f?.kind === 'value') {
          return (
            <td key={m.key} className="num" data-measure={m.key}>
              {m.format(lang, f.value)}
            </td>
          );
        }
        if (f?.kind === 'suppressed') {
          return (
            <td key={m.key} className="num" data-measure={m.key} data-suppressed="true">
              <span className="suppressed-chip">{t.suppressed}</span>
            </td>
          );
        }
        return (
          <td key={m.key} className="num muted" data-measure={m.key}>
            {t.noData}
          </td>
        );
      })}
    </>
  );
}

function Row({ row, measures, lang }: { row: StatRow; measures: Measure[]; lang: Lang }) {
  const className = [row.highlight ? 'highlight' : '', row.reference ? 'reference' : ''].filter(Boolean).join(' ');
  return (
    <tr className={className || undefined} data-row={row.key}>
      <th scope="row">
        {row.label}
        {row.detail ? <span className="detail">{row.detail}</span> : null}
      </th>
      <Cells row={row} measures={measures} lang={lang} />
    </tr>
  );
}

/** The chart's figures as a table: a suppressed cell says so, it is never blank or zero. */
export function StatTable({ rows, measures, labelHeader, lang, caption, footRows, sorting }: StatTableProps) {
  return (
    <div className="table-wrap">
      <table className="stat-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <HeaderCell columnKey={sorting?.labelKey ?? 'label'} label={labelHeader} sorting={sorting} numeric={false} />
            {measures.map((m) => (
              <HeaderCell key={m.key} columnKey={m.key} label={m.label} sorting={sorting} numeric />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <Row key={row.key} row={row} measures={measures} lang={lang} />
          ))}
        </tbody>
        {footRows?.length ? (
          <tfoot>
            {footRows.map((row) => (
              <Row key={row.key} row={row} measures={measures} lang={lang} />
            ))}
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
