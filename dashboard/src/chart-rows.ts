import type {
  DistrictStatisticsQuery,
  DistrictTrainingByYearQuery,
  DistrictsOverviewQuery,
  DistrictTrainingNeedsQuery,
  OutcomeFiguresFragment,
  ProgramOutcomesQuery,
} from './gql/graphql';
import { figure, formatCount, formatGain, formatScore, formatShare, NONE, type Figure } from './format';
import { AREAS, areaLabel, LEVELS, levelAxisLabel, levelLabel, messages, TIERS, tierLabel, type Lang } from './i18n';

/** One category of a chart and one line of its table. */
export interface StatRow {
  key: string;
  label: string;
  /** A second line in the table (a district's code, a program's title). */
  detail?: string;
  /** The category's name on the chart's axis, when it differs from the table's. */
  axisLabel?: string;
  figures: Record<string, Figure>;
  highlight?: boolean;
  /** A total drawn beside the categories for comparison (a province, the nation): its own colour, never picked. */
  reference?: boolean;
}

/** A column of a table; with a colour and a scale, also a series of the chart. */
export interface Measure {
  key: string;
  label: string;
  format: (lang: Lang, value: number) => string;
}

export interface Series extends Measure {
  color: string;
  /** Multiplies the value for the chart's axis (a 0..1 rate drawn on a 0..100 axis). */
  scale?: number;
}

export const COLORS = {
  primary: '#0f766e',
  primaryMuted: '#7cc4bb',
  pre: '#94b8d8',
  post: '#1d4f91',
  gain: '#0f766e',
  pass: '#c2741b',
  reference: '#64748b',
} as const;

const count = (lang: Lang, v: number) => formatCount(lang, v);
const share = (lang: Lang, v: number) => formatShare(lang, v);
const score = (lang: Lang, v: number) => formatScore(lang, v);
const gain = (lang: Lang, v: number) => formatGain(lang, v);

// Root lists and other partners' fields are nullable (contract v2): a partner's outage nulls only its part.
type OverviewDistrict = NonNullable<DistrictsOverviewQuery['districts']>[number];

/** Share meeting the standard per district; the selected district is highlighted. */
export function overviewRows(districts: readonly OverviewDistrict[], selected: string): StatRow[] {
  return [...districts]
    .sort((a, b) => a.provinceCode.localeCompare(b.provinceCode) || a.name.localeCompare(b.name, 'id'))
    .map((d) => {
      const q = d.qualifications;
      return {
        key: d.code,
        label: d.name,
        detail: d.code,
        highlight: d.code === selected,
        figures: {
          share: figure(q.shareMeetingStandard, q.suppressed),
          teachers: figure(q.teacherCount, q.suppressed),
          meeting: figure(q.meetingStandard, q.suppressed),
        },
      };
    });
}

export function overviewMeasures(lang: Lang): { series: Series[]; table: Measure[] } {
  const t = messages(lang);
  const shareSeries: Series = { key: 'share', label: t.shareMeetingStandard, format: share, color: COLORS.primary, scale: 100 };
  return {
    series: [shareSeries],
    table: [
      { key: 'teachers', label: t.teachers, format: count },
      { key: 'meeting', label: t.meetingShort, format: count },
      { ...shareSeries, label: t.share },
    ],
  };
}

type District = NonNullable<DistrictStatisticsQuery['district']>;

export function levelRows(district: District, lang: Lang): StatRow[] {
  const { byLevel, suppressed } = district.qualifications;
  return LEVELS.map((level) => {
    const found = byLevel.find((l) => l.level === level);
    return {
      key: level,
      label: levelLabel(lang, level),
      axisLabel: levelAxisLabel(lang, level),
      figures: { count: found ? figure(found.count, suppressed) : NONE },
    };
  });
}

export function countSeries(lang: Lang): Series[] {
  return [{ key: 'count', label: messages(lang).count, format: count, color: COLORS.primary }];
}

export function tierRows(district: District, lang: Lang): StatRow[] {
  // Null while the university or the SKB is unavailable: no figures, rather than no chart.
  const { byHighestTier, suppressed } = district.training ?? { byHighestTier: [], suppressed: false };
  return TIERS.map((tier) => {
    const found = byHighestTier.find((t) => t.tier === tier);
    return { key: tier, label: tierLabel(lang, tier), figures: { count: found ? figure(found.count, suppressed) : NONE } };
  });
}

function outcomeFigures(o: OutcomeFiguresFragment): Record<string, Figure> {
  return {
    assessed: figure(o.assessed, o.suppressed),
    pre: figure(o.meanPreTest, o.suppressed),
    post: figure(o.meanPostTest, o.suppressed),
    gain: figure(o.meanGain, o.suppressed),
    pass: figure(o.passRate, o.suppressed),
    followedUp: figure(o.followedUp, o.suppressed),
    // Nobody followed up: no score to withhold, whatever the other figures' flag says.
    followUpScore: o.followedUp === 0 ? NONE : figure(o.meanFollowUpScore, o.suppressed),
  };
}

/** All tiers first, then basic, intermediate, advanced. */
export function tierOutcomeRows(district: District, lang: Lang): StatRow[] {
  const order = [null, ...TIERS];
  return [...district.trainingOutcomes]
    .sort((a, b) => order.indexOf(a.tier ?? null) - order.indexOf(b.tier ?? null))
    .map((row) => ({ key: row.tier ?? 'ALL', label: tierLabel(lang, row.tier), figures: outcomeFigures(row.outcomes) }));
}

type Program = NonNullable<ProgramOutcomesQuery['trainingPrograms']>[number];

export function programRows(programs: readonly Program[], lang: Lang): StatRow[] {
  return [...programs]
    .sort((a, b) => TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier) || a.code.localeCompare(b.code))
    .map((p) => ({
      key: p.id,
      label: p.code,
      detail: `${p.title} · ${tierLabel(lang, p.tier)}`,
      axisLabel: `${p.code} · ${p.title}`,
      figures: {
        ...outcomeFigures(p.outcomes),
        registrations: figure(p.attendance.registrations, p.attendance.suppressed),
        attendance: figure(p.attendance.attendanceRate, p.attendance.suppressed),
      },
    }));
}

/**
 * Pre-test, post-test, gain (0..100 points) and pass rate (drawn as a percentage on the same axis); the
 * table adds the assessments, and after the tests the follow-ups at least 30 days on with their mean
 * observation score (0..100).
 */
export function outcomeMeasures(lang: Lang, withAttendance = false): { series: Series[]; table: Measure[] } {
  const t = messages(lang);
  const series: Series[] = [
    { key: 'pre', label: t.preTest, format: score, color: COLORS.pre },
    { key: 'post', label: t.postTest, format: score, color: COLORS.post },
    { key: 'gain', label: t.gain, format: gain, color: COLORS.gain },
    { key: 'pass', label: t.passRate, format: share, color: COLORS.pass, scale: 100 },
  ];
  const table: Measure[] = [
    { key: 'assessed', label: t.assessed, format: count },
    ...series,
    { key: 'followedUp', label: t.followedUp, format: count },
    { key: 'followUpScore', label: t.followUpScore, format: score },
  ];
  if (withAttendance) {
    table.push(
      { key: 'registrations', label: t.registrations, format: count },
      { key: 'attendance', label: t.attendanceRate, format: share },
    );
  }
  return { series, table };
}

type NeedCount = NonNullable<NonNullable<DistrictTrainingNeedsQuery['district']>['trainingNeeds']>[number];

/**
 * Open training needs per competence area, every area in the enum's order. `schools` is never
 * suppressed; `teachers` is null with `suppressed` for a small group: suppressed, never zero.
 * An area the answer lacks (the list is null while the schools are unavailable) has no figures.
 */
export function needRows(needs: readonly NeedCount[] | null | undefined, lang: Lang): StatRow[] {
  return AREAS.map((area) => {
    const found = needs?.find((n) => n.area === area);
    return {
      key: area,
      label: areaLabel(lang, area),
      figures: {
        schools: found ? figure(found.schools, found.suppressed) : NONE,
        teachers: found ? figure(found.teachers, found.suppressed) : NONE,
      },
    };
  });
}

/** The chart draws teachers with open needs; the table adds the schools. */
export function needMeasures(lang: Lang): { series: Series[]; table: Measure[] } {
  const t = messages(lang);
  const teachers: Series = { key: 'teachers', label: t.needsTeachers, format: count, color: COLORS.primary };
  return { series: [teachers], table: [{ key: 'schools', label: t.needsSchools, format: count }, teachers] };
}

/** How many years the coverage card shows, the current one last. */
export const COVERAGE_YEARS = 5;

/** The years of the coverage card: the current year and the four before it (2022 to 2026 in 2026). */
export function coverageYears(now: Date = new Date()): number[] {
  const last = now.getFullYear();
  return Array.from({ length: COVERAGE_YEARS }, (_, i) => last - COVERAGE_YEARS + 1 + i);
}

/** The query's variables for those years: `year1` the earliest, `year5` the current one. */
export function coverageVariables(code: string, years: readonly number[]) {
  const [year1, year2, year3, year4, year5] = years;
  return { code, year1, year2, year3, year4, year5 };
}

type YearDistrict = NonNullable<DistrictTrainingByYearQuery['district']>;
const YEAR_FIELDS = ['year1', 'year2', 'year3', 'year4', 'year5'] as const;

/**
 * Teachers trained per year, oldest first. A small count is null with `suppressed`: suppressed, never
 * zero; a year the answer lacks (null while the SKB is unavailable) has no figures.
 */
export function yearRows(district: YearDistrict, years: readonly number[]): StatRow[] {
  return years.map((year, i) => {
    const coverage = district[YEAR_FIELDS[i]];
    return {
      key: String(year),
      label: String(year),
      figures: { trained: coverage ? figure(coverage.teachersTrained, coverage.suppressed) : NONE },
    };
  });
}

export function yearMeasures(lang: Lang): Series[] {
  return [{ key: 'trained', label: messages(lang).teachersTrained, format: count, color: COLORS.primary }];
}
