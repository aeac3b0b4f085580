import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Training coverage of a set of teachers. Two partners fill it: this one
 * counts attendance, the university counts completed tiers and gains. Its
 * key is the set of teacher keys, so the gateway can join the two halves;
 * the keys themselves are @inaccessible and never reach a client.
 */
@ObjectType()
@Directive('@key(fields: "teacherKeys")')
export class TrainingCoverage {
  @Field(() => [ID])
  @Directive('@inaccessible')
  teacherKeys!: string[];

  /** Whether the university withheld any of its figures (internal; resolved there). */
  @Field()
  @Directive('@external')
  universitySuppressed?: boolean;

  static of(teacherKeys: string[], universitySuppressed?: boolean): TrainingCoverage {
    return Object.assign(new TrainingCoverage(), { teacherKeys, universitySuppressed });
  }
}
