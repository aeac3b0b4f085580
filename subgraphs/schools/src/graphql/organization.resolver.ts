import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError, parseOrg, ClaimError } from '@mitra/kit';
import { District } from '../entities/district';
import { Organization } from '../entities/organization';
import type { SchoolsContext } from '../context';
import { OrganizationKind } from './enums';
import { checkAreaCode } from './validation';

/** The most schools `organizations` lists at once: beyond it, the caller names a district. */
export const ORGANIZATION_SCHOOLS_MAX = 1000;

/**
 * The organisation directory, readable by anyone (names and districts of
 * institutions are public). Schools come from the school table, every other
 * partner from the directory; `organization(id)` takes the `org` claim.
 */
@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => [Organization], {
    nullable: true,
    description: `Partner organisations, by kind and district. Schools are listed too, at most ${ORGANIZATION_SCHOOLS_MAX} at once: give districtCode for more.`,
  })
  async organizations(
    @Arg('kind', () => OrganizationKind, { nullable: true, description: 'Only organisations of this kind; all kinds when left out.' })
    kind: OrganizationKind | null,
    @Arg('districtCode', () => ID, { nullable: true, description: 'Only organisations in this district (kabupaten/kota), e.g. "64.71".' })
    districtCode: string | null,
    @Ctx() ctx: SchoolsContext,
  ): Promise<Organization[]> {
    const district = districtCode == null ? null : checkAreaCode(districtCode, 'districtCode');
    const [directory, schools] = await Promise.all([
      kind === OrganizationKind.SCHOOL ? [] : ctx.loaders.organizations.list(kind, district),
      kind == null || kind === OrganizationKind.SCHOOL ? ctx.loaders.organizations.schools(district, ORGANIZATION_SCHOOLS_MAX) : [],
    ]);
    if (schools.length > ORGANIZATION_SCHOOLS_MAX) {
      throw new BadUserInputError(
        'districtCode',
        `more than ${ORGANIZATION_SCHOOLS_MAX} schools match; name a district (districtCode) or ask organization(id: "school:<npsn>")`,
      );
    }
    return [...directory, ...schools];
  }

  @Query(() => Organization, {
    nullable: true,
    description: 'An organisation by its id, the `org` claim of its tokens; null when unknown.',
  })
  organization(
    @Arg('id', () => ID, { description: 'The id, e.g. "skb:balikpapan-selatan".' }) id: string,
    @Ctx() ctx: SchoolsContext,
  ): Promise<Organization | null> {
    return ctx.loaders.organizations.byId.load(checkOrganizationId(id, 'id'));
  }

  @FieldResolver(() => District, { nullable: true, description: 'The district it is in; null for a national office.' })
  district(@Root() organization: Organization, @Ctx() ctx: SchoolsContext): Promise<District | null> | null {
    return organization.districtCode ? ctx.loaders.districtByCode.load(organization.districtCode) : null;
  }
}

/** An organisation id has the shape of the `org` claim (`school:<npsn>`, `skb:<slug>`, …). */
export function checkOrganizationId(id: string, field: string): string {
  try {
    return parseOrg(id).org;
  } catch (error) {
    if (error instanceof ClaimError) {
      throw new BadUserInputError(
        field,
        'expected an organisation id such as school:64710001, skb:balikpapan-selatan, university:mulia, provider:lpd-banten or government:<id>',
      );
    }
    throw error;
  }
}
