import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import {
  Authorized,
  ConflictError,
  NPSN_PATTERN,
  NotFoundError,
  Rule,
  newId,
  recordAudit,
  requireMatch,
  requireName,
  requireViewer,
} from '@mitra/kit';
import { Partnership } from '../entities/partnership';
import { overlaps } from '../entities/partnership-term';
import type { UniversityContext } from '../context';
import { PartnershipInput } from './types/partnership.input';
import { CATALOGUE_LIMITS, checkSignedOn, checkValidUntil } from './validation';

/** What the mutation says of itself in the schema. */
const CREATE_PARTNERSHIP =
  "Records a cooperation agreement of the caller's own university or training provider with a school (checked with the schools partner). CONFLICT when the caller already has an agreement with the school for any of the same days.";

/** `school(npsn:)` through the gateway: the variable is `id`, as in the kit's other key checks. */
const SCHOOL_CHECK = 'query PartnerKeyCheck($id: ID!) { school(npsn: $id) { npsn } }';

@Resolver()
export class PartnershipWritesResolver {
  @Authorized(Rule.UNIVERSITY_ADMIN, Rule.PROVIDER_ADMIN)
  @Mutation(() => Partnership, { description: CREATE_PARTNERSHIP })
  async createPartnership(
    @Arg('input', () => PartnershipInput, { description: 'The agreement.' }) input: PartnershipInput,
    @Ctx() ctx: UniversityContext,
  ): Promise<Partnership> {
    const viewer = requireViewer(ctx.viewer, 'Mutation.createPartnership');
    const npsn = requireMatch(input.npsn.trim(), NPSN_PATTERN, 'input.npsn', 'an NPSN of exactly 8 digits');
    const studyProgram = requireName(input.studyProgram, 'input.studyProgram', CATALOGUE_LIMITS.studyProgramMax);
    const signedOn = checkSignedOn(input.signedOn, 'input.signedOn');
    const validUntil = input.validUntil == null ? null : checkValidUntil(input.validUntil, signedOn, 'input.validUntil');
    // The school is the schools partner's: asked through the gateway with the caller's token, before the transaction.
    const found = await ctx.partners.query<{ school: { npsn: string } | null }>(SCHOOL_CHECK, { id: npsn }, 'input.npsn');
    if (!found.school) throw new NotFoundError('School', npsn, 'input.npsn');

    return ctx.em.transactional(async (tx) => {
      // One provider's agreements with one school are checked and inserted one at a time (the lock ends with the
      // transaction), so that two overlapping ones arriving at once cannot both pass.
      await tx.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`partnership:${viewer.org}:${npsn}`]);
      const existing = await tx.find(
        Partnership,
        { providerOrg: viewer.org, schoolNpsn: npsn },
        { orderBy: { signedOn: 'asc', id: 'asc' } },
      );
      const clash = existing.find((p) => overlaps(p, { signedOn, validUntil }));
      if (clash) {
        throw new ConflictError(
          `input.npsn: ${viewer.org} already has a partnership with school ${npsn} from ${clash.signedOn} to ${clash.validUntil ?? 'open end'} (${clash.id}), which overlaps ${signedOn} to ${validUntil ?? 'open end'}`,
          'input.npsn',
        );
      }
      const partnership = tx.create(Partnership, {
        id: newId(),
        schoolNpsn: npsn,
        studyProgram,
        signedOn,
        validUntil,
        providerOrg: viewer.org,
      });
      await recordAudit(tx, viewer, {
        action: 'createPartnership',
        entity: 'Partnership',
        entityId: partnership.id,
        details: { npsn, signedOn, validUntil },
      });
      await tx.flush();
      return partnership;
    });
  }
}
