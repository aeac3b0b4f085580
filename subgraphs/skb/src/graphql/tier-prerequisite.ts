import { ConflictError, NotFoundError, type PartnerApi } from '@mitra/kit';

/**
 * The Diklat Berjenjang's tiers, lowest first. The university owns programs
 * and results; the SKB asks it (through the gateway, with the caller's
 * token) for the tier of the event's program and the teacher's highest
 * completed tier, and keeps only this order.
 */
const TIERS = ['BASIC', 'INTERMEDIATE', 'ADVANCED'] as const;

export interface ProgramTier {
  tier: string;
  tiered: boolean;
}

/** `trainingProgram(id) { tier tiered }`: the public catalogue, readable by every caller that registers participants. */
export async function programTier(partners: PartnerApi, programId: string): Promise<ProgramTier> {
  const data = await partners.query<{ trainingProgram: ProgramTier | null }>(
    'query EventProgramTier($id: ID!) { trainingProgram(id: $id) { tier tiered } }',
    { id: programId },
  );
  // An event names a program checked when it was created; the university not knowing it is no licence to skip the rule.
  if (!data.trainingProgram) throw new NotFoundError('TrainingProgram', programId, 'eventId');
  return data.trainingProgram;
}

/**
 * A tiered event above BASIC takes a teacher who completed the tier below it
 * (a passing assessment of a tiered program she attended, as the university
 * counts `highestCompletedTier`). A program that is not tiered (a technical
 * bimtek) and BASIC require nothing.
 */
export function requirePrerequisiteTier(program: ProgramTier, completed: string | null): void {
  const rank = TIERS.indexOf(program.tier as (typeof TIERS)[number]);
  if (!program.tiered || rank <= 0) return;
  const required = TIERS[rank - 1];
  const done = completed == null ? -1 : TIERS.indexOf(completed as (typeof TIERS)[number]);
  if (done >= rank - 1) return;
  throw new ConflictError(
    `teacherId: she has not completed ${required}, which ${program.tier} requires (her highest completed tier: ${completed ?? 'none'})`,
    'teacherId',
  );
}
