import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Authorized, Rule, newId, recordAudit, requireName, requireViewer } from '@mitra/kit';
import { Lecturer } from '../entities/lecturer';
import type { UniversityContext } from '../context';
import { LecturerInput } from './types/lecturer.input';
import { CATALOGUE_LIMITS, checkExpertise } from './validation';

/** What the mutation says of itself in the schema. */
const CREATE_LECTURER = "Adds a lecturer (or facilitator) who works for the caller's own university or training provider.";

@Resolver()
export class LecturerWritesResolver {
  @Authorized(Rule.UNIVERSITY_ADMIN, Rule.PROVIDER_ADMIN)
  @Mutation(() => Lecturer, { description: CREATE_LECTURER })
  async createLecturer(
    @Arg('input', () => LecturerInput, { description: 'The lecturer.' }) input: LecturerInput,
    @Ctx() ctx: UniversityContext,
  ): Promise<Lecturer> {
    const viewer = requireViewer(ctx.viewer, 'Mutation.createLecturer');
    const fullName = requireName(input.fullName, 'input.fullName', CATALOGUE_LIMITS.nameMax);
    const academicTitle =
      input.academicTitle == null ? null : requireName(input.academicTitle, 'input.academicTitle', CATALOGUE_LIMITS.academicTitleMax);
    const expertise = checkExpertise(input.expertise ?? [], 'input.expertise');

    return ctx.em.transactional(async (tx) => {
      const lecturer = tx.create(Lecturer, { id: newId(), fullName, academicTitle, expertise, organizationOrg: viewer.org });
      await recordAudit(tx, viewer, {
        action: 'createLecturer',
        entity: 'Lecturer',
        entityId: lecturer.id,
        // No names in the trail: whether a title was given is enough.
        details: { withAcademicTitle: academicTitle !== null, expertise: expertise.length },
      });
      await tx.flush();
      return lecturer;
    });
  }
}
