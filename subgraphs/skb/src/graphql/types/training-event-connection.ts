import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection, DateScalar } from '@mitra/kit';
import { TrainingEvent } from '../../entities/training-event';
import { TrainingEventStatus } from '../enums';

@ObjectType()
export class TrainingEventConnection extends Connection(TrainingEvent, 'TrainingEventEdge') {}

@InputType()
export class TrainingEventFilter {
  @Field(() => ID, { nullable: true })
  programId?: string | null;

  @Field(() => ID, { nullable: true })
  venueId?: string | null;

  @Field(() => TrainingEventStatus, { nullable: true })
  status?: TrainingEventStatus | null;

  @Field(() => DateScalar, { nullable: true, description: 'Events starting after this day (exclusive).' })
  startsAfter?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Events starting before this day (exclusive).' })
  startsBefore?: string | null;
}
