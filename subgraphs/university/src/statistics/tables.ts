import { SuppressionTable } from '@mitra/kit';
import { TIER_ORDER, type TrainingTier } from '../graphql/enums';

/**
 * Teachers of a district by highest completed tier; those with none are
 * derivable from the district's teacher count, so they count too. The
 * tiers of one district add up to its teacher count alone (no other
 * published figure counts these teachers), so the table stands by itself.
 */
export function tierTable(total: number, byTier: Record<TrainingTier, number>, min: number): SuppressionTable {
  const table = new SuppressionTable(min).cell('total', total);
  let withTier = 0;
  for (const t of TIER_ORDER) {
    table.cell(t, byTier[t]);
    withTier += byTier[t];
  }
  table.cell('none', total - withTier, false);
  return table.sum('total', [...TIER_ORDER, 'none']);
}
