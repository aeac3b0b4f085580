import { LockMode } from '@mikro-orm/core';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import {
  Authorized,
  BadUserInputError,
  ClaimError,
  ConflictError,
  DateTimeScalar,
  ForbiddenError,
  NPSN_PATTERN,
  NotFoundError,
  Rule,
  newId,
  parseOrg,
  recordAudit,
  requireMatch,
  requireOwnOrganisation,
  requireUuid,
  todayWita,
} from '@mitra/kit';
import { ConsultationRequest } from '../entities/consultation-request';
import { Partnership } from '../entities/partnership';
import { isActive, partnershipToday } from '../entities/partnership-term';
import type { UniversityContext } from '../context';
import { ConsultationInput } from './types/consultation.input';
import { ConsultationStatus } from './types/consultation.enums';

/** What each mutation says of itself in the schema. */
const REQUEST_CONSULTATION =
  "Requests the free consultation a university's study program or a training provider gives its partner schools, for the caller's own school: only from a provider the school has a partnership in force with (FORBIDDEN otherwise, saying so). It starts REQUESTED.";
const SCHEDULE_CONSULTATION =
  "Schedules (or reschedules) a consultation requested from the caller's own university or training provider, at a time to come, optionally with one of its own lecturers as consultant. Only a REQUESTED or SCHEDULED one (CONFLICT otherwise).";
const CLOSE_CONSULTATION =
  "Closes a consultation requested from the caller's own university or training provider: DONE once it took place (only a SCHEDULED one), or DECLINED (a REQUESTED or SCHEDULED one). CONFLICT from any other state.";

/** Limits of what a school writes in a request. */
export const CONSULTATION_LIMITS = { descriptionMax: 2000 } as const;

/** Where each closing status may be reached from. */
export const CLOSE_FROM: Partial<Record<ConsultationStatus, readonly ConsultationStatus[]>> = {
  [ConsultationStatus.DONE]: [ConsultationStatus.SCHEDULED],
  [ConsultationStatus.DECLINED]: [ConsultationStatus.REQUESTED, ConsultationStatus.SCHEDULED],
};

/** Free text of 1..2000 characters, trimmed; line breaks and tabs are kept, other control characters refused. */
export function checkDescription(value: string, field: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new BadUserInputError(field, 'must not be blank');
  if (trimmed.length > CONSULTATION_LIMITS.descriptionMax)
    throw new BadUserInputError(field, `must be at most ${CONSULTATION_LIMITS.descriptionMax} characters, got ${trimmed.length}`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(trimmed))
    throw new BadUserInputError(field, 'must not contain control characters');
  return trimmed;
}

/** A university's or training provider's organisation id (`university:<id>`, `provider:<id>`). */
export function checkProviderId(value: string, field: string): string {
  let parsed: ReturnType<typeof parseOrg>;
  try {
    parsed = parseOrg(value.trim());
  } catch (error) {
    if (!(error instanceof ClaimError)) throw error;
    throw new BadUserInputError(
      field,
      `must be a university's or training provider's id (university:<id> or provider:<id>), got ${JSON.stringify(value.slice(0, 64))}`,
    );
  }
  if (parsed.orgKind !== 'university' && parsed.orgKind !== 'provider')
    throw new BadUserInputError(
      field,
      `is ${parsed.org}, a ${parsed.orgKind}; consultation is given by a university or a training provider`,
    );
  return parsed.org;
}

/**
 * A partner school's admin asks for a consultation; the provider's admin
 * schedules and closes it. Order in every write: who may (before anything is
 * written), what is asked (validated, nothing written), then one transaction
 * with its audit row; the state is checked on the locked row.
 */
@Resolver()
export class ConsultationWritesResolver {
  @Authorized(Rule.SCHOOL_ADMIN)
  @Mutation(() => ConsultationRequest, { description: REQUEST_CONSULTATION })
  async requestConsultation(
    @Arg('input', () => ConsultationInput, { description: 'The request.' }) input: ConsultationInput,
    @Ctx() ctx: UniversityContext,
  ): Promise<ConsultationRequest> {
    const npsn = requireMatch(input.npsn.trim(), NPSN_PATTERN, 'input.npsn', 'an NPSN of exactly 8 digits');
    requireOwnOrganisation(ctx.viewer, `school:${npsn}`, 'Mutation.requestConsultation');
    const viewer = ctx.viewer;
    const providerOrg = checkProviderId(input.providerId, 'input.providerId');
    const description = checkDescription(input.description, 'input.description');
    // The partnerships are this subgraph's own: in force as School.partnership says (signedOn <= today <= validUntil, WITA).
    const today = partnershipToday();
    const agreements = await ctx.em.find(Partnership, { schoolNpsn: npsn, providerOrg });
    if (!agreements.some((p) => isActive(p, today))) {
      throw new ForbiddenError(
        `Mutation.requestConsultation: school:${npsn} has no partnership in force with ${providerOrg}; consultation is for partner schools`,
      );
    }

    return ctx.em.transactional(async (tx) => {
      const consultation = tx.create(ConsultationRequest, {
        id: newId(),
        schoolNpsn: npsn,
        providerOrg,
        topic: input.topic,
        description,
        requestedOn: todayWita(),
        status: ConsultationStatus.REQUESTED,
        scheduledAt: null,
        consultantId: null,
      });
      await recordAudit(tx, viewer, {
        action: 'requestConsultation',
        entity: 'ConsultationRequest',
        entityId: consultation.id,
        details: { npsn, providerOrg, topic: input.topic },
      });
      await tx.flush();
      return consultation;
    });
  }

  @Authorized(Rule.UNIVERSITY_ADMIN, Rule.PROVIDER_ADMIN)
  @Mutation(() => ConsultationRequest, { description: SCHEDULE_CONSULTATION })
  async scheduleConsultation(
    @Arg('id', () => ID, { description: 'Id of the consultation request.' }) idArg: string,
    @Arg('at', () => DateTimeScalar, { description: 'When it takes place: a time to come.' }) at: Date,
    @Arg('consultantId', () => ID, { nullable: true, description: "One of the caller's own lecturers as consultant; none when left out." })
    consultantIdArg: string | null | undefined,
    @Ctx() ctx: UniversityContext,
  ): Promise<ConsultationRequest> {
    const id = requireUuid(idArg.trim(), 'id').toLowerCase();
    const known = await ctx.loaders.consultations.consultationById.load(id);
    if (!known) throw new NotFoundError('ConsultationRequest', id, 'id');
    requireOwnOrganisation(ctx.viewer, known.providerOrg, 'Mutation.scheduleConsultation');
    const viewer = ctx.viewer;
    if (!(at.getTime() > Date.now())) throw new BadUserInputError('at', `must be a time to come, got ${at.toISOString()}`);
    const consultantId = consultantIdArg == null ? null : requireUuid(consultantIdArg.trim(), 'consultantId').toLowerCase();
    if (consultantId) {
      const lecturer = await ctx.loaders.lecturerById.load(consultantId);
      if (!lecturer) throw new NotFoundError('Lecturer', consultantId, 'consultantId');
      if (lecturer.organizationOrg !== known.providerOrg) {
        throw new BadUserInputError(
          'consultantId',
          `works for ${lecturer.organizationOrg}; a consultation of ${known.providerOrg} is held by its own lecturers`,
        );
      }
    }

    return ctx.em.transactional(async (tx) => {
      const consultation = await tx.findOneOrFail(ConsultationRequest, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (consultation.status !== ConsultationStatus.REQUESTED && consultation.status !== ConsultationStatus.SCHEDULED) {
        throw new ConflictError(
          `id: consultation ${id} is ${consultation.status}; only a REQUESTED or SCHEDULED one can be scheduled`,
          'id',
        );
      }
      consultation.status = ConsultationStatus.SCHEDULED;
      consultation.scheduledAt = at;
      if (consultantId) consultation.consultantId = consultantId;
      await recordAudit(tx, viewer, {
        action: 'scheduleConsultation',
        entity: 'ConsultationRequest',
        entityId: id,
        details: { at: at.toISOString(), consultantId: consultation.consultantId ?? null },
      });
      await tx.flush();
      return consultation;
    });
  }

  @Authorized(Rule.UNIVERSITY_ADMIN, Rule.PROVIDER_ADMIN)
  @Mutation(() => ConsultationRequest, { description: CLOSE_CONSULTATION })
  async closeConsultation(
    @Arg('id', () => ID, { description: 'Id of the consultation request.' }) idArg: string,
    @Arg('status', () => ConsultationStatus, { description: 'DONE or DECLINED.' }) status: ConsultationStatus,
    @Ctx() ctx: UniversityContext,
  ): Promise<ConsultationRequest> {
    const id = requireUuid(idArg.trim(), 'id').toLowerCase();
    const known = await ctx.loaders.consultations.consultationById.load(id);
    if (!known) throw new NotFoundError('ConsultationRequest', id, 'id');
    requireOwnOrganisation(ctx.viewer, known.providerOrg, 'Mutation.closeConsultation');
    const viewer = ctx.viewer;
    const from = CLOSE_FROM[status];
    if (!from) throw new BadUserInputError('status', `must be DONE or DECLINED to close a consultation, got ${status}`);

    return ctx.em.transactional(async (tx) => {
      const consultation = await tx.findOneOrFail(ConsultationRequest, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (!from.includes(consultation.status)) {
        throw new ConflictError(
          `id: consultation ${id} is ${consultation.status}; it can become ${status} only from ${from.join(' or ')}`,
          'id',
        );
      }
      const previous = consultation.status;
      consultation.status = status;
      await recordAudit(tx, viewer, {
        action: 'closeConsultation',
        entity: 'ConsultationRequest',
        entityId: id,
        details: { from: previous, status },
      });
      await tx.flush();
      return consultation;
    });
  }
}
