import { Rule, authorizedReference, isUuid } from '@mitra/kit';
import type { SchoolsContext } from '../context';

/** `__resolveReference` for the entities this subgraph owns, each batched by its loader. */
export const references = {
  Teacher: authorizedReference([Rule.PERSONS], (ref: { id: string }, ctx: SchoolsContext) =>
    isUuid(ref.id) ? ctx.loaders.teacherById.load(ref.id) : null,
  ),
  School: (ref: { npsn: string }, ctx: SchoolsContext) => ctx.loaders.schoolByNpsn.load(ref.npsn),
  District: (ref: { code: string }, ctx: SchoolsContext) => ctx.loaders.districtByCode.load(ref.code),
};
