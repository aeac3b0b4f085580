import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Text, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatRow, Series } from '../chart-rows';
import { COLORS } from '../chart-rows';
import { messages, type Lang } from '../i18n';
import { useNarrow } from '../use-narrow';
import { HATCH_FILL } from './hatch';

export interface StatChartProps {
  rows: StatRow[];
  series: Series[];
  lang: Lang;
  /** The top of the value axis, in chart units (after a series' scale). */
  max: number;
  /** `bars`: categories down the side (long names); `columns`: categories along the bottom. */
  layout: 'bars' | 'columns';
  /** Width of the category axis for `bars`. */
  categoryWidth?: number;
  /** Written after each value-axis tick, e.g. "%". */
  axisUnit?: string;
  height: number;
  ariaLabel: string;
  onSelect?: (key: string) => void;
}

const MARKER = '__suppressed';
const markerKey = (s: Series) => `${s.key}${MARKER}`;

interface Datum {
  key: string;
  label: string;
  highlight: boolean;
  reference: boolean;
  [series: string]: string | number | boolean | null;
}

interface LabelProps {
  x?: number | string;
  y?: number | string;
  width?: number | string;
  height?: number | string;
  index?: number;
}

const num = (v: number | string | undefined): number => (typeof v === 'number' ? v : Number(v ?? 0));

/** On a narrow screen the names down the side get less room, and wrap onto a second line rather than run off. */
const NARROW_CATEGORY_WIDTH = 112;

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
}

const wrappingTick = (width: number) =>
  function CategoryTick({ x, y, payload }: TickProps) {
    return (
      <Text
        x={num(x)}
        y={num(y)}
        width={width}
        maxLines={2}
        textAnchor="end"
        verticalAnchor="middle"
        fontSize={12}
        fill="#475467"
        className="recharts-cartesian-axis-tick-value"
      >
        {String(payload?.value ?? '')}
      </Text>
    );
  };

const barFill = (d: Datum, s: Series, dimOthers: boolean): string =>
  d.reference ? COLORS.reference : dimOthers && !d.highlight ? COLORS.primaryMuted : s.color;

/**
 * Bars for shown figures, and for a suppressed one a hatched bar across the
 * whole axis with the word "suppressed": never a zero-height bar that reads
 * as zero. Each series is its own stack of (value, marker), one of them empty.
 */
export function StatChart({
  rows,
  series,
  lang,
  max,
  layout,
  categoryWidth = 160,
  axisUnit = '',
  height,
  ariaLabel,
  onSelect,
}: StatChartProps) {
  const t = messages(lang);
  const narrow = useNarrow();
  const axisWidth = narrow ? Math.min(categoryWidth, NARROW_CATEGORY_WIDTH) : categoryWidth;
  const scaled = (s: Series, v: number) => v * (s.scale ?? 1);
  const select = onSelect
    ? (item: { payload?: Datum }) => item.payload && !item.payload.reference && onSelect(item.payload.key)
    : undefined;
  const data: Datum[] = rows.map((row) => {
    const datum: Datum = {
      key: row.key,
      label: row.axisLabel ?? row.label,
      highlight: Boolean(row.highlight),
      reference: Boolean(row.reference),
    };
    for (const s of series) {
      const f = row.figures[s.key];
      datum[s.key] = f?.kind === 'value' ? scaled(s, f.value) : null;
      datum[markerKey(s)] = f?.kind === 'suppressed' ? max : null;
    }
    return datum;
  });
  const lowest = Math.min(0, ...data.flatMap((d) => series.map((s) => (typeof d[s.key] === 'number' ? (d[s.key] as number) : 0))));
  const domain: [number, number] = [Math.floor(lowest), max];
  // Round steps (0, 10, 20 … 50; 0, 20 … 100) rather than the library's guesses for a fixed top.
  const intervals = [5, 4, 2].find((n) => Number.isInteger(max / n)) ?? 1;
  const ticks = Array.from({ length: intervals + 1 }, (_, i) => (max / intervals) * i);
  if (domain[0] < 0) ticks.unshift(domain[0]);
  const bars = layout === 'bars';

  // The value as the table writes it, so the chart and the table never disagree.
  const valueLabel = (s: Series) => (props: LabelProps) => {
    const row = rows[props.index ?? -1];
    const f = row?.figures[s.key];
    if (!f || f.kind === 'suppressed') return null;
    const text = f.kind === 'value' ? s.format(lang, f.value) : t.noData;
    const [x, y, w, h] = [num(props.x), num(props.y), num(props.width), num(props.height)];
    return bars ? (
      <text x={x + Math.max(w, 0) + 6} y={y + h / 2} dominantBaseline="central" className="bar-label" data-series={s.key}>
        {text}
      </text>
    ) : (
      <text x={x + w / 2} y={y - 6} textAnchor="middle" className="bar-label" data-series={s.key}>
        {text}
      </text>
    );
  };
  // One word per suppressed category, on its first suppressed series.
  const markerLabel = (s: Series) => (props: LabelProps) => {
    const row = rows[props.index ?? -1];
    const first = row && series.find((candidate) => row.figures[candidate.key]?.kind === 'suppressed');
    if (!row || first?.key !== s.key) return null;
    const [x, y, w, h] = [num(props.x), num(props.y), num(props.width), num(props.height)];
    // Across a row for bars; up a column for columns, where the word is wider than the column.
    return bars ? (
      <text x={x + 10} y={y + h / 2} dominantBaseline="central" className="suppressed-label">
        {t.suppressed}
      </text>
    ) : (
      <text
        x={x + w / 2}
        y={y + h / 2}
        textAnchor="middle"
        dominantBaseline="central"
        transform={`rotate(-90, ${x + w / 2}, ${y + h / 2})`}
        className="suppressed-label"
      >
        {t.suppressed}
      </text>
    );
  };

  const formatTick = (value: string | number) => String(value);
  return (
    <div className="chart" role="img" aria-label={ariaLabel}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart
          data={data}
          layout={bars ? 'vertical' : 'horizontal'}
          margin={bars ? { top: 4, right: 64, bottom: 4, left: 4 } : { top: 20, right: 8, bottom: 4, left: 0 }}
          barCategoryGap={series.length > 1 ? '14%' : '24%'}
          barGap={1}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={!bars} vertical={bars} />
          {bars ? (
            <>
              <XAxis type="number" domain={domain} ticks={ticks} tick={{ fontSize: 12 }} tickFormatter={(v: number) => `${v}${axisUnit}`} />
              <YAxis
                type="category"
                dataKey="label"
                width={axisWidth}
                tick={narrow ? wrappingTick(axisWidth - 8) : { fontSize: 13 }}
                tickFormatter={formatTick}
                interval={0}
              />
            </>
          ) : (
            <>
              <XAxis type="category" dataKey="label" tick={{ fontSize: 12 }} interval={0} tickFormatter={formatTick} />
              <YAxis
                type="number"
                domain={domain}
                ticks={ticks}
                tick={{ fontSize: 12 }}
                width={40}
                tickFormatter={(v: number) => `${v}${axisUnit}`}
              />
            </>
          )}
          <Tooltip
            cursor={{ fill: 'rgba(15, 118, 110, 0.06)' }}
            content={({ active, label, payload }) => {
              if (!active || !payload?.length) return null;
              const key = (payload[0].payload as Datum).key;
              const row = rows.find((r) => r.key === key);
              if (!row) return null;
              return (
                <div className="tooltip">
                  <strong>{String(label)}</strong>
                  {series.map((s) => {
                    const f = row.figures[s.key];
                    const text = f?.kind === 'value' ? s.format(lang, f.value) : f?.kind === 'suppressed' ? t.suppressed : t.noData;
                    return (
                      <div key={s.key}>
                        {s.label}: {text}
                      </div>
                    );
                  })}
                </div>
              );
            }}
          />
          {series.map((s) => [
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stackId={s.key}
              fill={s.color}
              isAnimationActive={false}
              // A zero is a figure: a hairline bar with its "0" label, unlike a suppressed or missing one.
              minPointSize={(value, index) => (value === 0 && rows[index]?.figures[s.key]?.kind === 'value' ? 2 : 0)}
              onClick={select}
              style={onSelect ? { cursor: 'pointer' } : undefined}
            >
              {data.map((d) => (
                <Cell key={d.key} fill={barFill(d, s, series.length === 1 && Boolean(onSelect))} />
              ))}
              <LabelList dataKey={s.key} content={valueLabel(s)} />
            </Bar>,
            <Bar
              key={markerKey(s)}
              dataKey={markerKey(s)}
              stackId={s.key}
              fill={HATCH_FILL}
              stroke="#94a3b8"
              isAnimationActive={false}
              legendType="none"
              // A withheld figure's marker picks its row too: the row is there, only its number is not.
              onClick={select}
              style={onSelect ? { cursor: 'pointer' } : undefined}
            >
              <LabelList dataKey={markerKey(s)} content={markerLabel(s)} />
            </Bar>,
          ])}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
