import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { byKey, groupedByKey, uuidBatch } from '@mitra/kit';
import { TrainingNeed } from '../entities/training-need';
import { loadOpenNeedsByDistrict, type OpenNeedCounts } from '../statistics/needs';

export interface TrainingNeedLoaders {
  byId: DataLoader<string, TrainingNeed | null>;
  /** Every need of a school (its own and its teachers'), oldest first. */
  bySchool: DataLoader<string, TrainingNeed[]>;
  /** The needs that name a teacher, oldest first. */
  byTeacher: DataLoader<string, TrainingNeed[]>;
  /** Open needs per area of each district, for District.trainingNeeds. */
  openByDistrict: DataLoader<string, OpenNeedCounts[]>;
}

const ORDER = { statedOn: 'asc', id: 'asc' } as const;

/** One SQL statement per batch each. */
export function createTrainingNeedLoaders(em: EntityManager): TrainingNeedLoaders {
  return {
    byId: new DataLoader(
      uuidBatch(
        () => null,
        async (ids) => byKey(ids, await em.find(TrainingNeed, { id: { $in: ids } }), (n) => n.id),
      ),
    ),
    bySchool: new DataLoader(async (npsns) =>
      groupedByKey(npsns, await em.find(TrainingNeed, { schoolNpsn: { $in: [...npsns] } }, { orderBy: ORDER }), (n) => n.schoolNpsn),
    ),
    byTeacher: new DataLoader(
      uuidBatch(
        (): TrainingNeed[] => [],
        async (ids) => groupedByKey(ids, await em.find(TrainingNeed, { teacherId: { $in: ids } }, { orderBy: ORDER }), (n) => n.teacherId!),
      ),
    ),
    openByDistrict: new DataLoader((codes) => loadOpenNeedsByDistrict(em, codes)),
  };
}
