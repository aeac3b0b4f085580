import { LockMode } from '@mikro-orm/core';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import {
  Authorized,
  BadUserInputError,
  ConflictError,
  NotFoundError,
  Rule,
  newId,
  recordAudit,
  requireIntInRange,
  requireName,
  requireNotNull,
  requireOwnOrganisation,
  requireUuid,
} from '@mitra/kit';
import { Teacher } from '../entities/teacher';
import type { SchoolsContext } from '../context';
import { TeacherInput, TeacherUpdateInput } from './types/teacher.input';
import { NAME_MAX, checkBirthDate, checkNpsn, checkNuptk } from './validation';

type TeacherChanges = Partial<Pick<Teacher, 'fullName' | 'nuptk' | 'employmentStatus' | 'birthDate'>>;

/** Left out: unchanged; null: cleared where the column allows it, refused where it does not. */
export function checkTeacherUpdate(input: TeacherUpdateInput): TeacherChanges {
  const changes: TeacherChanges = {};
  const fullName = requireNotNull(input.fullName, 'input.fullName');
  if (fullName !== undefined) changes.fullName = requireName(fullName, 'input.fullName', NAME_MAX);
  const employmentStatus = requireNotNull(input.employmentStatus, 'input.employmentStatus');
  if (employmentStatus !== undefined) changes.employmentStatus = employmentStatus;
  if (input.nuptk !== undefined) changes.nuptk = input.nuptk === null ? null : checkNuptk(input.nuptk, 'input.nuptk');
  if (input.birthDate !== undefined)
    changes.birthDate = input.birthDate === null ? null : checkBirthDate(input.birthDate, 'input.birthDate');
  if (Object.keys(changes).length === 0) throw new BadUserInputError('input', 'names no field to change');
  return changes;
}

/** What each mutation says of itself in the schema. */
const UPDATE_TEACHER =
  "Changes a teacher of the caller's own school. `version` is the one last read: a stale version is CONFLICT and changes nothing.";

/**
 * A school's admin writes its own school's teachers. Order in every write:
 * who may (before anything is written), what is asked (validated, nothing
 * written), then one transaction with its audit row. A duplicate NUPTK is
 * refused by the unique index, and worded in the kit's format-error.
 */
@Resolver()
export class TeacherWritesResolver {
  @Authorized(Rule.SCHOOL_ADMIN)
  @Mutation(() => Teacher, { description: "Adds a teacher to the caller's own school." })
  async createTeacher(
    @Arg('input', () => TeacherInput, { description: 'The new teacher.' }) input: TeacherInput,
    @Ctx() ctx: SchoolsContext,
  ): Promise<Teacher> {
    const npsn = checkNpsn(input.npsn.trim(), 'input.npsn');
    requireOwnOrganisation(ctx.viewer, `school:${npsn}`, 'Mutation.createTeacher');
    const viewer = ctx.viewer;
    const fullName = requireName(input.fullName, 'input.fullName', NAME_MAX);
    const nuptk = input.nuptk == null ? null : checkNuptk(input.nuptk, 'input.nuptk');
    const birthDate = input.birthDate == null ? null : checkBirthDate(input.birthDate, 'input.birthDate');
    // A token can name a school that the hub does not (yet) hold.
    if (!(await ctx.loaders.schoolByNpsn.load(npsn))) throw new NotFoundError('School', npsn, 'input.npsn');

    return ctx.em.transactional(async (tx) => {
      const teacher = tx.create(Teacher, {
        id: newId(),
        fullName,
        nuptk,
        schoolNpsn: npsn,
        employmentStatus: input.employmentStatus,
        birthDate,
      });
      // The audit row is written first: when the database then refuses the teacher (a duplicate NUPTK), the rollback takes both.
      await recordAudit(tx, viewer, {
        action: 'createTeacher',
        entity: 'Teacher',
        entityId: teacher.id,
        // No names, NUPTKs or birth dates in the trail: whether they were given is enough.
        details: { npsn, employmentStatus: teacher.employmentStatus, withNuptk: nuptk !== null, withBirthDate: birthDate !== null },
      });
      await tx.flush();
      return teacher;
    });
  }

  @Authorized(Rule.SCHOOL_ADMIN)
  @Mutation(() => Teacher, { description: UPDATE_TEACHER })
  async updateTeacher(
    @Arg('id', () => ID, { description: 'Id of the teacher.' }) id: string,
    @Arg('version', () => Int, { description: 'The `version` of the teacher as last read.' }) version: number,
    @Arg('input', () => TeacherUpdateInput, { description: 'What changes.' }) input: TeacherUpdateInput,
    @Ctx() ctx: SchoolsContext,
  ): Promise<Teacher> {
    const teacherId = requireUuid(id, 'id');
    const current = await ctx.loaders.teacherById.load(teacherId);
    if (!current) throw new NotFoundError('Teacher', id, 'id');
    requireOwnOrganisation(ctx.viewer, current.ownerOrg, 'Mutation.updateTeacher');
    const viewer = ctx.viewer;
    requireIntInRange(version, 1, 2_147_483_647, 'version');
    const changes = checkTeacherUpdate(input);

    return ctx.em.transactional(async (tx) => {
      // Locked and read again: the version compared is the one this transaction will overwrite.
      const teacher = await tx.findOne(Teacher, { id: teacherId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (!teacher) throw new NotFoundError('Teacher', id, 'id');
      if (teacher.version !== version) {
        throw new ConflictError(
          `version: the teacher is at version ${teacher.version}, not ${version}; read it again and retry`,
          'version',
        );
      }
      tx.assign(teacher, changes);
      await recordAudit(tx, viewer, {
        action: 'updateTeacher',
        entity: 'Teacher',
        entityId: teacher.id,
        details: { fields: Object.keys(changes).sort(), fromVersion: version },
      });
      await tx.flush();
      return teacher;
    });
  }
}
