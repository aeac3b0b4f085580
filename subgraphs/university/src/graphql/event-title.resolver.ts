import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { mirrored } from '@mitra/kit';
import type { UniversityContext } from '../context';
import { TrainingEventRef } from './types/training-event.ref';

/** The skb's public title of an event, under `Assessment.event` (@provides): public, like `trainingEvent(id:)`. */
@Resolver(() => TrainingEventRef)
export class EventTitleResolver {
  @FieldResolver(() => String)
  title(@Root() event: TrainingEventRef, @Ctx() ctx: UniversityContext): string | Promise<string> {
    const { catalogue } = ctx.loaders;
    return mirrored(catalogue.peekEventTitle(event.id), () => catalogue.eventTitles.load(event.id), 'Event', event.id);
  }
}
