import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, PageInfo } from '@mitra/kit';
import { TrainingEvent } from '../../entities/training-event';
import { TrainingEventStatus } from '../enums';

@ObjectType()
export class TrainingEventEdge {
  @Field()
  cursor!: string;

  @Field(() => TrainingEvent)
  node!: TrainingEvent;
}

@ObjectType()
export class TrainingEventConnection {
  @Field(() => [TrainingEventEdge])
  edges!: TrainingEventEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  /** Counted only when a client asks for totalCount. */
  count!: () => Promise<number>;

  @Field(() => Int)
  totalCount(): Promise<number> {
    return this.count();
  }
}

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
