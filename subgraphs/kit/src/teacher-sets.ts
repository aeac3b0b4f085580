import { Directive, Field, ObjectType } from 'type-graphql';
import { encodeTeacherKeys } from './teacher-keys';
import { requireIntInRange, todayWita } from './validate';

/**
 * The key of an entity that stands for a set of teachers and that several
 * partners fill in (TrainingCoverage): the keys of the teachers themselves,
 * as the schools partner gives them (`District.teacherKeys`), so that the
 * gateway can join the partners' halves. The keys travel between subgraphs
 * only (@inaccessible), never to a client. Each partner declares the entity:
 *
 *     @ObjectType()
 *     @Directive('@key(fields: "teacherKeys")')
 *     export class TrainingCoverage extends TeacherSetKey { ... }
 */
// Not in any schema by itself: type-graphql emits only the types a schema reaches.
@ObjectType()
export abstract class TeacherSetKey {
  /** The keys themselves, for the statistics (decoded from a representation with decodeTeacherKeys). */
  teacherKeys!: string[];

  /** `teacherKeys` as it crosses to the gateway: one compact string (teacher-keys.ts). */
  @Field(() => String, { name: 'teacherKeys' })
  @Directive('@inaccessible')
  get compactTeacherKeys(): string {
    return encodeTeacherKeys(this.teacherKeys);
  }
}

/**
 * `District.training(year)` is resolved by both the skb and the university
 * subgraph (@shareable, each @requires the schools' teacher keys), so that
 * the gateway asks both at once instead of one after the other: both take
 * the same argument, described and checked the same way.
 */
export const FIRST_TRAINING_YEAR = 2000;

/** `District.training`, which the skb and the university both declare (@shareable): one text for both. */
export const DISTRICT_TRAINING_DESCRIPTION = 'Training coverage of those same teachers (skb: attendance, university: completed tiers).';

export const TRAINING_YEAR_DESCRIPTION = `Only events held in that year (skb: started in it; university: assessed in it), ${FIRST_TRAINING_YEAR} to next year; all years when left out.`;

/** The year argument of District.training: from FIRST_TRAINING_YEAR to next year in WITA, else BAD_USER_INPUT naming `year`. */
export function requireTrainingYear(year: number | null | undefined): number | null {
  if (year == null) return null;
  return requireIntInRange(year, FIRST_TRAINING_YEAR, Number(todayWita().slice(0, 4)) + 1, 'year');
}
