import { Arg, Authorized, Ctx, Directive, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError, Rule, SuppressionTable } from '@mitra/kit';
import { District } from '../entities/district';
import type { SchoolsContext } from '../context';
import {
  NATIONAL,
  addBreakdown,
  addColumnSums,
  addRow,
  districtPrefix,
  emptyCounts,
  provincePrefix,
  readBreakdown,
  DISPLAYED_COLUMNS,
  type BreakdownCounts,
} from '../statistics/tables';
import type { TeacherGroupRow } from '../statistics/aggregates';
import { EmploymentStatus, SchoolKind, StatisticsGrouping } from './enums';
import { QualificationBreakdown, QualificationStatistics, StatisticsFilter } from './types/statistics.types';
import { checkAreaCode } from './validation';

const KIND_LABELS: Record<SchoolKind, string> = {
  TK: 'TK (Taman Kanak-kanak, kindergarten)',
  KB: 'KB (Kelompok Bermain, playgroup)',
  TPA: 'TPA (Taman Penitipan Anak, day care)',
  SPS: 'SPS (Satuan PAUD Sejenis)',
  RA: 'RA (Raudhatul Athfal)',
};
const STATUS_LABELS: Record<EmploymentStatus, string> = {
  PNS: 'PNS (civil servant)',
  PPPK: 'PPPK (government contract)',
  GTY: 'GTY (permanent foundation teacher)',
  GTT: 'GTT (non-permanent / honorary)',
};

function toBreakdown(b: ReturnType<typeof readBreakdown>): QualificationBreakdown {
  return Object.assign(new QualificationBreakdown(), b);
}

/** Statistics: any caller with a token (partners and government analysts), never anonymous. */
@Authorized(Rule.STATISTICS)
@Resolver(() => District)
export class StatisticsResolver {
  /** The keys of the teachers in this district: travels only between subgraphs, never to clients. */
  @FieldResolver(() => [ID])
  @Directive('@inaccessible')
  teacherKeys(@Root() district: District, @Ctx() ctx: SchoolsContext): Promise<string[]> {
    return ctx.loaders.statistics.teacherKeysByDistrict.load(district.code);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Teachers registered at schools in this district (schools). Null when suppressed.',
  })
  async teacherCount(@Root() district: District, @Ctx() ctx: SchoolsContext): Promise<number | null> {
    const { geography } = await ctx.loaders.statistics.data();
    const id = `${districtPrefix(district.code)}T`;
    return geography.has(id) ? geography.get(id) : 0;
  }

  @FieldResolver(() => QualificationBreakdown, { description: 'Qualification profile of those teachers (schools).' })
  async qualifications(@Root() district: District, @Ctx() ctx: SchoolsContext): Promise<QualificationBreakdown> {
    const { geography } = await ctx.loaders.statistics.data();
    const prefix = districtPrefix(district.code);
    if (!geography.has(`${prefix}T`)) return toBreakdown(readBreakdown(zeroTable(ctx.config.minCellSize), 'Z:'));
    return toBreakdown(readBreakdown(geography, prefix));
  }

  @Query(() => QualificationStatistics, {
    nullable: true,
    description: 'Qualification statistics grouped by district, school kind or employment status; small groups are suppressed.',
  })
  async qualificationStatistics(
    @Arg('groupBy', () => StatisticsGrouping) groupBy: StatisticsGrouping,
    @Arg('filter', () => StatisticsFilter, { nullable: true }) filter: StatisticsFilter | null,
    @Ctx() ctx: SchoolsContext,
  ): Promise<QualificationStatistics> {
    const provinceCode = filter?.provinceCode != null ? checkAreaCode(filter.provinceCode, 'filter.provinceCode') : null;
    const districtCode = filter?.districtCode != null ? checkAreaCode(filter.districtCode, 'filter.districtCode') : null;
    const min = ctx.config.minCellSize;
    const { rows, districts, geography } = await ctx.loaders.statistics.data();

    const result = new QualificationStatistics();
    result.groupBy = groupBy;
    result.minimumCellSize = min;

    // A code that names no area of the hub is a mistake (a typo would otherwise read as "no teachers").
    if (provinceCode && !districts.some((d) => d.provinceCode === provinceCode)) {
      throw new BadUserInputError('filter.provinceCode', `${provinceCode} is not a province of this hub`);
    }
    if (districtCode && !districts.some((d) => d.code === districtCode)) {
      throw new BadUserInputError('filter.districtCode', `${districtCode} is not a district of this hub`);
    }
    const inScope = districts.filter(
      (d) => (!districtCode || d.code === districtCode) && (!provinceCode || d.provinceCode === provinceCode),
    );
    if (!inScope.length) {
      result.rows = [];
      result.total = toBreakdown(readBreakdown(zeroTable(min), 'Z:'));
      return result;
    }
    // The scope's total as the geography pattern has it.
    const scopePrefix = districtCode ? districtPrefix(districtCode) : provinceCode ? provincePrefix(provinceCode) : NATIONAL;

    if (groupBy === StatisticsGrouping.DISTRICT) {
      result.rows = inScope.map((d) => ({
        group: d.code,
        label: d.name,
        qualifications: toBreakdown(readBreakdown(geography, districtPrefix(d.code))),
      }));
      result.total = toBreakdown(readBreakdown(geography, scopePrefix));
      return result;
    }

    const codes = new Set(inScope.map((d) => d.code));
    const scoped = rows.filter((r) => codes.has(r.districtCode));
    const values: string[] = groupBy === StatisticsGrouping.SCHOOL_KIND ? Object.values(SchoolKind) : Object.values(EmploymentStatus);
    const groupOf = (r: TeacherGroupRow) => (groupBy === StatisticsGrouping.SCHOOL_KIND ? r.kind : r.employmentStatus);
    const counts = new Map<string, BreakdownCounts>(values.map((v) => [v, emptyCounts()]));
    const total = emptyCounts();
    for (const r of scoped) {
      addRow(counts.get(groupOf(r))!, r);
      addRow(total, r);
    }
    const table = new SuppressionTable(min);
    for (const [value, c] of counts) addBreakdown(table, `G${value}:`, c);
    addBreakdown(table, 'S:', total);
    addColumnSums(
      table,
      'S:',
      values.map((v) => `G${v}:`),
    );
    // What the geography pattern hides of this scope's total stays hidden here.
    for (const col of DISPLAYED_COLUMNS) if (geography.isHidden(`${scopePrefix}${col}`)) table.forceHidden(`S:${col}`);
    const labels: Record<string, string> = groupBy === StatisticsGrouping.SCHOOL_KIND ? KIND_LABELS : STATUS_LABELS;
    result.rows = values.map((v) => ({ group: v, label: labels[v], qualifications: toBreakdown(readBreakdown(table, `G${v}:`)) }));
    result.total = toBreakdown(readBreakdown(table, 'S:'));
    return result;
  }
}

function zeroTable(min: number): SuppressionTable {
  const table = new SuppressionTable(min);
  addBreakdown(table, 'Z:', emptyCounts());
  return table;
}
