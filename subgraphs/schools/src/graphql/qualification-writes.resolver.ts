import { LockMode } from '@mikro-orm/core';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import {
  Authorized,
  NotFoundError,
  Rule,
  newId,
  recordAudit,
  requireName,
  requireOwnOrganisation,
  requireUuid,
  type Viewer,
} from '@mitra/kit';
import { Qualification } from '../entities/qualification';
import type { Teacher } from '../entities/teacher';
import type { SchoolsContext } from '../context';
import { QualificationInput } from './types/teacher.input';
import { INSTITUTION_MAX, checkGraduationYear } from './validation';

/** The teacher a write names, and FORBIDDEN unless she teaches at the caller's own school. */
async function ownTeacher(
  ctx: SchoolsContext,
  teacherId: string,
  field: string,
  what: string,
): Promise<{ teacher: Teacher; viewer: Viewer }> {
  const teacher = await ctx.loaders.teacherById.load(requireUuid(teacherId, field));
  if (!teacher) throw new NotFoundError('Teacher', teacherId, field);
  requireOwnOrganisation(ctx.viewer, teacher.ownerOrg, what);
  return { teacher, viewer: ctx.viewer };
}

/** A school's admin records and verifies the diplomas of its own teachers. */
@Resolver()
export class QualificationWritesResolver {
  @Authorized(Rule.SCHOOL_ADMIN)
  @Mutation(() => Qualification, { description: "Adds a diploma to a teacher of the caller's own school; it starts unverified." })
  async addQualification(
    @Arg('teacherId', () => ID, { description: "Id of a teacher of the caller's own school." }) teacherId: string,
    @Arg('input', () => QualificationInput, { description: 'The diploma.' }) input: QualificationInput,
    @Ctx() ctx: SchoolsContext,
  ): Promise<Qualification> {
    const { teacher, viewer } = await ownTeacher(ctx, teacherId, 'teacherId', 'Mutation.addQualification');
    const institution = input.institution == null ? null : requireName(input.institution, 'input.institution', INSTITUTION_MAX);
    const graduationYear = input.graduationYear == null ? null : checkGraduationYear(input.graduationYear, 'input.graduationYear');

    return ctx.em.transactional(async (tx) => {
      const qualification = tx.create(Qualification, {
        id: newId(),
        teacherId: teacher.id,
        level: input.level,
        field: input.field,
        institution,
        graduationYear,
        verified: false,
      });
      await recordAudit(tx, viewer, {
        action: 'addQualification',
        entity: 'Qualification',
        entityId: qualification.id,
        details: { teacherId: teacher.id, level: input.level, field: input.field, graduationYear },
      });
      await tx.flush();
      return qualification;
    });
  }

  @Authorized(Rule.SCHOOL_ADMIN)
  @Mutation(() => Qualification, {
    description:
      "Marks a diploma of a teacher of the caller's own school as checked against the original. Verifying it again changes nothing.",
  })
  async verifyQualification(
    @Arg('qualificationId', () => ID, { description: 'Id of the diploma.' }) qualificationId: string,
    @Ctx() ctx: SchoolsContext,
  ): Promise<Qualification> {
    const id = requireUuid(qualificationId, 'qualificationId');
    const found = await ctx.em.findOne(Qualification, { id });
    if (!found) throw new NotFoundError('Qualification', qualificationId, 'qualificationId');
    const { viewer } = await ownTeacher(ctx, found.teacherId, 'qualificationId', 'Mutation.verifyQualification');

    return ctx.em.transactional(async (tx) => {
      const qualification = await tx.findOne(Qualification, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (!qualification) throw new NotFoundError('Qualification', qualificationId, 'qualificationId');
      // Idempotent: a second click (or a second admin) is not an error and leaves no second audit row.
      if (qualification.verified) return qualification;
      qualification.verified = true;
      await recordAudit(tx, viewer, {
        action: 'verifyQualification',
        entity: 'Qualification',
        entityId: qualification.id,
        details: { teacherId: qualification.teacherId },
      });
      await tx.flush();
      return qualification;
    });
  }
}
