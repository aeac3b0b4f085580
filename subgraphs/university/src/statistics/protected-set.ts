import { StatisticsVersionCache } from '@mitra/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DistrictOutcomes } from './district-set';
import { NationalOutcomes } from './national-set';
import { loadOutcomeRows } from './outcome-rows';
import { PartitionSource, type Partition } from './partition';

/**
 * The university's protected table set of training figures: one per data
 * version (kit StatisticsVersionCache), its district half one per version and
 * partition of the teachers into districts. Every answer about outcomes and
 * coverage reads it; nothing is computed from rows outside it.
 */
export class ProtectedTrainingSet {
  readonly partition = new PartitionSource();
  private readonly national: StatisticsVersionCache<NationalOutcomes>;
  private district?: { national: NationalOutcomes; partition: Partition; value: DistrictOutcomes };

  constructor(readonly minimumCellSize: number) {
    this.national = new StatisticsVersionCache(async (em) => new NationalOutcomes(await loadOutcomeRows(em), minimumCellSize));
  }

  nationalSet(em: EntityManager): Promise<NationalOutcomes> {
    return this.national.get(em);
  }

  districtSet(national: NationalOutcomes, partition: Partition): DistrictOutcomes {
    const last = this.district;
    if (last && last.national === national && last.partition === partition) return last.value;
    const value = new DistrictOutcomes(national, partition, this.minimumCellSize);
    this.district = { national, partition, value };
    return value;
  }
}

const sets = new Map<number, ProtectedTrainingSet>();

/** The process's set for a minimum cell size (one per subgraph; tests may run several). */
export function protectedTrainingSet(minimumCellSize: number): ProtectedTrainingSet {
  let set = sets.get(minimumCellSize);
  if (!set) sets.set(minimumCellSize, (set = new ProtectedTrainingSet(minimumCellSize)));
  return set;
}
