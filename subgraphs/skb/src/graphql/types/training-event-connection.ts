import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection, DateScalar } from '@mitra/kit';
import { TrainingEvent } from '../../entities/training-event';
import { TrainingEventStatus } from '../enums';

@ObjectType({ description: 'A page of training events (Relay cursor connection).' })
export class TrainingEventConnection extends Connection(TrainingEvent, 'TrainingEventEdge') {}

@InputType({ description: 'Conditions on training events; those left out do not filter.' })
export class TrainingEventFilter {
  @Field(() => ID, { nullable: true, description: 'Only events of this training program.' })
  programId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only events at this venue.' })
  venueId?: string | null;

  @Field(() => TrainingEventStatus, { nullable: true, description: 'Only events with this status.' })
  status?: TrainingEventStatus | null;

  @Field(() => DateScalar, { nullable: true, description: 'Events starting after this day (exclusive).' })
  startsAfter?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Events starting before this day (exclusive).' })
  startsBefore?: string | null;
}
