import type { Measure, StatRow } from '../chart-rows';
import { messages, type Lang } from '../i18n';

export interface StatTableProps {
  rows: StatRow[];
  measures: Measure[];
  labelHeader: string;
  lang: Lang;
  caption: string;
}

/** The chart's figures as a table: a suppressed cell says so, it is never blank or zero. */
export function StatTable({ rows, measures, labelHeader, lang, caption }: StatTableProps) {
  const t = messages(lang);
  return (
    <div className="table-wrap">
      <table className="stat-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeader}</th>
            {measures.map((m) => (
              <th scope="col" key={m.key} className="num">
                {m.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className={row.highlight ? 'highlight' : undefined} data-row={row.key}>
              <th scope="row">
                {row.label}
                {row.detail ? <span className="detail">{row.detail}</span> : null}
              </th>
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
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
