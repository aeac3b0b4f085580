import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid, keySetParams } from '@mitra/kit';
import { TIER_ORDER, type TrainingTier } from '../graphql/enums';

const TIER_RANK_SQL = `case p.tier ${TIER_ORDER.map((tier, i) => `when '${tier}' then ${i + 1}`).join(' ')} end`;

/** Sums over a set of assessments; means and rates are derived after suppression. */
export interface OutcomeSums {
  assessed: number;
  passed: number;
  /** Assessments with both scores, and the sums of those scores. */
  scored: number;
  preSum: number;
  postSum: number;
}

export interface CoverageFigures {
  total: number;
  byTier: Record<TrainingTier, number>;
  /** Teachers with at least one assessment that has both scores, and the gain over those assessments. */
  gainTeachers: number;
  gainAssessments: number;
  gainSum: number;
  /** Outcomes per tier of the program assessed. */
  outcomesByTier: Record<TrainingTier, OutcomeSums>;
}

export function emptySums(): OutcomeSums {
  return { assessed: 0, passed: 0, scored: 0, preSum: 0, postSum: 0 };
}

const SUMS_SQL = `count(*)::int as assessed, count(*) filter (where a.passed)::int as passed,
  count(*) filter (where a.pre_test_score is not null and a.post_test_score is not null)::int as scored,
  coalesce(sum(a.pre_test_score) filter (where a.post_test_score is not null), 0)::float8 as pre_sum,
  coalesce(sum(a.post_test_score) filter (where a.pre_test_score is not null), 0)::float8 as post_sum`;

type SumsRow = { assessed: number; passed: number; scored: number; pre_sum: number; post_sum: number };
const toSums = (r: SumsRow): OutcomeSums => ({
  assessed: Number(r.assessed),
  passed: Number(r.passed),
  scored: Number(r.scored),
  preSum: Number(r.pre_sum),
  postSum: Number(r.post_sum),
});

/**
 * Everything the university reports about a set of teachers, for many sets
 * at once: two statements per batch (tiers; assessments), whatever the sizes.
 */
export async function loadCoverage(em: EntityManager, sets: readonly string[][]): Promise<CoverageFigures[]> {
  const result: CoverageFigures[] = sets.map((set) => ({
    total: new Set(set).size,
    byTier: Object.fromEntries(TIER_ORDER.map((t) => [t, 0])) as Record<TrainingTier, number>,
    gainTeachers: 0,
    gainAssessments: 0,
    gainSum: 0,
    outcomesByTier: Object.fromEntries(TIER_ORDER.map((t) => [t, emptySums()])) as Record<TrainingTier, OutcomeSums>,
  }));
  const { positions, keys, count } = keySetParams(sets);
  if (!count) return result;
  const conn = em.getConnection();
  const tiers: Array<{ idx: number; rank: number; teachers: number }> = await conn.execute(
    `with k as (select distinct * from unnest(string_to_array(?, ',')::int[], string_to_array(?, ',')::uuid[]) as k(idx, teacher_id)),
          -- the highest tier completed, as Teacher.highestCompletedTier: tiered programs only (a technical bimtek completes none)
          best as (select k.idx, k.teacher_id, max(${TIER_RANK_SQL}) as rank
                     from k join assessment a on a.teacher_id = k.teacher_id and a.passed
                     join training_program p on p.id = a.program_id and p.tiered
                    group by k.idx, k.teacher_id)
     select idx, rank, count(*)::int as teachers from best group by idx, rank`,
    [positions, keys],
  );
  for (const r of tiers) result[Number(r.idx)].byTier[TIER_ORDER[Number(r.rank) - 1]] = Number(r.teachers);
  const outcomes: Array<SumsRow & { idx: number; rank: number; gain_teachers: number }> = await conn.execute(
    `with k as (select distinct * from unnest(string_to_array(?, ',')::int[], string_to_array(?, ',')::uuid[]) as k(idx, teacher_id))
     select k.idx, ${TIER_RANK_SQL} as rank, ${SUMS_SQL},
            count(distinct a.teacher_id) filter (where a.pre_test_score is not null and a.post_test_score is not null)::int as gain_teachers
       from k join assessment a on a.teacher_id = k.teacher_id
       join training_program p on p.id = a.program_id
      group by grouping sets ((k.idx, p.tier), (k.idx))`,
    [positions, keys],
  );
  for (const r of outcomes) {
    const figures = result[Number(r.idx)];
    if (r.rank == null) {
      const sums = toSums(r);
      figures.gainTeachers = Number(r.gain_teachers);
      figures.gainAssessments = sums.scored;
      figures.gainSum = sums.postSum - sums.preSum;
    } else {
      figures.outcomesByTier[TIER_ORDER[Number(r.rank) - 1]] = toSums(r);
    }
  }
  return result;
}

export async function loadSumsBy(em: EntityManager, column: 'program_id' | 'event_id', keys: readonly string[]): Promise<OutcomeSums[]> {
  const valid = [...new Set(keys.filter(isUuid).map((k) => k.toLowerCase()))];
  if (!valid.length) return keys.map(() => emptySums());
  const rows: Array<SumsRow & { key: string }> = await em
    .getConnection()
    .execute(
      `select a.${column} as key, ${SUMS_SQL} from assessment a where a.${column} = any(string_to_array(?, ',')::uuid[]) group by a.${column}`,
      [valid.join(',')],
    );
  const byKey = new Map(rows.map((r) => [r.key, toSums(r)]));
  return keys.map((k) => byKey.get(k.toLowerCase()) ?? emptySums());
}
