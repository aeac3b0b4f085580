import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { GraphQLError } from 'graphql';
import type { UniversityContext } from '../context';
import { TrainingEventRef } from './types/training-event.ref';

/** The skb's public title of an event, under `Assessment.event` (@provides): public, like `trainingEvent(id:)`. */
@Resolver(() => TrainingEventRef)
export class EventTitleResolver {
  @FieldResolver(() => String)
  title(@Root() event: TrainingEventRef, @Ctx() ctx: UniversityContext): string | Promise<string> {
    // At once when the mirror holds it (almost always): a promise per assessment cost more than the title.
    const held = ctx.loaders.catalogue.peekEventTitle(event.id);
    if (held !== undefined) return held;
    return ctx.loaders.catalogue.eventTitles.load(event.id).then((title) => {
      if (title === null)
        throw new GraphQLError(`Event ${event.id} is not in its owner's public catalogue`, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
      return title;
    });
  }
}
