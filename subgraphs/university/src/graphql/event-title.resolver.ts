import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { GraphQLError } from 'graphql';
import type { UniversityContext } from '../context';
import { TrainingEventRef } from './types/training-event.ref';

/** The skb's public title of an event, under `Assessment.event` (@provides): public, like `trainingEvent(id:)`. */
@Resolver(() => TrainingEventRef)
export class EventTitleResolver {
  @FieldResolver(() => String)
  async title(@Root() event: TrainingEventRef, @Ctx() ctx: UniversityContext): Promise<string> {
    const title = await ctx.loaders.catalogue.eventTitles.load(event.id);
    if (title === null)
      throw new GraphQLError(`Event ${event.id} is not in its owner's public catalogue`, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
    return title;
  }
}
