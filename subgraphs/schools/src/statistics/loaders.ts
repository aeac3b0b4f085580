import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { StatisticsVersionCache, type SubgraphConfig } from '@mitra/kit';
import { District } from '../entities/district';
import { loadTeacherGroups, loadTeacherKeysByDistrict } from './aggregates';
import { loadOpenNeedsByDistrict, suppressNeedCounts, type SuppressedNeedCount } from './needs';
import { QualificationTableSet, type DistrictInfo } from './table-set';

/** The protected statistics of one data version: every figure an answer may show. */
export interface StatisticsData {
  version: string;
  districts: DistrictInfo[];
  qualifications: QualificationTableSet;
  /** Open needs per district code, already protected. */
  needs: Map<string, SuppressedNeedCount[]>;
}

export interface StatisticsLoaders {
  /** The protected table set of the current data version (computed once per version, shared between requests). */
  data(): Promise<StatisticsData>;
  /** Teacher keys per district, for the partners that aggregate their own rows over them. */
  teacherKeysByDistrict: DataLoader<string, string[]>;
}

const sets = new Map<number, StatisticsVersionCache<StatisticsData>>();

/** The process's protected table set for a minimum cell size (a test may run two sizes in one process). */
function protectedSet(minimumCellSize: number): StatisticsVersionCache<StatisticsData> {
  let set = sets.get(minimumCellSize);
  if (!set) {
    set = new StatisticsVersionCache(async (tx, version) => {
      const districts = await tx.find(District, {}, { orderBy: { code: 'asc' } });
      const info = districts.map((d) => ({ code: d.code, name: d.name, provinceCode: d.provinceCode }));
      const rows = await loadTeacherGroups(tx);
      const codes = info.map((d) => d.code);
      const open = codes.length ? await loadOpenNeedsByDistrict(tx, codes) : [];
      const needs = new Map(codes.map((code, i) => [code, suppressNeedCounts(open[i], minimumCellSize)]));
      return { version, districts: info, qualifications: await QualificationTableSet.protectOffThread(rows, info, minimumCellSize), needs };
    });
    sets.set(minimumCellSize, set);
  }
  return set;
}

/** Drops the shared table sets (tests). */
export function markStatisticsStale(): void {
  for (const set of sets.values()) set.clear();
}

/**
 * The statistics loaders of one request, a member of its loaders
 * (createLoaders): the version is read once per request, the table set
 * computed once per version.
 */
export function createStatisticsLoaders(em: EntityManager, config: Pick<SubgraphConfig, 'minCellSize'>): StatisticsLoaders {
  let data: Promise<StatisticsData> | undefined;
  return {
    data: () => (data ??= protectedSet(config.minCellSize).get(em)),
    teacherKeysByDistrict: new DataLoader((codes) => loadTeacherKeysByDistrict(em, codes)),
  };
}
