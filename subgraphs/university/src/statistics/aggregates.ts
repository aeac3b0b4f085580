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
  /**
   * Teachers with a follow-up at least 30 days after the training (FOLLOW_UP_SQL),
   * those of them with an observation score, and the scores of those follow-ups.
   */
  followedUp: number;
  scoredTeachers: number;
  scoreCount: number;
  scoreSum: number;
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
  /** Follow-up figures over all tiers: a teacher followed up in two tiers is one teacher here. */
  followUpAll: OutcomeSums;
}

/** A set of teachers (a district's) and the year its coverage is limited to (null: all years). */
export interface CoverageKey {
  teacherKeys: string[];
  year?: number | null;
}

export function emptySums(): OutcomeSums {
  return { assessed: 0, passed: 0, scored: 0, preSum: 0, postSum: 0, followedUp: 0, scoredTeachers: 0, scoreCount: 0, scoreSum: 0 };
}

const SUMS_SQL = `count(*)::int as assessed, count(*) filter (where a.passed)::int as passed,
  count(*) filter (where a.pre_test_score is not null and a.post_test_score is not null)::int as scored,
  coalesce(sum(a.pre_test_score) filter (where a.post_test_score is not null), 0)::float8 as pre_sum,
  coalesce(sum(a.post_test_score) filter (where a.pre_test_score is not null), 0)::float8 as post_sum`;

/**
 * Follow-ups that count as "after the training": visited at least 30 days
 * after the event's last day (as the SKB reported it when the follow-up was
 * recorded), or, for a follow-up that names no event, at least 30 days after
 * the teacher's first assessment of the program. One without either counts
 * for nothing. The university holds both days, so no statistic asks the SKB.
 */
export const FOLLOW_UP_DAYS = 30;
const QUALIFYING_FOLLOW_UPS = `select fu.* from follow_up fu
   where fu.visited_on >= coalesce(fu.event_ends_on,
           (select min(x.assessed_on) from assessment x where x.teacher_id = fu.teacher_id and x.program_id = fu.program_id)) + ${FOLLOW_UP_DAYS}`;
const FOLLOW_SQL = `count(distinct f.teacher_id)::int as followed_up,
  count(distinct f.teacher_id) filter (where f.observation_score is not null)::int as scored_teachers,
  count(f.observation_score)::int as score_count, coalesce(sum(f.observation_score), 0)::float8 as score_sum`;

type SumsRow = {
  assessed: number | null;
  passed: number | null;
  scored: number | null;
  pre_sum: number | null;
  post_sum: number | null;
  followed_up?: number | null;
  scored_teachers?: number | null;
  score_count?: number | null;
  score_sum?: number | null;
};
const toSums = (r: SumsRow): OutcomeSums => ({
  assessed: Number(r.assessed ?? 0),
  passed: Number(r.passed ?? 0),
  scored: Number(r.scored ?? 0),
  preSum: Number(r.pre_sum ?? 0),
  postSum: Number(r.post_sum ?? 0),
  followedUp: Number(r.followed_up ?? 0),
  scoredTeachers: Number(r.scored_teachers ?? 0),
  scoreCount: Number(r.score_count ?? 0),
  scoreSum: Number(r.score_sum ?? 0),
});

/**
 * Everything the university reports about a set of teachers, for many sets
 * at once: two statements per batch (tiers; assessments), whatever the sizes.
 */
export async function loadCoverage(em: EntityManager, coverageKeys: readonly CoverageKey[]): Promise<CoverageFigures[]> {
  const sets = coverageKeys.map((c) => c.teacherKeys);
  // The year of each set by its position, 0 for all years: the university knows no event's date, so a
  // year's assessments are those assessed in it (the demo and the providers assess on the event's last day).
  const years = coverageKeys.map((c) => c.year ?? 0).join(',');
  const YEAR_FILTER = `(string_to_array(?, ',')::int[])[k.idx + 1] in (0, extract(year from a.assessed_on)::int)`;
  const result: CoverageFigures[] = sets.map((set) => ({
    total: new Set(set).size,
    byTier: Object.fromEntries(TIER_ORDER.map((t) => [t, 0])) as Record<TrainingTier, number>,
    gainTeachers: 0,
    gainAssessments: 0,
    gainSum: 0,
    outcomesByTier: Object.fromEntries(TIER_ORDER.map((t) => [t, emptySums()])) as Record<TrainingTier, OutcomeSums>,
    followUpAll: emptySums(),
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
                    where ${YEAR_FILTER}
                    group by k.idx, k.teacher_id)
     select idx, rank, count(*)::int as teachers from best group by idx, rank`,
    [positions, keys, years],
  );
  for (const r of tiers) result[Number(r.idx)].byTier[TIER_ORDER[Number(r.rank) - 1]] = Number(r.teachers);
  // Assessments and follow-ups per tier and in all, joined in one statement (rank 0: all tiers).
  const outcomes: Array<SumsRow & { idx: number; rank: number; gain_teachers: number | null }> = await conn.execute(
    `with k as (select distinct * from unnest(string_to_array(?, ',')::int[], string_to_array(?, ',')::uuid[]) as k(idx, teacher_id)),
          asm as (select k.idx, coalesce(${TIER_RANK_SQL}, 0) as rank, ${SUMS_SQL},
                         count(distinct a.teacher_id) filter (where a.pre_test_score is not null and a.post_test_score is not null)::int as gain_teachers
                    from k join assessment a on a.teacher_id = k.teacher_id
                    join training_program p on p.id = a.program_id
                   where ${YEAR_FILTER}
                   group by grouping sets ((k.idx, p.tier), (k.idx))),
          fol as (select k.idx, coalesce(${TIER_RANK_SQL}, 0) as rank, ${FOLLOW_SQL}
                    from k join (${QUALIFYING_FOLLOW_UPS}) f on f.teacher_id = k.teacher_id
                    join training_program p on p.id = f.program_id
                   group by grouping sets ((k.idx, p.tier), (k.idx)))
     select coalesce(asm.idx, fol.idx) as idx, coalesce(asm.rank, fol.rank) as rank,
            asm.assessed, asm.passed, asm.scored, asm.pre_sum, asm.post_sum, asm.gain_teachers,
            fol.followed_up, fol.scored_teachers, fol.score_count, fol.score_sum
       from asm full join fol on fol.idx = asm.idx and fol.rank = asm.rank`,
    [positions, keys, years],
  );
  for (const r of outcomes) {
    const figures = result[Number(r.idx)];
    if (Number(r.rank) === 0) {
      const sums = toSums(r);
      figures.followUpAll = sums;
      figures.gainTeachers = Number(r.gain_teachers ?? 0);
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
  const rows: Array<SumsRow & { key: string }> = await em.getConnection().execute(
    `with asm as (select a.${column} as key, ${SUMS_SQL} from assessment a
                   where a.${column} = any(string_to_array(?, ',')::uuid[]) group by a.${column}),
          fol as (select f.${column} as key, ${FOLLOW_SQL} from (${QUALIFYING_FOLLOW_UPS}) f
                   where f.${column} = any(string_to_array(?, ',')::uuid[]) group by f.${column})
     select coalesce(asm.key, fol.key) as key, asm.assessed, asm.passed, asm.scored, asm.pre_sum, asm.post_sum,
            fol.followed_up, fol.scored_teachers, fol.score_count, fol.score_sum
       from asm full join fol on fol.key = asm.key`,
    [valid.join(','), valid.join(',')],
  );
  const byKey = new Map(rows.map((r) => [r.key, toSums(r)]));
  return keys.map((k) => byKey.get(k.toLowerCase()) ?? emptySums());
}
