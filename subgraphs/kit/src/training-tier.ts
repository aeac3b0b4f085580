import { registerEnumType } from 'type-graphql';

/**
 * The university's tiers, declared once here because the skb answers a
 * program's tier too (`TrainingEvent.program`, @provides: the catalogue
 * names it mirrors), and both subgraphs must declare the same enum.
 */
export enum TrainingTier {
  BASIC = 'BASIC',
  INTERMEDIATE = 'INTERMEDIATE',
  ADVANCED = 'ADVANCED',
}
registerEnumType(TrainingTier, {
  name: 'TrainingTier',
  description: 'Tiers of the Diklat Berjenjang (tiered training of PAUD teachers), lowest to highest.',
  valuesConfig: {
    BASIC: { description: 'Diklat Berjenjang Tingkat Dasar' },
    INTERMEDIATE: { description: 'Tingkat Lanjut' },
    ADVANCED: { description: 'Tingkat Mahir' },
  },
});
