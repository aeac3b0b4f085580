import type { EntityManager } from '@mikro-orm/postgresql';
import type { PartnerApi } from '@mitra/kit';
import type { TierOutcomes, TrainingOutcomes } from '../graphql/types/statistics.types';
import { DistrictOutcomes, type DistrictCoverage } from './district-set';
import type { NationalOutcomes } from './national-set';
import { protectedTrainingSet, type ProtectedTrainingSet } from './protected-set';

/** What a request reads of the protected training set (protected-set.ts). */
export interface StatisticsLoaders {
  readonly set: ProtectedTrainingSet;
  programOutcomes(id: string): Promise<TrainingOutcomes>;
  eventOutcomes(id: string): Promise<TrainingOutcomes>;
  /** Per tier and for all tiers (tier null), of a district as the gateway passes it. */
  districtOutcomes(code: string, teacherKeys: readonly string[], partners: PartnerApi): Promise<TierOutcomes[]>;
  /** Of a set of teachers (a district's) in a year (null: all years); null when the set is no district. */
  coverage(teacherKeys: readonly string[], year: number | null, partners: PartnerApi): Promise<DistrictCoverage | null>;
}

/** The statistics loaders of one request, a member of its loaders (createLoaders). */
export function createStatisticsLoaders(em: EntityManager, minimumCellSize: number): StatisticsLoaders {
  const set = protectedTrainingSet(minimumCellSize);
  // The version is checked once per request: every figure of one answer comes from the same set.
  let current: Promise<NationalOutcomes> | undefined;
  const national = () => (current ??= set.nationalSet(em));
  return {
    set,
    programOutcomes: async (id) => (await national()).program(id),
    eventOutcomes: async (id) => (await national()).event(id),
    // A district without teachers has nothing to protect: zeros, whatever the partition.
    districtOutcomes: async (code, keys, partners) => {
      if (!keys.length) return DistrictOutcomes.empty().outcomes('');
      return set.districtSet(await national(), await set.partition.forDistrict(code, keys, partners)).outcomes(code);
    },
    coverage: async (keys, year, partners) => {
      if (!keys.length) return DistrictOutcomes.empty().coverage('', year);
      const code = await set.partition.districtOf(keys, partners);
      return code == null ? null : set.districtSet(await national(), set.partition.current()).coverage(code, year);
    },
  };
}
