import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { parseOrg, type OrgKind } from '@mitra/kit';
import { Organization } from '../entities/organization';
import { School } from '../entities/school';
import { OrganizationKind } from '../graphql/enums';

const KIND_OF_PREFIX: Record<OrgKind, OrganizationKind> = {
  school: OrganizationKind.SCHOOL,
  skb: OrganizationKind.SKB,
  university: OrganizationKind.UNIVERSITY,
  provider: OrganizationKind.TRAINING_PROVIDER,
  government: OrganizationKind.GOVERNMENT,
};

function organization(id: string, kind: OrganizationKind, name: string, districtCode: string | null): Organization {
  return Object.assign(new Organization(), { id, kind, name, districtCode });
}

function ofSchool(school: School): Organization {
  return organization(`school:${school.npsn}`, OrganizationKind.SCHOOL, school.name, school.districtCode);
}

export interface OrganizationLoaders {
  /** By `org` id, null when unknown (a school by its row, any other kind by the directory). */
  byId: DataLoader<string, Organization | null>;
  /**
   * By `org` id for a row's owner (`Venue.owner`, …): one not registered yet
   * still answers, with its id as its name and the kind its prefix names.
   */
  owner: DataLoader<string, Organization>;
  list(kind: OrganizationKind | null, districtCode: string | null): Promise<Organization[]>;
  /** Schools as organisations, up to `max + 1` rows (the caller refuses more than `max`). */
  schools(districtCode: string | null, max: number): Promise<Organization[]>;
}

export function createOrganizationLoaders(em: EntityManager): OrganizationLoaders {
  const byId = new DataLoader<string, Organization | null>(async (ids) => {
    const npsns: string[] = [];
    const others: string[] = [];
    for (const id of ids) {
      const kind = parseOrg(id).orgKind;
      if (kind === 'school') npsns.push(id.slice('school:'.length));
      else others.push(id);
    }
    const [schools, rows] = await Promise.all([
      npsns.length ? em.find(School, { npsn: { $in: npsns } }) : [],
      others.length ? em.find(Organization, { id: { $in: others } }) : [],
    ]);
    const found = new Map<string, Organization>([
      ...schools.map((s) => [`school:${s.npsn}`, ofSchool(s)] as const),
      ...rows.map((o) => [o.id, o] as const),
    ]);
    return ids.map((id) => found.get(id) ?? null);
  });
  return {
    byId,
    owner: new DataLoader(async (ids) => {
      const found = await byId.loadMany(ids);
      return ids.map((id, i) => {
        const row = found[i];
        if (row && !(row instanceof Error)) return row;
        return organization(id, KIND_OF_PREFIX[parseOrg(id).orgKind], id, null);
      });
    }),
    async list(kind, districtCode) {
      return em.find(
        Organization,
        { ...(kind ? { kind } : {}), ...(districtCode ? { districtCode: { $like: `${districtCode}%` } } : {}) },
        { orderBy: { kind: 'asc', id: 'asc' } },
      );
    },
    async schools(districtCode, max) {
      const rows = await em.find(School, districtCode ? { districtCode: { $like: `${districtCode}%` } } : {}, {
        orderBy: { npsn: 'asc' },
        limit: max + 1,
      });
      return rows.map(ofSchool);
    },
  };
}
