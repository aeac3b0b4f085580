import { Entity, Enum, Index, Property, type Opt } from '@mikro-orm/core';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Authorized, DateScalar, DateTimeScalar, IdColumn, Rule } from '@mitra/kit';
import { ConsultationStatus, ConsultationTopic } from '../graphql/types/consultation.enums';

/**
 * A partner school's request for the study program's free consultation.
 * Only the school and the provider asked read it (consultation.resolver.ts
 * decides where it is reached); it can name a child's difficulty, so it is
 * person-level: government tokens never read it.
 */
@Authorized(Rule.PERSONS)
@ObjectType({ description: "A partner school's request for a consultation with a university's study program or a training provider." })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'consultation_request' })
@Index({ properties: ['schoolNpsn', 'requestedOn', 'id'] })
@Index({ properties: ['providerOrg', 'requestedOn', 'id'] })
export class ConsultationRequest {
  @IdColumn()
  id!: string;

  /** Resolved to `school`. */
  @Property({ type: 'text' })
  schoolNpsn!: string;

  /** The university or training provider asked (the `org` of its tokens); resolved to `provider`. */
  @Property({ type: 'text' })
  providerOrg!: string;

  @Field(() => ConsultationTopic, { description: 'What the school asks about.' })
  @Enum({ items: () => ConsultationTopic })
  topic!: ConsultationTopic;

  @Field({ description: 'What the school wrote.' })
  @Property({ type: 'text' })
  description!: string;

  /** 'YYYY-MM-DD' in Balikpapan (WITA). */
  @Field(() => DateScalar, { description: 'The day it was asked for (in Balikpapan, WITA).' })
  @Property({ type: 'date' })
  requestedOn!: string;

  @Field(() => ConsultationStatus, { description: 'Where it stands.' })
  @Enum({ items: () => ConsultationStatus })
  status!: ConsultationStatus;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it takes place; null until scheduled.' })
  @Property({ type: 'timestamptz', nullable: true })
  scheduledAt?: Date | null;

  /** A lecturer of the provider; resolved to `consultant`. */
  @Index()
  @Property({ type: 'uuid', nullable: true })
  consultantId?: string | null;

  /** Optimistic concurrency: every change moves it on. */
  @Property({ type: 'integer', version: true })
  version: Opt<number> = 1;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
