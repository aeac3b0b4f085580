import { useId, useMemo, useState } from 'react';
import { COLORS, overviewMeasures, overviewRows, type StatRow } from '../chart-rows';
import {
  CHART_LIMIT,
  DEFAULT_SORT,
  filterRows,
  firstDirection,
  nextSort,
  sortRows,
  totalRow,
  type Sort,
  type SortKey,
} from '../district-list';
import type { DistrictsOverviewQuery, ProvinceQualificationsQuery } from '../gql/graphql';
import { messages, type Lang } from '../i18n';
import { provinceName } from '../provinces';
import type { QueryState } from '../use-query';
import { ChartCard } from './chart-card';

const SORT_KEYS: readonly SortKey[] = ['name', 'teachers', 'meeting', 'share'];

interface ControlsProps {
  lang: Lang;
  search: string;
  onSearch: (search: string) => void;
  sort: Sort;
  onSort: (sort: Sort) => void;
}

/** The search field, the column to sort on and the direction; the table's column heads sort too. */
function DistrictControls({ lang, search, onSearch, sort, onSort }: ControlsProps) {
  const t = messages(lang);
  const id = useId();
  const sortLabels: Record<SortKey, string> = { name: t.name, teachers: t.teachers, meeting: t.meetingShort, share: t.share };
  return (
    <div className="district-controls">
      <label htmlFor={`${id}-search`} className="visually-hidden">
        {t.searchDistricts}
      </label>
      <input
        id={`${id}-search`}
        type="search"
        data-testid="district-search"
        placeholder={t.searchPlaceholder}
        value={search}
        onChange={(e) => onSearch(e.target.value)}
      />
      <div className="sort-controls">
        <label htmlFor={`${id}-sort`}>{t.sortBy}</label>
        <select
          id={`${id}-sort`}
          data-testid="district-sort"
          value={sort.key}
          onChange={(e) => onSort({ key: e.target.value as SortKey, dir: firstDirection(e.target.value as SortKey) })}
        >
          {SORT_KEYS.map((key) => (
            <option key={key} value={key}>
              {sortLabels[key]}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="ghost sort-direction"
          data-testid="district-sort-direction"
          aria-label={sort.dir === 'asc' ? t.ascending : t.descending}
          title={sort.dir === 'asc' ? t.ascending : t.descending}
          onClick={() => onSort({ ...sort, dir: sort.dir === 'asc' ? 'desc' : 'asc' })}
        >
          {sort.dir === 'asc' ? '▲' : '▼'}
        </button>
      </div>
    </div>
  );
}

export interface DistrictsCardProps {
  data: DistrictsOverviewQuery;
  /** The picked district's province total; its row waits for it. */
  province: QueryState<ProvinceQualificationsQuery>;
  code: string;
  onSelect: (code: string) => void;
  lang: Lang;
  minimumCellSize: number;
}

/** The province of the picked district and the nation, as rows below the districts. */
function totalsOf({ data, province, code, lang }: Pick<DistrictsCardProps, 'data' | 'province' | 'code' | 'lang'>): StatRow[] {
  const t = messages(lang);
  const provinceCode = data.districts?.find((d) => d.code === code)?.provinceCode;
  const provinceTotal = province.status === 'done' ? province.data.qualificationStatistics?.total : null;
  const nationalTotal = data.qualificationStatistics?.total;
  return [
    ...(provinceCode && provinceTotal ? [totalRow(`province:${provinceCode}`, t.province(provinceName(provinceCode)), provinceTotal)] : []),
    ...(nationalTotal ? [totalRow('national', t.national, nationalTotal)] : []),
  ];
}

/**
 * Every district's share meeting the standard, searchable and sortable, with
 * its province and the nation below. The chart draws the first CHART_LIMIT
 * districts of that order (a click on a bar picks one); the table lists all.
 */
export function DistrictsCard(props: DistrictsCardProps) {
  const { data, code, onSelect, lang, minimumCellSize } = props;
  const t = messages(lang);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const all = useMemo(() => overviewRows(data.districts ?? [], code), [data, code]);
  const rows = useMemo(() => sortRows(filterRows(all, search), sort), [all, search, sort]);
  const totals = totalsOf(props);
  const chartRows = [...rows.slice(0, CHART_LIMIT), ...totals];
  const m = overviewMeasures(lang);
  const districtName = data.districts?.find((d) => d.code === code)?.name;
  const note = !rows.length ? t.noMatch(search.trim()) : rows.length > CHART_LIMIT ? t.chartShows(CHART_LIMIT, rows.length) : null;
  return (
    <ChartCard
      testId="card-overview"
      title={t.overviewTitle}
      subtitle={t.overviewSubtitle}
      rows={chartRows}
      series={m.series}
      tableMeasures={m.table}
      labelHeader={t.district}
      lang={lang}
      minimumCellSize={minimumCellSize}
      controls={<DistrictControls lang={lang} search={search} onSearch={setSearch} sort={sort} onSort={setSort} />}
      chartNote={
        note ? (
          <p className="chart-note" data-testid="chart-note">
            {note}
          </p>
        ) : null
      }
      table={{
        rows,
        footRows: totals,
        sorting: { sort, labelKey: 'name', keys: SORT_KEYS, onSort: (key) => setSort(nextSort(sort, key)) },
      }}
      legend={[
        { color: COLORS.primary, label: `${districtName ?? code} (${t.selected})` },
        { color: COLORS.primaryMuted, label: t.otherDistricts },
        { color: COLORS.reference, label: t.totals },
      ]}
      chart={{ layout: 'bars', max: 100, axisUnit: '%', height: chartRows.length * 40 + 36, categoryWidth: 200, onSelect }}
    />
  );
}
