import DataLoader from 'dataloader';
import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphConfig } from '@mitra/kit';
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

let shared: { version: string; data: Promise<StatisticsData> } | undefined;

/** Drops the shared table set (tests, and writes that want the next read to recompute at once). */
export function markStatisticsStale(): void {
  shared = undefined;
}

/** Wraps a write. The data version (a row the database bumps with every such write) already tells readers; kept for callers. */
export async function refreshingStatistics<T>(write: Promise<T>): Promise<T> {
  return write;
}

async function currentVersion(em: EntityManager): Promise<string> {
  const [row]: Array<{ epoch: string; version: string }> = await em.execute(
    'select epoch, version::text as version from statistics_version where id = 1',
  );
  return `${row.epoch}:${row.version}`;
}

/**
 * Reads everything in one repeatable-read snapshot together with its
 * version, so the set is never filed under a version it does not match.
 */
async function computeData(em: EntityManager, minimumCellSize: number): Promise<StatisticsData> {
  return em.fork().transactional(
    async (tx) => {
      const version = `${await currentVersion(tx)}/${minimumCellSize}`;
      const districts = await tx.find(District, {}, { orderBy: { code: 'asc' } });
      const info = districts.map((d) => ({ code: d.code, name: d.name, provinceCode: d.provinceCode }));
      const rows = await loadTeacherGroups(tx);
      const codes = info.map((d) => d.code);
      const open = codes.length ? await loadOpenNeedsByDistrict(tx, codes) : [];
      const needs = new Map(codes.map((code, i) => [code, suppressNeedCounts(open[i], minimumCellSize)]));
      return { version, districts: info, qualifications: new QualificationTableSet(rows, info, minimumCellSize), needs };
    },
    { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
  );
}

async function sharedData(em: EntityManager, minimumCellSize: number): Promise<StatisticsData> {
  // The rule's parameter is part of the key: a test may run two sizes in one process.
  const version = `${await currentVersion(em)}/${minimumCellSize}`;
  if (!shared || shared.version !== version) {
    const entry = { version, data: computeData(em, minimumCellSize) };
    shared = entry;
    entry.data.then(
      // A write between the version read and the snapshot: file the set under the version it was computed at.
      (data) => {
        if (shared === entry && data.version !== version) shared = { version: data.version, data: entry.data };
      },
      () => {
        if (shared === entry) shared = undefined;
      },
    );
  }
  return shared.data;
}

/**
 * The statistics loaders of one request, a member of its loaders
 * (createLoaders): the version is read once per request, the table set
 * computed once per version.
 */
export function createStatisticsLoaders(em: EntityManager, config: Pick<SubgraphConfig, 'minCellSize'>): StatisticsLoaders {
  let data: Promise<StatisticsData> | undefined;
  return {
    data: () => (data ??= sharedData(em, config.minCellSize)),
    teacherKeysByDistrict: new DataLoader((codes) => loadTeacherKeysByDistrict(em, codes)),
  };
}
