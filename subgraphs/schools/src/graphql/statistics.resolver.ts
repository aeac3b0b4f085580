import { Arg, Ctx, Directive, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Authorized, BadUserInputError, Rule, encodeTeacherKeys } from '@mitra/kit';
import { District } from '../entities/district';
import type { SchoolsContext } from '../context';
import { KINDS, STATUSES, type Area, type Breakdown } from '../statistics/table-set';
import { EmploymentStatus, QUALIFICATION_ORDER, SchoolKind, StatisticsGrouping } from './enums';
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

function toBreakdown(b: Breakdown): QualificationBreakdown {
  return Object.assign(new QualificationBreakdown(), b);
}

/** Statistics: any caller with a token (partners and government analysts), never anonymous. */
@Authorized(Rule.STATISTICS)
@Resolver(() => District)
export class StatisticsResolver {
  /** The keys of the teachers in this district: travels only between subgraphs, never to clients. */
  // One compact string (16 bytes per key, base64: the kit's teacher-keys.ts), not a list: it crosses to two partners.
  @FieldResolver(() => String)
  @Directive('@inaccessible')
  async teacherKeys(@Root() district: District, @Ctx() ctx: SchoolsContext): Promise<string> {
    return encodeTeacherKeys(await ctx.loaders.statistics.teacherKeysByDistrict.load(district.code));
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Teachers registered at schools in this district (schools). Null when suppressed.',
  })
  async teacherCount(@Root() district: District, @Ctx() ctx: SchoolsContext): Promise<number | null> {
    return (await this.districtBreakdown(district, ctx)).teacherCount;
  }

  @FieldResolver(() => QualificationBreakdown, { description: 'Qualification profile of those teachers (schools).' })
  async qualifications(@Root() district: District, @Ctx() ctx: SchoolsContext): Promise<QualificationBreakdown> {
    return toBreakdown(await this.districtBreakdown(district, ctx));
  }

  @Query(() => QualificationStatistics, {
    nullable: true,
    description: 'Qualification statistics grouped by district, school kind or employment status; small groups are suppressed.',
  })
  async qualificationStatistics(
    @Arg('groupBy', () => StatisticsGrouping, { description: 'What the rows are grouped by.' }) groupBy: StatisticsGrouping,
    @Arg('filter', () => StatisticsFilter, {
      nullable: true,
      description: 'The scope: a province or a district; the whole hub when left out.',
    })
    filter: StatisticsFilter | null,
    @Ctx() ctx: SchoolsContext,
  ): Promise<QualificationStatistics> {
    const provinceCode = filter?.provinceCode != null ? checkAreaCode(filter.provinceCode, 'filter.provinceCode') : null;
    const districtCode = filter?.districtCode != null ? checkAreaCode(filter.districtCode, 'filter.districtCode') : null;
    const { districts, qualifications: set } = await ctx.loaders.statistics.data();

    const result = new QualificationStatistics();
    result.groupBy = groupBy;
    result.minimumCellSize = ctx.config.minCellSize;

    // A code that names no area of the hub is a mistake (a typo would otherwise read as "no teachers").
    if (provinceCode && !set.hasProvince(provinceCode)) {
      throw new BadUserInputError('filter.provinceCode', `${provinceCode} is not a province of this hub`);
    }
    if (districtCode && !set.hasDistrict(districtCode)) {
      throw new BadUserInputError('filter.districtCode', `${districtCode} is not a district of this hub`);
    }
    const inScope = districts.filter(
      (d) => (!districtCode || d.code === districtCode) && (!provinceCode || d.provinceCode === provinceCode),
    );
    if (!inScope.length) {
      // A district outside the province filtered by: nobody is both.
      result.rows = [];
      result.total = toBreakdown(EMPTY);
      return result;
    }
    // Every figure is a cell of the one protected table set: the scope is an area, each row a group of it.
    const area: Area = districtCode ? { district: districtCode } : provinceCode ? { province: provinceCode } : 'nation';
    result.total = toBreakdown(set.breakdown(area, 'all'));
    if (groupBy === StatisticsGrouping.DISTRICT) {
      result.rows = inScope.map((d) => ({
        group: d.code,
        label: d.name,
        qualifications: toBreakdown(set.breakdown({ district: d.code }, 'all')),
      }));
    } else if (groupBy === StatisticsGrouping.SCHOOL_KIND) {
      result.rows = KINDS.map((kind) => ({
        group: kind,
        label: KIND_LABELS[kind],
        qualifications: toBreakdown(set.breakdown(area, { kind })),
      }));
    } else {
      result.rows = STATUSES.map((status) => ({
        group: status,
        label: STATUS_LABELS[status],
        qualifications: toBreakdown(set.breakdown(area, { status })),
      }));
    }
    return result;
  }

  private async districtBreakdown(district: District, ctx: SchoolsContext): Promise<Breakdown> {
    const { qualifications: set } = await ctx.loaders.statistics.data();
    // A district created after the current data version's set was computed has no teachers in it yet.
    return set.hasDistrict(district.code) ? set.breakdown({ district: district.code }, 'all') : EMPTY;
  }
}

const EMPTY: Breakdown = {
  teacherCount: 0,
  meetingStandard: 0,
  shareMeetingStandard: null,
  byLevel: QUALIFICATION_ORDER.map((level) => ({ level, count: 0 })),
  suppressed: false,
};
