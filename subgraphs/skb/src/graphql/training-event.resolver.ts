import { Arg, Args, Ctx, Directive, FieldResolver, Float, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import {
  Authorized,
  CursorCodec,
  OrganizationRef,
  PageArgs,
  Rule,
  checkPageSize,
  countWhenAsked,
  providedPrograms,
  requireUuid,
  toPage,
} from '@mitra/kit';
import { EventSession } from '../entities/event-session';
import { Registration } from '../entities/registration';
import { TrainingEvent } from '../entities/training-event';
import { Venue } from '../entities/venue';
import { countTrainingEvents, listTrainingEvents, type TrainingEventKey } from '../loaders/training-event-pages';
import type { SkbContext } from '../context';
import { TrainingEventConnection, TrainingEventFilter } from './types/training-event-connection';
import { TrainingProgramRef } from './types/training-program.ref';
import { checkTrainingEventFilter } from './validation';

export const TRAINING_EVENTS_SCOPE = 'training-events';

export function trainingEventCursor(cursors: CursorCodec, scope: string, e: TrainingEvent): string {
  return cursors.encode(scope, [e.startsOn, e.id]);
}

@Resolver(() => TrainingEvent)
export class TrainingEventResolver {
  @Query(() => TrainingEvent, { nullable: true, description: 'A training event by its id; null when unknown.' })
  trainingEvent(
    @Arg('id', () => ID, { description: 'Its id, a UUID.' }) id: string,
    @Ctx() ctx: SkbContext,
  ): Promise<TrainingEvent | null> {
    return ctx.loaders.eventById.load(requireUuid(id, 'id'));
  }

  @Query(() => TrainingEventConnection, { nullable: true, description: 'Training events by start day, a page at a time.' })
  async trainingEvents(
    @Arg('filter', () => TrainingEventFilter, { nullable: true, description: 'Only the events matching every condition given.' })
    filter: TrainingEventFilter | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: SkbContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TrainingEventConnection> {
    const size = checkPageSize(first);
    const f = checkTrainingEventFilter(filter ?? {});
    const key = after ? (ctx.cursors.decode(TRAINING_EVENTS_SCOPE, after) as TrainingEventKey) : null;
    const count = countWhenAsked(info, () => countTrainingEvents(ctx.em, f));
    const rows = await listTrainingEvents(ctx.em, f, size, key);
    const connection = new TrainingEventConnection();
    Object.assign(
      connection,
      toPage(rows, size, (e) => trainingEventCursor(ctx.cursors, TRAINING_EVENTS_SCOPE, e), after),
    );
    connection.count = count;
    return connection;
  }

  @FieldResolver(() => TrainingProgramRef, { nullable: true, description: 'The program the event runs (university partner).' })
  // The program's public names come with the event, from the mirrored catalogue: no extra round trip to the university.
  @Directive('@provides(fields: "code title tier")')
  program(@Root() event: TrainingEvent): TrainingProgramRef {
    return TrainingProgramRef.of(event.programId);
  }

  @FieldResolver(() => Venue, { description: 'Where it is held.' })
  async venue(@Root() event: TrainingEvent, @Ctx() ctx: SkbContext): Promise<Venue> {
    const venue = await ctx.loaders.venueById.load(event.venueId);
    if (!venue) throw new Error(`training event ${event.id} has no venue ${event.venueId}`);
    return venue;
  }

  /** Its venue's owner: an SKB runs events at its own venues only. The venues of a page of events are one batch. */
  @FieldResolver(() => OrganizationRef, { description: 'The SKB that runs the event, at one of its own venues.' })
  async organizer(@Root() event: TrainingEvent, @Ctx() ctx: SkbContext): Promise<OrganizationRef> {
    return OrganizationRef.of((await this.venue(event, ctx)).ownerOrg);
  }

  @FieldResolver(() => [EventSession], { description: 'Its programme, by day and start time.' })
  sessions(@Root() event: TrainingEvent, @Ctx() ctx: SkbContext): Promise<EventSession[]> {
    return ctx.loaders.sessionsByEvent.load(event.id);
  }

  /**
   * Participants by name: person-level, unlike the rest of the (public)
   * event, and need-to-know: the SKB that organises the event and the
   * provider of its program read them; for anyone else the list is empty (a
   * school reads its own teachers' registrations as Teacher.trainingHistory).
   */
  @Authorized(Rule.PERSONS)
  @FieldResolver(() => [Registration], {
    description:
      "Read by the SKB that organises the event and the provider of its program; empty for everyone else (a school reads its teachers' registrations as Teacher.trainingHistory).",
  })
  async registrations(@Root() event: TrainingEvent, @Ctx() ctx: SkbContext): Promise<Registration[]> {
    if (!(await readsRegistrations(ctx, event))) return [];
    return ctx.loaders.registrationsByEvent.load(event.id);
  }

  /** Public like the rest of the event, so read from the protected set like every statistic (statistics/tables.ts). */
  @FieldResolver(() => Float, {
    nullable: true,
    description:
      'Attended ÷ (attended + no-show) registrations, 0..1 to 4 decimals; pending registrations count in neither. Null before any attendance is recorded, and when either count is from 1 to MIN_CELL_SIZE - 1.',
  })
  attendanceRate(@Root() event: TrainingEvent, @Ctx() ctx: SkbContext): Promise<number | null> {
    return ctx.loaders.statistics.eventAttendanceRate(event.id);
  }
}

/** The event's organiser (the SKB that owns its venue) and its program's provider. */
async function readsRegistrations(ctx: SkbContext, event: TrainingEvent): Promise<boolean> {
  const viewer = ctx.viewer;
  if (!viewer) return false;
  if (viewer.orgKind === 'skb') return (await ctx.loaders.venueById.load(event.venueId))?.ownerOrg === viewer.org;
  return (await providedPrograms(viewer, ctx.partners)).has(event.programId);
}
