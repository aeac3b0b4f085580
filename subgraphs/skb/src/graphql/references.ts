import { Rule, authorizedReference, decodeTeacherKeys } from '@mitra/kit';
import type { SkbContext } from '../context';
import { DistrictRef } from './types/district.ref';
import { TrainingCoverage } from './types/statistics.types';
import { LecturerRef } from './types/lecturer.ref';
import { PersonReachRef } from './types/person-reach.ref';
import { TeacherRef } from './types/teacher.ref';
import { TrainingProgramRef } from './types/training-program.ref';

/**
 * `__resolveReference` for the entities this subgraph owns, each batched by
 * its loader (non-UUID keys resolve to null without a query), and for the
 * other partners' entities it extends, which are their keys alone.
 */
export const references = {
  Venue: (ref: { id: string }, ctx: SkbContext) => ctx.loaders.venueById.load(ref.id),
  TrainingEvent: (ref: { id: string }, ctx: SkbContext) => ctx.loaders.eventById.load(ref.id),
  EventSession: (ref: { id: string }, ctx: SkbContext) => ctx.loaders.sessionById.load(ref.id),
  Registration: authorizedReference([Rule.PERSONS], (ref: { id: string }, ctx: SkbContext) => ctx.loaders.registrationById.load(ref.id)),
  Teacher: authorizedReference([Rule.PERSONS], (ref: { id: string }) => TeacherRef.of(ref.id)),
  PersonReach: authorizedReference([Rule.PERSONS], (ref: { org: string; programIds?: string[] }) =>
    PersonReachRef.of(ref.org, ref.programIds),
  ),
  Lecturer: (ref: { id: string }) => LecturerRef.of(ref.id),
  TrainingProgram: (ref: { id: string }) => TrainingProgramRef.of(ref.id),
  District: (ref: { code: string; teacherKeys?: string }) =>
    DistrictRef.of(ref.code, ref.teacherKeys === undefined ? undefined : decodeTeacherKeys(ref.teacherKeys)),
  TrainingCoverage: (ref: { teacherKeys: string; year?: number | null; universitySuppressed?: boolean }) =>
    TrainingCoverage.of(decodeTeacherKeys(ref.teacherKeys), ref.universitySuppressed, ref.year),
};
