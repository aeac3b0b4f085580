import type { EntityManager } from '@mikro-orm/postgresql';
import type { TrainingTier } from '../graphql/enums';
import { QUALIFYING_FOLLOW_UPS } from './aggregates';

/** One assessment, as the statistics read it. */
export interface AssessmentRow {
  teacherId: string;
  programId: string;
  eventId: string | null;
  passed: boolean;
  /** Both scores, or null when either is missing. */
  pre: number | null;
  post: number | null;
  year: number;
}

/** One follow-up that counts as "after the training" (aggregates.ts QUALIFYING_FOLLOW_UPS). */
export interface FollowUpRow {
  teacherId: string;
  programId: string;
  eventId: string | null;
  score: number | null;
}

export interface ProgramRow {
  id: string;
  tier: TrainingTier;
  tiered: boolean;
}

/** Everything the training statistics are made of, read in the caller's transaction (one snapshot). */
export interface OutcomeRows {
  assessments: AssessmentRow[];
  followUps: FollowUpRow[];
  programs: ProgramRow[];
}

export async function loadOutcomeRows(em: EntityManager): Promise<OutcomeRows> {
  const assessments = await em.execute<
    Array<{
      teacher_id: string;
      program_id: string;
      event_id: string | null;
      passed: boolean;
      pre: string | null;
      post: string | null;
      year: number;
    }>
  >(
    `select a.teacher_id, a.program_id, a.event_id, a.passed,
            case when a.post_test_score is not null then a.pre_test_score end as pre,
            case when a.pre_test_score is not null then a.post_test_score end as post,
            extract(year from a.assessed_on)::int as year
       from assessment a`,
  );
  const followUps = await em.execute<
    Array<{ teacher_id: string; program_id: string; event_id: string | null; observation_score: string | null }>
  >(`select f.teacher_id, f.program_id, f.event_id, f.observation_score from (${QUALIFYING_FOLLOW_UPS}) f`);
  const programs = await em.execute<Array<{ id: string; tier: TrainingTier; tiered: boolean }>>(
    'select id, tier, tiered from training_program',
  );
  const num = (v: string | null) => (v == null ? null : Number(v));
  return {
    assessments: assessments.map((r) => ({
      teacherId: r.teacher_id,
      programId: r.program_id,
      eventId: r.event_id,
      passed: r.passed,
      pre: num(r.pre),
      post: num(r.post),
      year: Number(r.year),
    })),
    followUps: followUps.map((r) => ({
      teacherId: r.teacher_id,
      programId: r.program_id,
      eventId: r.event_id,
      score: num(r.observation_score),
    })),
    programs: programs.map((p) => ({ id: p.id, tier: p.tier, tiered: p.tiered })),
  };
}
