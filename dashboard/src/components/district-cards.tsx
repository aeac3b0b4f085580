import {
  countSeries,
  levelRows,
  needMeasures,
  needRows,
  outcomeMeasures,
  programRows,
  tierOutcomeRows,
  tierRows,
  yearMeasures,
  yearRows,
  type StatRow,
} from '../chart-rows';
import { valueOf } from '../format';
import type { DistrictTrainingByYearQuery, DistrictTrainingNeedsQuery, ProgramOutcomesQuery } from '../gql/graphql';
import { messages, type Lang } from '../i18n';
import { niceMax } from '../scale';
import { ChartCard, type ChartCardProps } from './chart-card';
import type { DistrictStatistics } from './district-summary';

/** Room for every bar of every group, with a label beside each. */
const groupedHeight = (groups: number, series: number) => groups * (series * 13 + 20) + 34;

const maxOf = (rows: StatRow[], key: string) => niceMax(rows.map((r) => valueOf(r.figures[key] ?? { kind: 'none' }) ?? 0));

/** What every card of the page shares: the language and the privacy threshold. */
export interface CardContext {
  lang: Lang;
  minimumCellSize: number;
}

type CardShape = Pick<ChartCardProps, 'testId' | 'title' | 'subtitle' | 'rows' | 'series' | 'tableMeasures' | 'labelHeader' | 'chart'>;

/** The cards about the picked district: its teachers by level, by training tier, and its outcomes per tier. */
const DISTRICT_CARDS = {
  levels(district: DistrictStatistics, lang: Lang): CardShape {
    const t = messages(lang);
    const rows = levelRows(district, lang);
    const series = countSeries(lang);
    return {
      testId: 'card-levels',
      title: `${t.levelsTitle} · ${district.name}`,
      subtitle: t.standardHint,
      rows,
      series,
      tableMeasures: series,
      labelHeader: t.level,
      chart: { layout: 'columns', max: maxOf(rows, 'count'), height: 250 },
    };
  },
  training(district: DistrictStatistics, lang: Lang): CardShape {
    const t = messages(lang);
    const rows = tierRows(district, lang);
    const series = countSeries(lang);
    return {
      testId: 'card-training',
      title: `${t.trainingTitle} · ${district.name}`,
      subtitle: t.trainingSubtitle,
      rows,
      series,
      tableMeasures: series,
      labelHeader: t.tier,
      // As tall as the outcomes chart beside it.
      chart: { layout: 'columns', max: maxOf(rows, 'count'), height: groupedHeight(4, 4) },
    };
  },
  tierOutcomes(district: DistrictStatistics, lang: Lang): CardShape {
    const t = messages(lang);
    const rows = tierOutcomeRows(district, lang);
    const m = outcomeMeasures(lang);
    return {
      testId: 'card-tier-outcomes',
      title: `${t.tierOutcomesTitle} · ${district.name}`,
      subtitle: t.tierOutcomesSubtitle,
      rows,
      series: m.series,
      tableMeasures: m.table,
      labelHeader: t.tier,
      chart: { layout: 'bars', max: 100, height: groupedHeight(rows.length, m.series.length), categoryWidth: 110 },
    };
  },
};

export function DistrictCard({
  kind,
  district,
  lang,
  minimumCellSize,
}: CardContext & { kind: keyof typeof DISTRICT_CARDS; district: DistrictStatistics }) {
  return <ChartCard {...DISTRICT_CARDS[kind](district, lang)} lang={lang} minimumCellSize={minimumCellSize} />;
}

type NeedsDistrict = NonNullable<DistrictTrainingNeedsQuery['district']>;

/** The picked district's open training needs per competence area: teachers charted, schools and teachers in the table. */
export function TrainingNeedsCard({ district, lang, minimumCellSize }: CardContext & { district: NeedsDistrict }) {
  const t = messages(lang);
  const rows = needRows(district.trainingNeeds, lang);
  const m = needMeasures(lang);
  return (
    <ChartCard
      wide
      testId="card-training-needs"
      title={`${t.needsTitle} · ${district.name}`}
      subtitle={t.needsSubtitle}
      rows={rows}
      series={m.series}
      tableMeasures={m.table}
      labelHeader={t.area}
      lang={lang}
      minimumCellSize={minimumCellSize}
      chart={{ layout: 'bars', max: maxOf(rows, 'teachers'), height: groupedHeight(rows.length, 1) + 20, categoryWidth: 230 }}
    />
  );
}

type YearDistrict = NonNullable<DistrictTrainingByYearQuery['district']>;

/** The picked district's teachers trained per year (SKB attendance), oldest year first. */
export function TrainingByYearCard({
  district,
  years,
  lang,
  minimumCellSize,
}: CardContext & { district: YearDistrict; years: readonly number[] }) {
  const t = messages(lang);
  const rows = yearRows(district, years);
  const series = yearMeasures(lang);
  return (
    <ChartCard
      testId="card-training-by-year"
      title={`${t.byYearTitle} · ${district.name}`}
      subtitle={t.byYearSubtitle}
      rows={rows}
      series={series}
      tableMeasures={series}
      labelHeader={t.year}
      lang={lang}
      minimumCellSize={minimumCellSize}
      chart={{ layout: 'columns', max: maxOf(rows, 'trained'), height: 250 }}
    />
  );
}

/** Outcomes and attendance per training program, over all districts. */
export function ProgramOutcomesCard({ data, lang, minimumCellSize }: CardContext & { data: ProgramOutcomesQuery }) {
  const t = messages(lang);
  const rows = programRows(data.trainingPrograms ?? [], lang);
  const m = outcomeMeasures(lang, true);
  return (
    <ChartCard
      wide
      testId="card-program-outcomes"
      title={t.programOutcomesTitle}
      subtitle={t.programOutcomesSubtitle}
      rows={rows}
      series={m.series}
      tableMeasures={m.table}
      labelHeader={t.program}
      lang={lang}
      minimumCellSize={minimumCellSize}
      chart={{ layout: 'bars', max: 100, height: groupedHeight(rows.length, m.series.length), categoryWidth: 240 }}
    />
  );
}
