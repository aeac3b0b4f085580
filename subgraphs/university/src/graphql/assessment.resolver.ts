import { Ctx, Directive, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { Authorized, Rule } from '@mitra/kit';
import { Assessment } from '../entities/assessment';
import { TrainingProgram } from '../entities/training-program';
import type { UniversityContext } from '../context';
import { TeacherRef } from './types/teacher.ref';
import { TrainingEventRef } from './types/training-event.ref';

/** post - pre in whole hundredths: the scores are numeric(5,2), so this is exact (no 27.199999999999996). */
export function scoreGain(pre: number | null | undefined, post: number | null | undefined): number | null {
  if (pre == null || post == null) return null;
  return (Math.round(post * 100) - Math.round(pre * 100)) / 100;
}

/** Every field here is person-level; the write is in assessment-writes.resolver.ts. */
@Authorized(Rule.PERSONS)
@Resolver(() => Assessment)
export class AssessmentResolver {
  @FieldResolver(() => TeacherRef, {
    nullable: true,
    description: "The teacher assessed (schools partner); null when she is out of the caller's reach (need-to-know).",
  })
  teacher(@Root() assessment: Assessment): TeacherRef {
    return TeacherRef.of(assessment.teacherId);
  }

  @FieldResolver(() => TrainingProgram, { description: 'The program she was assessed in.' })
  async program(@Root() assessment: Assessment, @Ctx() ctx: UniversityContext): Promise<TrainingProgram> {
    const program = await ctx.loaders.programById.load(assessment.programId);
    if (!program) throw new Error(`assessment ${assessment.id} has no program ${assessment.programId}`);
    return program;
  }

  @FieldResolver(() => TrainingEventRef, {
    nullable: true,
    description: 'The event of the program she attended (SKB partner); null when none was named.',
  })
  // The event's title comes with the assessment, from the mirrored catalogue: no extra round trip to the skb.
  @Directive('@provides(fields: "title")')
  event(@Root() assessment: Assessment): TrainingEventRef | null {
    return assessment.eventId ? TrainingEventRef.of(assessment.eventId) : null;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'postTestScore - preTestScore, when both exist.' })
  gain(@Root() assessment: Assessment): number | null {
    return scoreGain(assessment.preTestScore, assessment.postTestScore);
  }
}
