import { Entity, Enum, Index, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Authorized, IdColumn, Rule } from '@mitra/kit';
import { RegistrationStatus } from '../graphql/enums';

/** A participant of an event, by name: person-level. */
@Authorized(Rule.PERSONS)
@ObjectType({ description: 'A participant of a training event (SKB partner): a registered teacher or someone else, by name.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'registration' })
// A teacher holds one registration per event that is not cancelled (Migration20261127130002SkbActiveRegistrationUnique).
@Unique({
  name: 'registration_event_id_teacher_id_unique',
  expression: `create unique index "registration_event_id_teacher_id_unique" on "registration" ("event_id", "teacher_id") where "teacher_id" is not null and "status" <> 'CANCELLED'`,
})
export class Registration {
  @IdColumn()
  id!: string;

  /** Resolved to `event` through a loader. */
  @Index()
  @Property({ type: 'uuid' })
  eventId!: string;

  /**
   * The schools partner's Teacher key; null for a participant who is not a
   * registered teacher. A teacher holds at most one active registration per event.
   */
  @Index()
  @Property({ type: 'uuid', nullable: true })
  teacherId?: string | null;

  @Field({ description: 'Name as given at registration; for non-teacher participants, the only identity.' })
  @Property({ type: 'text' })
  participantName!: string;

  @Field(() => RegistrationStatus, { description: 'Where the registration stands.' })
  @Enum({ items: () => RegistrationStatus })
  status!: RegistrationStatus;
}
