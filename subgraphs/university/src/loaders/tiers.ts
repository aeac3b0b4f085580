import type { EntityManager } from '@mikro-orm/postgresql';
import { prepared, whereAny } from '@mitra/kit';
import { TIER_ORDER, type TrainingTier } from '../graphql/enums';

// Rank 1..n in TIER_ORDER; built from the enum's own constants, never from input.
const TIER_RANK_SQL = `case p.tier ${TIER_ORDER.map((tier, i) => `when '${tier}' then ${i + 1}`).join(' ')} end`;

/**
 * `Teacher.highestCompletedTier` for many teachers in one statement: the
 * highest tier among the tiered programs (Diklat Berjenjang, not a technical
 * bimtek) of each teacher's passed assessments. Attendance is the SKB's: an
 * assessment that names an event was accepted only for a teacher who
 * attended it (recordAssessment), so it stands for attended; one without an
 * event (a mentoring completion) counts as its provider recorded it.
 * The ids are UUIDs in lower case (the loader's uuidBatch sees to it).
 */
export async function loadHighestCompletedTiers(em: EntityManager, teacherIds: readonly string[]): Promise<Array<TrainingTier | null>> {
  const knex = em.getKnex();
  const rows: Array<{ teacher_id: string; rank: number }> = await prepared(
    whereAny(
      knex('assessment as a')
        .join('training_program as p', 'p.id', 'a.program_id')
        .select('a.teacher_id', knex.raw(`max(${TIER_RANK_SQL}) as rank`))
        .where('a.passed', true)
        .where('p.tiered', true),
      'a.teacher_id',
      teacherIds,
      'uuid',
    ).groupBy('a.teacher_id'),
  );
  const ranks = new Map(rows.map((r) => [r.teacher_id, Number(r.rank)]));
  return teacherIds.map((id) => {
    const rank = ranks.get(id);
    return rank ? TIER_ORDER[rank - 1] : null;
  });
}

/** The tier after `completed`: BASIC for none, null after the last. */
export function nextTierAfter(completed: TrainingTier | null): TrainingTier | null {
  if (completed == null) return TIER_ORDER[0];
  return TIER_ORDER[TIER_ORDER.indexOf(completed) + 1] ?? null;
}
