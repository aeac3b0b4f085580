import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Authorized, OrganizationRef, Rule, type Viewer } from '@mitra/kit';
import { ConsultationRequest } from '../entities/consultation-request';
import { Lecturer } from '../entities/lecturer';
import type { UniversityContext } from '../context';
import { SchoolRef } from './types/school.ref';

/** Only the school that asked and the provider asked read a consultation; to everyone else it does not exist. */
export function mayReadConsultation(viewer: Viewer | null, consultation: Pick<ConsultationRequest, 'schoolNpsn' | 'providerOrg'>): boolean {
  return !!viewer && (viewer.org === `school:${consultation.schoolNpsn}` || viewer.org === consultation.providerOrg);
}

@Resolver(() => ConsultationRequest)
export class ConsultationResolver {
  @FieldResolver(() => SchoolRef, { description: 'The school that asked.' })
  school(@Root() consultation: ConsultationRequest): SchoolRef {
    return SchoolRef.of(consultation.schoolNpsn);
  }

  @FieldResolver(() => OrganizationRef, { description: 'The university or training provider asked.' })
  provider(@Root() consultation: ConsultationRequest): OrganizationRef {
    return OrganizationRef.of(consultation.providerOrg);
  }

  @FieldResolver(() => Lecturer, { nullable: true, description: "The provider's lecturer who holds the consultation, once scheduled." })
  consultant(@Root() consultation: ConsultationRequest, @Ctx() ctx: UniversityContext): Promise<Lecturer | null> | null {
    return consultation.consultantId ? ctx.loaders.lecturerById.load(consultation.consultantId) : null;
  }
}

/** The university's School.consultations: the school's own requests, or those made to the provider asking. */
@Resolver(() => SchoolRef)
export class SchoolConsultationsResolver {
  @Authorized(Rule.PERSONS)
  @FieldResolver(() => [ConsultationRequest], {
    nullable: true,
    description:
      'Readable by the school itself (all its requests) and by the provider asked (those made to it); null for everyone else (university, providers).',
  })
  async consultations(@Root() school: SchoolRef, @Ctx() ctx: UniversityContext): Promise<ConsultationRequest[] | null> {
    const viewer = ctx.viewer;
    if (!viewer) return null;
    const all = await ctx.loaders.consultations.consultationsBySchool.load(school.npsn);
    if (viewer.org === `school:${school.npsn}`) return all;
    if (viewer.orgKind !== 'university' && viewer.orgKind !== 'provider') return null;
    const asked = all.filter((c) => c.providerOrg === viewer.org);
    return asked.length ? asked : null;
  }
}
