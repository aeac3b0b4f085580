import {
  BadUserInputError,
  type CompetencyArea,
  requireDateBetween,
  requireIntInRange,
  requireMatch,
  requireName,
  requireNumberInRange,
  shiftYears,
  todayWita,
} from '@mitra/kit';
import type { TrainingProgram } from '../entities/training-program';
import { TIER_ORDER, type TrainingTier } from './enums';

/** The first day an assessment can be recorded for: the tiered programs (Diklat Berjenjang) are younger than this. */
export const FIRST_ASSESSMENT_DAY = '2000-01-01';

/** A test score: 0 to 100, in hundredths at most (the column is numeric(5,2), which would round anything finer). */
export function checkScore(value: number, field: string): number {
  requireNumberInRange(value, 0, 100, field);
  if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-6)
    throw new BadUserInputError(field, `must have at most two decimals, got ${value}`);
  return Math.round(value * 100) / 100;
}

/** A day that has come (in Balikpapan), not before FIRST_ASSESSMENT_DAY. */
export function checkAssessedOn(day: string, field: string, today = todayWita()): string {
  return requireDateBetween(day, FIRST_ASSESSMENT_DAY, today, field, 'a day that has come');
}

/** Limits of what universities and training providers write into their catalogue (issue 12). */
export const CATALOGUE_LIMITS = {
  /** A program's title; a module's title. */
  titleMax: 200,
  /** A lecturer's name, as the schools partner bounds a teacher's. */
  nameMax: 150,
  /** "Dr., M.Pd." or "S.Pd., M.Pd.": a few degrees. */
  academicTitleMax: 60,
  expertiseItems: 20,
  expertiseMax: 100,
  studyProgramMax: 200,
  /** Hours (jam pelajaran) of a program or a module: the Diklat Berjenjang run 48 to 100; a year's course stays below this. */
  hoursMax: 1000,
  /** Cooperation agreements run a few years; longer ones are left open-ended (no validUntil). */
  partnershipYears: 10,
} as const;

/** Program codes as the providers write them: DB-PAUD-01, LPD-BTN-DB-01, PT-PAUD-2022. */
export const PROGRAM_CODE_PATTERN = /^[A-Z0-9][A-Z0-9._/-]{0,39}$/;

/** The first day a partnership can have been signed on: older agreements would concern no program of the hub. */
export const FIRST_PARTNERSHIP_DAY = '2000-01-01';

export function checkProgramCode(code: string, field: string): string {
  return requireMatch(
    code.trim(),
    PROGRAM_CODE_PATTERN,
    field,
    'a program code of 1 to 40 capital letters, digits, ".", "_", "/" or "-", starting with a letter or digit (e.g. DB-PAUD-01)',
  );
}

export function checkHours(hours: number, field: string): number {
  return requireIntInRange(hours, 1, CATALOGUE_LIMITS.hoursMax, field);
}

/**
 * A prerequisite is a step below on the same provider's ladder: another
 * provider's program, or one of the same or a higher tier, is a bad input
 * (nothing of the other provider is written, so it is no FORBIDDEN).
 */
export function checkPrerequisite(
  prerequisite: Pick<TrainingProgram, 'id' | 'tier' | 'providerOrg'>,
  tier: TrainingTier,
  providerOrg: string,
  field: string,
): void {
  if (prerequisite.providerOrg !== providerOrg) {
    throw new BadUserInputError(
      field,
      `is a program of ${prerequisite.providerOrg}; a prerequisite must be one of ${providerOrg}'s own programs`,
    );
  }
  if (TIER_ORDER.indexOf(prerequisite.tier) >= TIER_ORDER.indexOf(tier)) {
    throw new BadUserInputError(field, `is a ${prerequisite.tier} program; the prerequisite of a ${tier} program must be of a lower tier`);
  }
}

/** Areas of expertise: trimmed, not blank, each once (whatever its case), at most CATALOGUE_LIMITS.expertiseItems. */
export function checkExpertise(list: readonly string[], field: string): string[] {
  if (list.length > CATALOGUE_LIMITS.expertiseItems)
    throw new BadUserInputError(field, `must list at most ${CATALOGUE_LIMITS.expertiseItems} areas, got ${list.length}`);
  const seen = new Set<string>();
  return list.map((item) => {
    const area = requireName(item, field, CATALOGUE_LIMITS.expertiseMax);
    const key = area.toLocaleLowerCase('id');
    if (seen.has(key)) throw new BadUserInputError(field, `lists ${JSON.stringify(area)} twice`);
    seen.add(key);
    return area;
  });
}

/** A day that has come (in Balikpapan), not before FIRST_PARTNERSHIP_DAY. */
export function checkSignedOn(day: string, field: string, today = todayWita()): string {
  return requireDateBetween(day, FIRST_PARTNERSHIP_DAY, today, field, 'a day that has come');
}

/** After signedOn (an agreement lasts at least a day past its signing), at most CATALOGUE_LIMITS.partnershipYears later. */
export function checkValidUntil(day: string, signedOn: string, field: string): string {
  const years = CATALOGUE_LIMITS.partnershipYears;
  return requireDateBetween(
    day,
    shiftDays(signedOn, 1),
    shiftYears(signedOn, years),
    field,
    `after input.signedOn and at most ${years} years after it (leave it out for an open-ended agreement)`,
  );
}

function shiftDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Areas of competence a module teaches: each once (the enum has already checked the values). */
export function checkAreas(list: readonly CompetencyArea[], field: string): CompetencyArea[] {
  const seen = new Set<CompetencyArea>();
  for (const area of list) {
    if (seen.has(area)) throw new BadUserInputError(field, `lists ${area} twice; name each area once`);
    seen.add(area);
  }
  return [...list];
}
