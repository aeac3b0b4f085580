import { Entity, Enum, Index, Property, type Opt } from '@mikro-orm/core';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { DateScalar, IdColumn } from '@mitra/kit';
import { TrainingEventStatus } from '../graphql/enums';

@ObjectType({ description: "A training event an SKB holds at one of its venues, of a university's or provider's program." })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'training_event' })
@Index({ properties: ['startsOn', 'id'] })
@Index({ properties: ['programId', 'startsOn', 'id'] })
@Index({ properties: ['venueId', 'startsOn', 'id'] })
@Index({ properties: ['status', 'startsOn', 'id'] })
export class TrainingEvent {
  @IdColumn()
  id!: string;

  @Field({ description: 'Title of the event.' })
  // Shareable: the university answers it too under Assessment.event (@provides, from its mirror of the catalogue).
  @Directive('@shareable')
  @Property({ type: 'text' })
  title!: string;

  /** The university's TrainingProgram key; resolved to a `TrainingProgram` stub. */
  @Property({ type: 'uuid' })
  programId!: string;

  /** Resolved to `venue` through a loader. */
  @Property({ type: 'uuid' })
  venueId!: string;

  /** `date` columns come back from the driver as 'YYYY-MM-DD' strings: no time zone can shift them. */
  @Field(() => DateScalar, { description: 'First day of the event.' })
  @Property({ type: 'date' })
  startsOn!: string;

  @Field(() => DateScalar, { description: 'Last day of the event (the same as startsOn for a one-day event).' })
  @Property({ type: 'date' })
  endsOn!: string;

  @Field(() => Int, { description: 'Seats: at most this many active registrations.' })
  @Property({ type: 'integer' })
  capacity!: number;

  @Field(() => TrainingEventStatus, { description: 'Where the event stands.' })
  @Enum({ items: () => TrainingEventStatus })
  status!: TrainingEventStatus;

  /** Optimistic concurrency: an update names the version it read, and a stale one changes nothing. */
  @Field(() => Int, { description: 'Changes with every change of the event (its status too); pass it to updateTrainingEvent.' })
  @Property({ type: 'integer', version: true })
  version: Opt<number> = 1;
}
