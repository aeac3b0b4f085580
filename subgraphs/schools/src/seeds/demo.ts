import type { EntityManager } from '@mikro-orm/postgresql';
import { buildDemoWorld } from '@mitra/fixtures';
import { District } from '../entities/district';
import { Organization } from '../entities/organization';
import { Qualification } from '../entities/qualification';
import { School } from '../entities/school';
import { Teacher } from '../entities/teacher';
import { TrainingNeed } from '../entities/training-need';
import type { CompetencyArea } from '@mitra/kit';
import type {
  EmploymentStatus,
  FieldOfStudy,
  OrganizationKind,
  QualificationLevel,
  SchoolKind,
  TrainingNeedStatus,
} from '../graphql/enums';

/** The schools partner's slice of the demo world: districts, schools, teachers, qualifications, training needs. */
export async function seedDemo(em: EntityManager): Promise<Record<string, number>> {
  const world = buildDemoWorld();
  await em.insertMany(
    District,
    world.districts.map((d) => ({ code: d.code, name: d.name, provinceCode: d.provinceCode })),
  );
  await em.insertMany(
    Organization,
    world.organizations.map((o) => ({ id: o.id, kind: o.kind as OrganizationKind, name: o.name, districtCode: o.districtCode })),
  );
  await em.insertMany(
    School,
    world.schools.map((s) => ({
      npsn: s.npsn,
      name: s.name,
      kind: s.kind as SchoolKind,
      address: s.address,
      districtCode: s.districtCode,
    })),
  );
  await em.insertMany(
    Teacher,
    world.teachers.map((t) => ({
      id: t.id,
      fullName: t.fullName,
      nuptk: t.nuptk,
      schoolNpsn: t.npsn,
      employmentStatus: t.employmentStatus as EmploymentStatus,
      birthDate: t.birthDate,
      version: 1,
      createdAt: new Date('2022-08-01T00:00:00Z'),
    })),
  );
  const qualifications = world.teachers.flatMap((t) =>
    t.qualifications.map((q) => ({
      id: q.id,
      teacherId: t.id,
      level: q.level as QualificationLevel,
      field: q.field as FieldOfStudy,
      institution: q.institution,
      graduationYear: q.graduationYear,
      verified: q.verified,
    })),
  );
  await em.insertMany(Qualification, qualifications);
  await em.insertMany(
    TrainingNeed,
    world.trainingNeeds.map((n) => ({
      id: n.id,
      schoolNpsn: n.npsn,
      teacherId: n.teacherId,
      area: n.area as CompetencyArea,
      statedOn: n.statedOn,
      status: n.status as TrainingNeedStatus,
      createdAt: new Date(`${n.statedOn}T00:00:00Z`),
    })),
  );
  return {
    districts: world.districts.length,
    organizations: world.organizations.length,
    schools: world.schools.length,
    teachers: world.teachers.length,
    qualifications: qualifications.length,
    trainingNeeds: world.trainingNeeds.length,
  };
}
