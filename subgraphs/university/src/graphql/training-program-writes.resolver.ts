import { LockMode } from '@mikro-orm/core';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import {
  Authorized,
  BadUserInputError,
  NotFoundError,
  Rule,
  newId,
  recordAudit,
  requireName,
  requireOwnOrganisation,
  requireUuid,
  requireViewer,
} from '@mitra/kit';
import { Module } from '../entities/module';
import { TrainingProgram } from '../entities/training-program';
import type { UniversityContext } from '../context';
import { ModuleInput } from './types/module.input';
import { TrainingProgramInput } from './types/training-program.input';
import { CATALOGUE_LIMITS, checkAreas, checkHours, checkPrerequisite, checkProgramCode, checkScore } from './validation';

/** What each mutation says of itself in the schema. */
const CREATE_TRAINING_PROGRAM =
  "Adds a program to the catalogue of the caller's own university or training provider, its owner. The code is unique in the hub (CONFLICT); a prerequisite is one of the same provider's programs of a lower tier. A program is a tier of the Diklat Berjenjang unless tiered is false (a technical bimtek, which completes no tier).";
const ADD_MODULE =
  "Appends a module to the curriculum of one of the caller's own programs, taught by one of its own lecturers, naming the areas of competence it teaches (each once). The program's hours do not change: the modules together may not exceed them.";

/**
 * A university's or training provider's admin writes its own catalogue.
 * Order in every write: who may, what is asked (validated, nothing written),
 * then one transaction with its audit row.
 */
@Resolver()
export class TrainingProgramWritesResolver {
  @Authorized(Rule.UNIVERSITY_ADMIN, Rule.PROVIDER_ADMIN)
  @Mutation(() => TrainingProgram, { description: CREATE_TRAINING_PROGRAM })
  async createTrainingProgram(
    @Arg('input', () => TrainingProgramInput, { description: 'The program.' }) input: TrainingProgramInput,
    @Ctx() ctx: UniversityContext,
  ): Promise<TrainingProgram> {
    const viewer = requireViewer(ctx.viewer, 'Mutation.createTrainingProgram');
    const code = checkProgramCode(input.code, 'input.code');
    const title = requireName(input.title, 'input.title', CATALOGUE_LIMITS.titleMax);
    const hours = checkHours(input.hours, 'input.hours');
    const passMark = input.passMark == null ? null : checkScore(input.passMark, 'input.passMark');
    // A program is a tier of the Diklat Berjenjang unless it says it is a technical bimtek.
    const tiered = input.tiered ?? true;
    const prerequisiteId = input.prerequisiteId == null ? null : requireUuid(input.prerequisiteId, 'input.prerequisiteId');
    if (prerequisiteId) {
      const prerequisite = await ctx.loaders.programById.load(prerequisiteId);
      if (!prerequisite) throw new NotFoundError('TrainingProgram', prerequisiteId, 'input.prerequisiteId');
      checkPrerequisite(prerequisite, input.tier, viewer.org, 'input.prerequisiteId');
      // A tier builds on a tier: a bimtek completes none, so it cannot be what a tier requires.
      if (tiered && !prerequisite.tiered) {
        throw new BadUserInputError(
          'input.prerequisiteId',
          `is ${prerequisite.code}, a program that is not tiered; a tier's prerequisite is a tier`,
        );
      }
    }

    return ctx.em.transactional(async (tx) => {
      const program = tx.create(TrainingProgram, {
        id: newId(),
        code,
        title,
        tier: input.tier,
        hours,
        prerequisiteId,
        providerOrg: viewer.org,
        passMark,
        tiered,
      });
      // The audit row is written first: when the database then refuses the program (a code taken), the rollback takes both.
      await recordAudit(tx, viewer, {
        action: 'createTrainingProgram',
        entity: 'TrainingProgram',
        entityId: program.id,
        details: { code, tier: input.tier, tiered, hours, prerequisiteId, passMark },
      });
      await tx.flush();
      return program;
    });
  }

  @Authorized(Rule.UNIVERSITY_ADMIN, Rule.PROVIDER_ADMIN)
  @Mutation(() => Module, { description: ADD_MODULE })
  async addModule(
    @Arg('programId', () => ID, { description: "Id of one of the caller's own programs." }) programIdArg: string,
    @Arg('input', () => ModuleInput, { description: 'The module.' }) input: ModuleInput,
    @Ctx() ctx: UniversityContext,
  ): Promise<Module> {
    const programId = requireUuid(programIdArg, 'programId');
    const known = await ctx.loaders.programById.load(programId);
    if (!known) throw new NotFoundError('TrainingProgram', programId, 'programId');
    requireOwnOrganisation(ctx.viewer, known.providerOrg, 'Mutation.addModule');
    const viewer = ctx.viewer;
    const title = requireName(input.title, 'input.title', CATALOGUE_LIMITS.titleMax);
    const hours = checkHours(input.hours, 'input.hours');
    const lecturerId = input.lecturerId == null ? null : requireUuid(input.lecturerId, 'input.lecturerId');
    const areas = checkAreas(input.areas ?? [], 'input.areas');
    if (lecturerId) {
      const lecturer = await ctx.loaders.lecturerById.load(lecturerId);
      if (!lecturer) throw new NotFoundError('Lecturer', lecturerId, 'input.lecturerId');
      if (lecturer.organizationOrg !== known.providerOrg) {
        throw new BadUserInputError(
          'input.lecturerId',
          `works for ${lecturer.organizationOrg}; a module of ${known.providerOrg}'s program is taught by its own lecturers`,
        );
      }
    }

    return ctx.em.transactional(async (tx) => {
      // The program's row is the curriculum's lock: modules added at once get positions one after another,
      // and their hours are summed one at a time.
      const program = await tx.findOneOrFail(TrainingProgram, { id: programId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      const [{ used, last }] = await tx.execute<Array<{ used: number; last: number }>>(
        'select coalesce(sum(hours), 0)::int as used, coalesce(max(position), 0)::int as last from module where program_id = ?',
        [programId],
      );
      if (used + hours > program.hours) {
        throw new BadUserInputError(
          'input.hours',
          `would bring the modules of program ${program.code} to ${used + hours} hours, more than its ${program.hours} (${program.hours - used} left)`,
        );
      }
      const added = tx.create(Module, { id: newId(), programId, position: last + 1, title, hours, lecturerId, areas });
      await recordAudit(tx, viewer, {
        action: 'addModule',
        entity: 'Module',
        entityId: added.id,
        // Areas only when named: a module without any is audited as before they existed.
        details: { programId, position: added.position, hours, lecturerId, ...(areas.length ? { areas } : {}) },
      });
      await tx.flush();
      return added;
    });
  }
}
