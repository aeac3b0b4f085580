import { registerEnumType } from 'type-graphql';

export enum TrainingTier {
  BASIC = 'BASIC',
  INTERMEDIATE = 'INTERMEDIATE',
  ADVANCED = 'ADVANCED',
}
registerEnumType(TrainingTier, {
  name: 'TrainingTier',
  valuesConfig: {
    BASIC: { description: 'Diklat Berjenjang Tingkat Dasar' },
    INTERMEDIATE: { description: 'Tingkat Lanjut' },
    ADVANCED: { description: 'Tingkat Mahir' },
  },
});

/** Lowest to highest: the order of the tiers, not of their names. */
export const TIER_ORDER: TrainingTier[] = [TrainingTier.BASIC, TrainingTier.INTERMEDIATE, TrainingTier.ADVANCED];
