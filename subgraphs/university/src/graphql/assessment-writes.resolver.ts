import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import {
  Authorized,
  BadUserInputError,
  ConflictError,
  NotFoundError,
  Rule,
  newId,
  recordAudit,
  requireOwnOrganisation,
  requireUuid,
  requireViewer,
} from '@mitra/kit';
import { Assessment } from '../entities/assessment';
import type { TrainingProgram } from '../entities/training-program';
import type { UniversityContext } from '../context';
import { AssessmentInput } from './types/assessment.input';
import { checkAssessedOn, checkScore } from './validation';

const optionalScore = (value: number | null | undefined, field: string): number | null => (value == null ? null : checkScore(value, field));

/** What the event's SKB says of it: its program, and who registered with what outcome (read by the provider of its program). */
interface EventFacts {
  program: { id: string };
  registrations: Array<{ status: string; teacher: { id: string } | null }>;
}
const EVENT_FACTS = 'id program { id } registrations { status teacher { id } }';

/**
 * `passed` follows from the post-test and the program's pass mark where both
 * exist: an input that says otherwise is refused, not corrected, so that a
 * client never believes it recorded what it did not.
 */
export function derivePassed(given: boolean, postTestScore: number | null, program: Pick<TrainingProgram, 'code' | 'passMark'>): boolean {
  if (postTestScore == null || program.passMark == null) return given;
  const passed = postTestScore >= program.passMark;
  if (given !== passed) {
    throw new BadUserInputError(
      'input.passed',
      `is ${given}, but the post-test score ${postTestScore} is ${passed ? 'at or above' : 'below'} the pass mark ${program.passMark} of program ${program.code}`,
    );
  }
  return passed;
}

/** An assessment of an event is of a teacher who attended it: registered only, no-show, cancelled or absent from the list is CONFLICT. */
export function requireAttended(event: Pick<EventFacts, 'registrations'>, teacherId: string, what = 'an assessment of an event'): void {
  const hers = event.registrations.filter((r) => r.teacher?.id.toLowerCase() === teacherId);
  if (hers.some((r) => r.status === 'ATTENDED')) return;
  const why = hers.length ? `her registration is ${hers.map((r) => r.status).join(', ')}` : 'she is not registered for it';
  throw new ConflictError(
    `input.eventId: the teacher did not attend this event (${why}); ${what} needs her attendance (ATTENDED)`,
    'input.eventId',
  );
}

@Resolver()
export class AssessmentWritesResolver {
  /**
   * The university's admin records a teacher's results. The teacher (schools)
   * and the event (skb) are other partners' keys: asked through the gateway
   * with the caller's token, before the transaction, so no lock waits on HTTP.
   * `passed` agrees with the post-test and the pass mark; an event named was
   * attended by the teacher; one assessment per teacher and event.
   */
  @Authorized(Rule.UNIVERSITY_ADMIN, Rule.PROVIDER_ADMIN)
  @Mutation(() => Assessment, {
    description:
      "Records a teacher's results in one of the caller's own programs: one assessment per teacher and event; an event named must be of the program and attended by her. `passed` must agree with the post-test score and the program's pass mark.",
  })
  async recordAssessment(
    @Arg('input', () => AssessmentInput, { description: 'The results.' }) input: AssessmentInput,
    @Ctx() ctx: UniversityContext,
  ): Promise<Assessment> {
    const viewer = requireViewer(ctx.viewer, 'Mutation.recordAssessment');
    const teacherId = requireUuid(input.teacherId, 'input.teacherId');
    const programId = requireUuid(input.programId, 'input.programId');
    const eventId = input.eventId == null ? null : requireUuid(input.eventId, 'input.eventId');
    const preTestScore = optionalScore(input.preTestScore, 'input.preTestScore');
    const postTestScore = optionalScore(input.postTestScore, 'input.postTestScore');
    const microteachingScore = optionalScore(input.microteachingScore, 'input.microteachingScore');
    const assessedOn = checkAssessedOn(input.assessedOn, 'input.assessedOn');

    const program = await ctx.loaders.programById.load(programId);
    if (!program) throw new NotFoundError('TrainingProgram', programId, 'input.programId');
    // Results of a program are its provider's to record, not any university's.
    requireOwnOrganisation(viewer, program.providerOrg, 'Mutation.recordAssessment');
    const passed = derivePassed(input.passed, postTestScore, program);
    const [, event] = await Promise.all([
      ctx.partners.requireExisting('teacher', 'Teacher', teacherId, 'input.teacherId'),
      eventId ? ctx.partners.fetchExisting<EventFacts>('trainingEvent', 'TrainingEvent', eventId, 'input.eventId', EVENT_FACTS) : null,
    ]);
    // An event offers one program: results of another program cannot come from it.
    if (event && event.program.id !== programId) {
      throw new BadUserInputError('input.eventId', `is an event of program ${event.program.id}, not of input.programId ${programId}`);
    }
    // The SKB holds attendance; the provider of the event's program reads its registrations (need-to-know).
    if (event) requireAttended(event, teacherId);

    return ctx.em.transactional(async (tx) => {
      const assessment = tx.create(Assessment, {
        id: newId(),
        teacherId,
        programId,
        eventId,
        preTestScore,
        postTestScore,
        microteachingScore,
        passed,
        assessedOn,
      });
      // One transaction: a second assessment of the teacher for the event (the unique index) rolls back its audit row too.
      await recordAudit(tx, viewer, {
        action: 'recordAssessment',
        entity: 'Assessment',
        entityId: assessment.id,
        details: { teacherId, programId, eventId, passed },
      });
      await tx.flush();
      return assessment;
    });
  }
}
