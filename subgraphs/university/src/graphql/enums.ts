// Declared in the kit: the skb answers a program's tier too (the catalogue names it mirrors).
import { TrainingTier } from '@mitra/kit';

export { TrainingTier };

/** Lowest to highest: the order of the tiers, not of their names. */
export const TIER_ORDER: TrainingTier[] = [TrainingTier.BASIC, TrainingTier.INTERMEDIATE, TrainingTier.ADVANCED];
