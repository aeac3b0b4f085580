import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphConfig, SuppressionTable } from '@mitra/kit';
import { District } from '../entities/district';
import { loadTeacherGroups, loadTeacherKeysByDistrict, type TeacherGroupRow } from './aggregates';
import { geographyTable, type DistrictInfo } from './tables';

export interface StatisticsData {
  rows: TeacherGroupRow[];
  districts: DistrictInfo[];
  geography: SuppressionTable;
}

export interface StatisticsLoaders {
  /** The group counts and the geography pattern, computed at most once per request. */
  data(): Promise<StatisticsData>;
  /** Teacher keys per district, for the partners that aggregate their own rows over them. */
  teacherKeysByDistrict: DataLoader<string, string[]>;
}

/**
 * The national aggregate is one scan of every teacher: shared between
 * requests for a short while (STATISTICS_CACHE_SECONDS), since statistics
 * need not be real-time, and dropped at once by this subgraph's own writes.
 */
let shared: { at: number; data: Promise<StatisticsData> } | undefined;

export function markStatisticsStale(): void {
  shared = undefined;
}

/** Wraps a write: once it has committed (or failed), statistics are computed afresh. */
export async function refreshingStatistics<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } finally {
    markStatisticsStale();
  }
}

function computeData(em: EntityManager, minimumCellSize: number): Promise<StatisticsData> {
  return (async () => {
    const [rows, districts] = await Promise.all([loadTeacherGroups(em), em.find(District, {}, { orderBy: { code: 'asc' } })]);
    const info = districts.map((d) => ({ code: d.code, name: d.name, provinceCode: d.provinceCode }));
    return { rows, districts: info, geography: geographyTable(rows, info, minimumCellSize) };
  })();
}

function sharedData(em: EntityManager, minimumCellSize: number, cacheMs: number): Promise<StatisticsData> {
  if (cacheMs <= 0) return computeData(em, minimumCellSize);
  const now = Date.now();
  if (!shared || now - shared.at > cacheMs) {
    const entry = { at: now, data: computeData(em, minimumCellSize) };
    shared = entry;
    // A failed computation is not kept.
    entry.data.catch(() => {
      if (shared === entry) shared = undefined;
    });
  }
  return shared.data;
}

/**
 * The statistics loaders of one request, a member of its loaders
 * (createLoaders): the aggregate is computed at most once per request, and
 * reused across requests for STATISTICS_CACHE_SECONDS.
 */
export function createStatisticsLoaders(
  em: EntityManager,
  config: Pick<SubgraphConfig, 'minCellSize' | 'statisticsCacheMs'>,
): StatisticsLoaders {
  let data: Promise<StatisticsData> | undefined;
  return {
    data: () => (data ??= sharedData(em, config.minCellSize, config.statisticsCacheMs)),
    teacherKeysByDistrict: new DataLoader((codes) => loadTeacherKeysByDistrict(em, codes)),
  };
}
