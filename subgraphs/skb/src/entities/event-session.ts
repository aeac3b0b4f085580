import { Entity, Enum, Index, Property } from '@mikro-orm/core';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar, IdColumn } from '@mitra/kit';
import { SessionKind } from '../graphql/enums';

@ObjectType({ description: "One session of a training event's programme." })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'event_session' })
@Index({ properties: ['eventId', 'day', 'startsAt'] })
export class EventSession {
  @IdColumn()
  id!: string;

  /** Resolved to the event through a loader; sessions are listed per event. */
  @Property({ type: 'uuid' })
  eventId!: string;

  @Field(() => Int, { description: "Day of the event it falls on, 1 for the event's first day." })
  @Property({ type: 'integer' })
  day!: number;

  @Field(() => SessionKind, { description: 'What the session is for.' })
  @Enum({ items: () => SessionKind })
  kind!: SessionKind;

  @Field({ description: 'Topic of the session.' })
  @Property({ type: 'text' })
  topic!: string;

  @Field(() => DateTimeScalar, { description: 'When it starts.' })
  @Property({ type: 'timestamptz' })
  startsAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When it ends.' })
  @Property({ type: 'timestamptz' })
  endsAt!: Date;
}
