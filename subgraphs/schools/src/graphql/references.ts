import { ClaimError, Rule, authorizedReference, isUuid, parseOrg } from '@mitra/kit';
import type { SchoolsContext } from '../context';
import { visibleTeacher } from './teacher.resolver';
import { readableNeed } from './training-need.resolver';

/** `__resolveReference` for the entities this subgraph owns, each batched by its loader. */
export const references = {
  // Out of the caller's reach, a teacher named by another partner (a registration, an assessment) is null, as if unknown.
  Teacher: authorizedReference([Rule.PERSONS], (ref: { id: string }, ctx: SchoolsContext) =>
    isUuid(ref.id) ? visibleTeacher(ctx, ref.id) : null,
  ),
  // A need is person-level (it can name a teacher): null outside its readers, as if unknown.
  TrainingNeed: authorizedReference([Rule.PERSONS], (ref: { id: string }, ctx: SchoolsContext) =>
    isUuid(ref.id) ? readableNeed(ctx, ref.id) : null,
  ),
  School: (ref: { npsn: string }, ctx: SchoolsContext) => ctx.loaders.schoolByNpsn.load(ref.npsn),
  District: (ref: { code: string }, ctx: SchoolsContext) => ctx.loaders.districtByCode.load(ref.code),
  /** A row's owner, as another partner names it: answered even before the organisation is registered. */
  Organization: (ref: { id: string }, ctx: SchoolsContext) => (isOrgId(ref.id) ? ctx.loaders.organizations.owner.load(ref.id) : null),
};

function isOrgId(id: string): boolean {
  try {
    parseOrg(id);
    return true;
  } catch (error) {
    if (error instanceof ClaimError) return false;
    throw error;
  }
}
