import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { TrainingEvent } from '../entities/training-event';
import type { SkbContext } from '../context';
import { TrainingProgramRef } from './types/training-program.ref';

/** What the skb adds to the university's TrainingProgram. */
@Resolver(() => TrainingProgramRef)
export class TrainingProgramResolver {
  @FieldResolver(() => [TrainingEvent], { nullable: true, description: 'Scheduled offerings of this program (skb).' })
  events(@Root() program: TrainingProgramRef, @Ctx() ctx: SkbContext): Promise<TrainingEvent[]> {
    return ctx.loaders.eventsByProgram.load(program.id);
  }
}
