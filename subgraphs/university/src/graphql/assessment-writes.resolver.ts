import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { BadUserInputError, NotFoundError, Rule, newId, recordAudit, requireOwnOrganisation, requireUuid, requireViewer } from '@mitra/kit';
import { Assessment } from '../entities/assessment';
import type { UniversityContext } from '../context';
import { AssessmentInput } from './types/assessment.input';
import { checkAssessedOn, checkScore } from './validation';

const optionalScore = (value: number | null | undefined, field: string): number | null => (value == null ? null : checkScore(value, field));

@Resolver()
export class AssessmentWritesResolver {
  /**
   * The university's admin records a teacher's results. The teacher (schools)
   * and the event (skb) are other partners' keys: asked through the gateway
   * with the caller's token, before the transaction, so no lock waits on HTTP.
   */
  @Authorized(Rule.UNIVERSITY_ADMIN, Rule.PROVIDER_ADMIN)
  @Mutation(() => Assessment)
  async recordAssessment(@Arg('input', () => AssessmentInput) input: AssessmentInput, @Ctx() ctx: UniversityContext): Promise<Assessment> {
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
    const [, event] = await Promise.all([
      ctx.partners.requireExisting('teacher', 'Teacher', teacherId, 'input.teacherId'),
      eventId
        ? ctx.partners.fetchExisting<{ program: { id: string } }>(
            'trainingEvent',
            'TrainingEvent',
            eventId,
            'input.eventId',
            'id program { id }',
          )
        : null,
    ]);
    // An event offers one program: results of another program cannot come from it.
    if (event && event.program.id !== programId) {
      throw new BadUserInputError('input.eventId', `is an event of program ${event.program.id}, not of input.programId ${programId}`);
    }

    return ctx.em.transactional(async (tx) => {
      const assessment = tx.create(Assessment, {
        id: newId(),
        teacherId,
        programId,
        eventId,
        preTestScore,
        postTestScore,
        microteachingScore,
        passed: input.passed,
        assessedOn,
      });
      await recordAudit(tx, viewer, {
        action: 'recordAssessment',
        entity: 'Assessment',
        entityId: assessment.id,
        details: { teacherId, programId, eventId, passed: input.passed },
      });
      await tx.flush();
      return assessment;
    });
  }
}
