import { Rule, authorizedReference, decodeTeacherKeys } from '@mitra/kit';
import type { UniversityContext } from '../context';
import { reachOf } from './reach.resolver';
import { SchoolRef } from './types/school.ref';
import { DistrictRef } from './types/district.ref';
import { TrainingCoverage } from './types/statistics.types';
import { TeacherRef } from './types/teacher.ref';
import { TrainingEventRef } from './types/training-event.ref';
import type { ConsultationRequest } from '../entities/consultation-request';
import { mayReadConsultation } from './consultation.resolver';
import { TrainingNeedRef } from './types/training-need.ref';

/**
 * `__resolveReference` for the entities this subgraph owns, each batched by
 * its loader (ids that are not UUIDs resolve to null there), and for the
 * other partners' entities it extends, which need nothing but their key.
 */
export const references = {
  Lecturer: (ref: { id: string }, ctx: UniversityContext) => ctx.loaders.lecturerById.load(ref.id),
  TrainingProgram: (ref: { id: string }, ctx: UniversityContext) => ctx.loaders.programById.load(ref.id),
  Assessment: authorizedReference([Rule.PERSONS], (ref: { id: string }, ctx: UniversityContext) => ctx.loaders.assessmentById.load(ref.id)),
  FollowUp: authorizedReference([Rule.PERSONS], (ref: { id: string }, ctx: UniversityContext) => ctx.loaders.followUpById.load(ref.id)),
  Partnership: authorizedReference([Rule.AUTHENTICATED], (ref: { id: string }, ctx: UniversityContext) =>
    ctx.loaders.partnershipById.load(ref.id),
  ),
  School: (ref: { npsn: string }) => SchoolRef.of(ref.npsn),
  Teacher: authorizedReference([Rule.PERSONS], (ref: { id: string }) => TeacherRef.of(ref.id)),
  TrainingEvent: (ref: { id: string }) => TrainingEventRef.of(ref.id),
  // Only the school that asked and the provider asked: to anyone else the request does not exist (null).
  ConsultationRequest: authorizedReference([Rule.PERSONS], async (ref: { id: string }, ctx: UniversityContext) => {
    const consultation: ConsultationRequest | null = await ctx.loaders.consultations.consultationById.load(ref.id);
    return consultation && mayReadConsultation(ctx.viewer, consultation) ? consultation : null;
  }),
  // The owner's area and teacher come along (@requires suggestedPrograms).
  TrainingNeed: authorizedReference(
    [Rule.PERSONS],
    (ref: { id: string; area?: TrainingNeedRef['area']; teacher?: { id: string } | null }) => TrainingNeedRef.of(ref),
  ),
  District: (ref: { code: string; teacherKeys?: string }) =>
    DistrictRef.of(ref.code, ref.teacherKeys === undefined ? undefined : decodeTeacherKeys(ref.teacherKeys)),
  TrainingCoverage: (ref: { teacherKeys: string; year?: number | null }) =>
    TrainingCoverage.of(decodeTeacherKeys(ref.teacherKeys), ref.year),
  // Only ever the caller's own reach; another organisation's is null.
  PersonReach: authorizedReference([Rule.PERSONS], (ref: { org: string }, ctx: UniversityContext) => reachOf(ctx, ref.org)),
};
