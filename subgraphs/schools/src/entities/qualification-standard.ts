import { FieldOfStudy, QUALIFICATION_ORDER, QualificationLevel } from '../graphql/enums';

/** The national standard for a PAUD teacher: a D4 or S1 (or higher) in early childhood education or psychology. */
export const STANDARD_LEVELS: QualificationLevel[] = [
  QualificationLevel.D4,
  QualificationLevel.S1,
  QualificationLevel.S2,
  QualificationLevel.S3,
];
export const STANDARD_FIELDS: FieldOfStudy[] = [FieldOfStudy.EARLY_CHILDHOOD_EDUCATION, FieldOfStudy.PSYCHOLOGY];

export function meetsStandard(q: { level: QualificationLevel; field: FieldOfStudy }): boolean {
  return STANDARD_LEVELS.includes(q.level) && STANDARD_FIELDS.includes(q.field);
}

export function highestLevel(levels: QualificationLevel[]): QualificationLevel | null {
  let best = -1;
  for (const level of levels) best = Math.max(best, QUALIFICATION_ORDER.indexOf(level));
  return best >= 0 ? QUALIFICATION_ORDER[best] : null;
}
