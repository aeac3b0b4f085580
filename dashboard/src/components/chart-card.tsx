import { useId, useState, type ReactNode } from 'react';
import type { Measure, Series, StatRow } from '../chart-rows';
import { messages, type Lang } from '../i18n';
import { StatChart, type StatChartProps } from './stat-chart';
import { StatTable, type StatTableProps } from './stat-table';

export interface ChartCardProps {
  testId: string;
  title: string;
  subtitle?: ReactNode;
  rows: StatRow[];
  series: Series[];
  tableMeasures: Measure[];
  labelHeader: string;
  lang: Lang;
  minimumCellSize: number;
  chart: Pick<StatChartProps, 'max' | 'layout' | 'height' | 'categoryWidth' | 'axisUnit' | 'onSelect'>;
  /** The legend's swatches; default: one per series. */
  legend?: Array<{ color: string; label: string }>;
  wide?: boolean;
  /** Above both views, e.g. a search field. */
  controls?: ReactNode;
  /** Under the chart, e.g. how many of the rows it draws. */
  chartNote?: ReactNode;
  /** The table's rows when they are not the chart's (the chart draws fewer), its totals and its sorting. */
  table?: Partial<Pick<StatTableProps, 'rows' | 'footRows' | 'sorting'>>;
}

/** One statistic: its chart, or the same figures as a table. */
export function ChartCard(props: ChartCardProps) {
  const { testId, title, subtitle, rows, series, tableMeasures, labelHeader, lang, minimumCellSize, chart, legend, wide } = props;
  const { controls, chartNote, table } = props;
  const t = messages(lang);
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const id = useId();
  const anySuppressed = rows.some((r) => Object.values(r.figures).some((f) => f.kind === 'suppressed'));
  const tableRows = table?.rows ?? rows;
  return (
    <section className={`card${wide ? ' wide' : ''}`} data-testid={testId} aria-labelledby={`${id}-title`}>
      <header className="card-head">
        <div>
          <h2 id={`${id}-title`}>{title}</h2>
          {subtitle ? <p className="card-sub">{subtitle}</p> : null}
        </div>
        <div className="tabs" role="tablist" aria-label={title}>
          {(['chart', 'table'] as const).map((v) => (
            <button
              key={v}
              type="button"
              role="tab"
              id={`${id}-${v}-tab`}
              aria-selected={view === v}
              aria-controls={`${id}-${v}`}
              className={view === v ? 'active' : undefined}
              onClick={() => setView(v)}
            >
              {v === 'chart' ? t.chart : t.table}
            </button>
          ))}
        </div>
      </header>
      {controls}
      <div role="tabpanel" id={`${id}-${view}`} aria-labelledby={`${id}-${view}-tab`} data-view={view}>
        {view === 'chart' ? (
          <>
            <StatChart rows={rows} series={series} lang={lang} ariaLabel={title} {...chart} />
            {chartNote}
            <ul className="legend">
              {(legend ?? series.map((s) => ({ color: s.color, label: s.label }))).map((item) => (
                <li key={item.label}>
                  <span className="swatch" style={{ background: item.color }} />
                  {item.label}
                </li>
              ))}
              <li className={anySuppressed ? undefined : 'muted'}>
                <span className="swatch hatched" />
                {t.suppressedLegend(minimumCellSize)}
              </li>
            </ul>
          </>
        ) : (
          <StatTable
            rows={tableRows}
            footRows={table?.footRows}
            sorting={table?.sorting}
            measures={tableMeasures}
            labelHeader={labelHeader}
            lang={lang}
            caption={title}
          />
        )}
      </div>
    </section>
  );
}
