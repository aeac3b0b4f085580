import DataLoader from 'dataloader';
import { byKey, groupedByKey, uuidBatch, type LoaderSources } from '@mitra/kit';
import { District } from '../entities/district';
import { Qualification } from '../entities/qualification';
import { School } from '../entities/school';
import { Teacher } from '../entities/teacher';
import { createOrganizationLoaders, type OrganizationLoaders } from './organizations';
import { createStatisticsLoaders, type StatisticsLoaders } from '../statistics/loaders';
import { createTrainingNeedLoaders, type TrainingNeedLoaders } from './training-needs';
import { loadSchoolTeacherCounts, loadSchoolTeacherPages, type SchoolPageKey, type TeacherRowsPage } from './teacher-pages';

export interface SchoolsLoaders {
  districtByCode: DataLoader<string, District | null>;
  schoolByNpsn: DataLoader<string, School | null>;
  teacherById: DataLoader<string, Teacher | null>;
  qualificationsByTeacher: DataLoader<string, Qualification[]>;
  teacherPageBySchool: DataLoader<SchoolPageKey, TeacherRowsPage, string>;
  teacherCountBySchool: DataLoader<string, number>;
  organizations: OrganizationLoaders;
  statistics: StatisticsLoaders;
  trainingNeeds: TrainingNeedLoaders;
}

/** One set per request: every reference and list field is one SQL statement per batch. */
export function createLoaders({ em, config }: LoaderSources): SchoolsLoaders {
  return {
    districtByCode: new DataLoader(async (codes) => byKey(codes, await em.find(District, { code: { $in: [...codes] } }), (d) => d.code)),
    schoolByNpsn: new DataLoader(async (npsns) => byKey(npsns, await em.find(School, { npsn: { $in: [...npsns] } }), (s) => s.npsn)),
    teacherById: new DataLoader(
      uuidBatch(
        () => null,
        async (ids) => byKey(ids, await em.find(Teacher, { id: { $in: ids } }), (t) => t.id),
      ),
    ),
    qualificationsByTeacher: new DataLoader(
      uuidBatch(
        (): Qualification[] => [],
        async (ids) =>
          groupedByKey(
            ids,
            await em.find(Qualification, { teacherId: { $in: ids } }, { orderBy: { graduationYear: 'asc', id: 'asc' } }),
            (q) => q.teacherId,
          ),
      ),
    ),
    teacherPageBySchool: new DataLoader((keys) => loadSchoolTeacherPages(em, keys), { cacheKeyFn: (k) => JSON.stringify(k) }),
    teacherCountBySchool: new DataLoader((npsns) => loadSchoolTeacherCounts(em, npsns)),
    organizations: createOrganizationLoaders(em),
    statistics: createStatisticsLoaders(em, config),
    trainingNeeds: createTrainingNeedLoaders(em),
  };
}
