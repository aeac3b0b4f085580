import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { TeacherSetKey } from '@mitra/kit';

/**
 * Training coverage of a set of teachers. Two partners fill it: this one
 * counts attendance, the university counts completed tiers and gains. Its
 * key is the set of teacher keys, so the gateway can join the two halves;
 * the keys themselves are @inaccessible and never reach a client.
 */
@ObjectType({
  description:
    "Training coverage of a district's teachers: attendance from the SKB partner, completed tiers and gains from the university partner. Small groups are suppressed.",
})
@Directive('@key(fields: "teacherKeys year")')
export class TrainingCoverage extends TeacherSetKey {
  /**
   * District.training(year): only events held in that year count; null for
   * all years. Part of the key, so that the university's half of the same
   * coverage counts the same year (internal).
   */
  @Field(() => Int, { nullable: true })
  @Directive('@inaccessible')
  year?: number | null;

  /** Whether the university withheld any of its figures (internal; resolved there). */
  @Field()
  @Directive('@external')
  universitySuppressed?: boolean;

  static of(teacherKeys: string[], universitySuppressed?: boolean, year?: number | null): TrainingCoverage {
    return Object.assign(new TrainingCoverage(), { teacherKeys, universitySuppressed, year: year ?? null });
  }
}

@ObjectType({
  description:
    "Attendance at a program's events: registrations that were not cancelled, and how many attended. Small groups are suppressed.",
})
export class AttendanceFigures {
  @Field(() => Int, { nullable: true, description: 'Registrations that were not cancelled. Null when suppressed.' })
  registrations!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "Attended ÷ (attended + no-show) over the program's events, 0..1 to 4 decimals; pending registrations count in neither. Null when suppressed (a count from 1 to MIN_CELL_SIZE - 1 here or in one of its events) or nothing recorded yet.",
  })
  attendanceRate!: number | null;

  @Field({ description: 'True when at least one figure here was withheld because its group is too small.' })
  suppressed!: boolean;
}
