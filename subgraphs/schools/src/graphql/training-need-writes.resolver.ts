import { LockMode } from '@mikro-orm/core';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
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
} from '@mitra/kit';
import { TrainingNeed } from '../entities/training-need';
import type { SchoolsContext } from '../context';
import { TrainingNeedStatus } from './enums';
import { TrainingNeedInput } from './types/training-need.input';
import { checkNpsn, checkStatedOn } from './validation';

/** What each mutation says of itself in the schema. */
const RECORD_TRAINING_NEED =
  "Records a training need of the caller's own school, for one of its teachers or (teacherId left out) the whole school. It starts OPEN; the same open need twice is CONFLICT.";
const SET_TRAINING_NEED_STATUS =
  "Moves a training need of the caller's own school on: OPEN → PLANNED → MET, or OPEN → MET. Nothing else (no way back).";

/** Where a need may go from each status. */
export const NEED_TRANSITIONS: Record<TrainingNeedStatus, readonly TrainingNeedStatus[]> = {
  [TrainingNeedStatus.OPEN]: [TrainingNeedStatus.PLANNED, TrainingNeedStatus.MET],
  [TrainingNeedStatus.PLANNED]: [TrainingNeedStatus.MET],
  [TrainingNeedStatus.MET]: [],
};

export function checkNeedTransition(from: TrainingNeedStatus, to: TrainingNeedStatus): TrainingNeedStatus {
  const allowed = NEED_TRANSITIONS[from];
  if (!allowed.includes(to)) {
    throw new BadUserInputError(
      'status',
      `a need that is ${from} cannot become ${to}${allowed.length ? ` (it can become ${allowed.join(' or ')})` : ` (${from} is final)`}`,
    );
  }
  return to;
}

/** The open need a new one would repeat: the same school, teacher (or whole school) and area. */
function sameOpenNeed(npsn: string, teacherId: string | null, area: TrainingNeedInput['area']) {
  return { schoolNpsn: npsn, teacherId, area, status: TrainingNeedStatus.OPEN };
}

/**
 * A school's admin states its own school's training needs and moves them
 * on. Order in every write: who may (before anything is written), what is
 * asked (validated, nothing written), then one transaction with its audit
 * row. Two equal open needs arriving at once are refused by the partial
 * unique index (training_need_open_unique), worded in subgraph.ts.
 */
@Resolver()
export class TrainingNeedWritesResolver {
  @Authorized(Rule.SCHOOL_ADMIN)
  @Mutation(() => TrainingNeed, { description: RECORD_TRAINING_NEED })
  async recordTrainingNeed(
    @Arg('input', () => TrainingNeedInput, { description: 'The need.' }) input: TrainingNeedInput,
    @Ctx() ctx: SchoolsContext,
  ): Promise<TrainingNeed> {
    const npsn = checkNpsn(input.npsn.trim(), 'input.npsn');
    requireOwnOrganisation(ctx.viewer, `school:${npsn}`, 'Mutation.recordTrainingNeed');
    const viewer = ctx.viewer;
    const statedOn = checkStatedOn(input.statedOn, 'input.statedOn');
    const teacherKey = input.teacherId == null ? null : requireUuid(input.teacherId.trim(), 'input.teacherId').toLowerCase();
    // A token can name a school that the hub does not (yet) hold.
    if (!(await ctx.loaders.schoolByNpsn.load(npsn))) throw new NotFoundError('School', npsn, 'input.npsn');
    if (teacherKey !== null) {
      const teacher = await ctx.loaders.teacherById.load(teacherKey);
      // Another school's teacher is answered as an unknown one (need-to-know).
      if (!teacher || teacher.schoolNpsn !== npsn) throw new NotFoundError('Teacher', input.teacherId!, 'input.teacherId');
    }

    return ctx.em.transactional(async (tx) => {
      const open = await tx.findOne(TrainingNeed, sameOpenNeed(npsn, teacherKey, input.area));
      if (open) {
        throw new ConflictError(
          `input.area: ${teacherKey ? 'the teacher' : 'the school'} already has an open need in ${input.area} (stated on ${open.statedOn}); set its status instead`,
          'input.area',
        );
      }
      const need = tx.create(TrainingNeed, {
        id: newId(),
        schoolNpsn: npsn,
        teacherId: teacherKey,
        area: input.area,
        statedOn,
        status: TrainingNeedStatus.OPEN,
      });
      // The audit row is written first: when the database then refuses the need (two at once), the rollback takes both.
      await recordAudit(tx, viewer, {
        action: 'recordTrainingNeed',
        entity: 'TrainingNeed',
        entityId: need.id,
        details: { npsn, teacherId: teacherKey, area: input.area, statedOn },
      });
      await tx.flush();
      return need;
    });
  }

  @Authorized(Rule.SCHOOL_ADMIN)
  @Mutation(() => TrainingNeed, { description: SET_TRAINING_NEED_STATUS })
  async setTrainingNeedStatus(
    @Arg('id', () => ID, { description: 'Id of the training need.' }) id: string,
    @Arg('status', () => TrainingNeedStatus, { description: 'The new status: forwards only (OPEN, PLANNED, MET).' })
    status: TrainingNeedStatus,
    @Ctx() ctx: SchoolsContext,
  ): Promise<TrainingNeed> {
    const needId = requireUuid(id, 'id').toLowerCase();
    const current = await ctx.loaders.trainingNeeds.byId.load(needId);
    if (!current) throw new NotFoundError('TrainingNeed', id, 'id');
    requireOwnOrganisation(ctx.viewer, current.ownerOrg, 'Mutation.setTrainingNeedStatus');
    const viewer = ctx.viewer;
    checkNeedTransition(current.status, status);

    return ctx.em.transactional(async (tx) => {
      // Locked and read again: the transition is checked against the status this transaction overwrites.
      const need = await tx.findOne(TrainingNeed, { id: needId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (!need) throw new NotFoundError('TrainingNeed', id, 'id');
      const from = need.status;
      need.status = checkNeedTransition(from, status);
      await recordAudit(tx, viewer, {
        action: 'setTrainingNeedStatus',
        entity: 'TrainingNeed',
        entityId: need.id,
        details: { from, to: status },
      });
      await tx.flush();
      return need;
    });
  }
}
