import { Entity, Enum, Index, Property, type Opt } from '@mikro-orm/core';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { Authorized, IdColumn, Rule, type OwnedRecord } from '@mitra/kit';
import { EmploymentStatus } from '../graphql/enums';

/** Person-level: partners read it, government tokens never (however it is reached). */
@Authorized(Rule.PERSONS)
@ObjectType({
  description: 'A PAUD teacher, registered at one school (schools partner); the SKB and university partners add her training.',
})
@Directive('@key(fields: "id")')
@Entity({ tableName: 'teacher' })
@Index({ properties: ['fullName', 'id'] })
@Index({ properties: ['schoolNpsn', 'fullName', 'id'] })
export class Teacher implements OwnedRecord {
  @IdColumn()
  id!: string;

  @Field({ description: 'Full name as on her diplomas, titles included.' })
  @Property({ type: 'text' })
  fullName!: string;

  /** Personal data: exposed through a field resolver under the need-to-know rule (teacher.resolver.ts), never directly. */
  @Property({ type: 'text', nullable: true, unique: true })
  nuptk?: string | null;

  @Property({ type: 'text' })
  schoolNpsn!: string;

  @Field(() => EmploymentStatus, { description: 'How she is employed.' })
  @Enum({ items: () => EmploymentStatus })
  employmentStatus!: EmploymentStatus;

  /** Personal data: exposed through a guarded field resolver, never directly. */
  @Property({ type: 'date', nullable: true })
  birthDate?: string | null;

  /** Optimistic concurrency: an update names the version it read, and a stale one changes nothing. */
  @Field(() => Int, { description: 'Changes with every update; pass it to updateTeacher.' })
  @Property({ type: 'integer', version: true })
  version: Opt<number> = 1;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  /** Whose personal fields these are: the teacher's own school (not a column; `Opt`: never given when inserting). */
  get ownerOrg(): Opt<string> {
    return `school:${this.schoolNpsn}`;
  }
}
