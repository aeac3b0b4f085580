import { Entity, Enum, Index, Property } from '@mikro-orm/core';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar, IdColumn } from '@mitra/kit';
import { SessionKind } from '../graphql/enums';

@ObjectType()
@Directive('@key(fields: "id")')
@Entity({ tableName: 'event_session' })
@Index({ properties: ['eventId', 'day', 'startsAt'] })
export class EventSession {
  @IdColumn()
  id!: string;

  /** Resolved to the event through a loader; sessions are listed per event. */
  @Property({ type: 'uuid' })
  eventId!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  day!: number;

  @Field(() => SessionKind)
  @Enum({ items: () => SessionKind })
  kind!: SessionKind;

  @Field()
  @Property({ type: 'text' })
  topic!: string;

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz' })
  startsAt!: Date;

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz' })
  endsAt!: Date;
}
