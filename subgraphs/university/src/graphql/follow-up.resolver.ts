import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import {
  Authorized,
  BadUserInputError,
  NotFoundError,
  Rule,
  newId,
  recordAudit,
  requireOwnOrganisation,
  requireUuid,
  requireViewer,
} from '@mitra/kit';
import { FollowUp } from '../entities/follow-up';
import { Lecturer } from '../entities/lecturer';
import { TrainingProgram } from '../entities/training-program';
import type { UniversityContext } from '../context';
import { requireAttended } from './assessment-writes.resolver';
import { TeacherRef } from './types/teacher.ref';
import { TrainingEventRef } from './types/training-event.ref';
import { FollowUpInput } from './types/follow-up.input';
import { checkAssessedOn, checkScore } from './validation';

/** What the SKB says of the event named: its program, its last day, and who attended (read by the provider of its program). */
interface EventFacts {
  program: { id: string };
  endsOn: string;
  registrations: Array<{ status: string; teacher: { id: string } | null }>;
}
const EVENT_FACTS = 'id program { id } endsOn registrations { status teacher { id } }';

/** Every field here is person-level, as the follow-up itself. */
@Authorized(Rule.PERSONS)
@Resolver(() => FollowUp)
export class FollowUpResolver {
  @FieldResolver(() => TeacherRef, {
    nullable: true,
    description: "The teacher followed up (schools partner); null when she is out of the caller's reach (need-to-know).",
  })
  teacher(@Root() followUp: FollowUp): TeacherRef {
    return TeacherRef.of(followUp.teacherId);
  }

  @FieldResolver(() => TrainingProgram, { description: 'The program whose training she is followed up after.' })
  async program(@Root() followUp: FollowUp, @Ctx() ctx: UniversityContext): Promise<TrainingProgram> {
    const program = await ctx.loaders.programById.load(followUp.programId);
    if (!program) throw new Error(`follow-up ${followUp.id} has no program ${followUp.programId}`);
    return program;
  }

  @FieldResolver(() => TrainingEventRef, { nullable: true, description: 'The event she attended (SKB partner); null when none was named.' })
  event(@Root() followUp: FollowUp): TrainingEventRef | null {
    return followUp.eventId ? TrainingEventRef.of(followUp.eventId) : null;
  }

  @FieldResolver(() => Lecturer, { nullable: true, description: 'The lecturer who did it; null when not named.' })
  mentor(@Root() followUp: FollowUp, @Ctx() ctx: UniversityContext): Promise<Lecturer | null> | null {
    return followUp.mentorId ? ctx.loaders.lecturerById.load(followUp.mentorId) : null;
  }
}

@Resolver()
export class FollowUpWritesResolver {
  /**
   * A program's provider records a mentoring visit or classroom observation
   * of a teacher after its training. The teacher (schools) and the event
   * (skb) are checked through the gateway with the caller's token, before the
   * transaction: a provider sees only teachers registered for its programs'
   * events (need-to-know), and an event named must be of the program, attended
   * by the teacher, and over before the visit.
   */
  @Authorized(Rule.UNIVERSITY_ADMIN, Rule.PROVIDER_ADMIN)
  @Mutation(() => FollowUp, {
    description:
      "Records a mentoring visit or classroom observation of a teacher after a training of one of the caller's own programs: an event named must be of the program, attended by her, and over before the visit.",
  })
  async recordFollowUp(
    @Arg('input', () => FollowUpInput, { description: 'The follow-up.' }) input: FollowUpInput,
    @Ctx() ctx: UniversityContext,
  ): Promise<FollowUp> {
    const viewer = requireViewer(ctx.viewer, 'Mutation.recordFollowUp');
    const teacherId = requireUuid(input.teacherId, 'input.teacherId');
    const programId = requireUuid(input.programId, 'input.programId');
    const eventId = input.eventId == null ? null : requireUuid(input.eventId, 'input.eventId');
    const mentorId = input.mentorId == null ? null : requireUuid(input.mentorId, 'input.mentorId');
    const visitedOn = checkAssessedOn(input.visitedOn, 'input.visitedOn');
    const observationScore = input.observationScore == null ? null : checkScore(input.observationScore, 'input.observationScore');

    const program = await ctx.loaders.programById.load(programId);
    if (!program) throw new NotFoundError('TrainingProgram', programId, 'input.programId');
    requireOwnOrganisation(viewer, program.providerOrg, 'Mutation.recordFollowUp');
    if (mentorId) {
      const mentor = await ctx.loaders.lecturerById.load(mentorId);
      if (!mentor) throw new NotFoundError('Lecturer', mentorId, 'input.mentorId');
      if (mentor.organizationOrg !== program.providerOrg) {
        throw new BadUserInputError(
          'input.mentorId',
          `is a lecturer of ${mentor.organizationOrg}; a mentor must be one of ${program.providerOrg}'s own`,
        );
      }
    }
    const [, event] = await Promise.all([
      ctx.partners.requireExisting('teacher', 'Teacher', teacherId, 'input.teacherId'),
      eventId ? ctx.partners.fetchExisting<EventFacts>('trainingEvent', 'TrainingEvent', eventId, 'input.eventId', EVENT_FACTS) : null,
    ]);
    if (event) {
      if (event.program.id !== programId) {
        throw new BadUserInputError('input.eventId', `is an event of program ${event.program.id}, not of input.programId ${programId}`);
      }
      requireAttended(event, teacherId, 'a follow-up of an event');
      if (visitedOn <= event.endsOn) {
        throw new BadUserInputError('input.visitedOn', `is ${visitedOn}; a follow-up of an event comes after its last day ${event.endsOn}`);
      }
    }

    return ctx.em.transactional(async (tx) => {
      const followUp = tx.create(FollowUp, {
        id: newId(),
        teacherId,
        programId,
        eventId,
        eventEndsOn: event?.endsOn ?? null,
        kind: input.kind,
        visitedOn,
        mentorId,
        area: input.area ?? null,
        observationScore,
      });
      await recordAudit(tx, viewer, {
        action: 'recordFollowUp',
        entity: 'FollowUp',
        entityId: followUp.id,
        details: { teacherId, programId, eventId, kind: input.kind, visitedOn },
      });
      await tx.flush();
      return followUp;
    });
  }
}
