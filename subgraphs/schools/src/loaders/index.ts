import DataLoader from 'dataloader';
import { byKey, groupedByKey, readRows, uuidBatch, type LoaderSources } from '@mitra/kit';
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
    // Read for answers only (writes check existence with them, never change them): plain objects, no unit of work.
    districtByCode: new DataLoader(async (codes) =>
      byKey(
        codes,
        readRows(
          em,
          District,
          await em
            .getKnex()('district')
            .whereIn('code', [...codes]),
        ),
        (d) => d.code,
      ),
    ),
    schoolByNpsn: new DataLoader(async (npsns) =>
      byKey(
        npsns,
        readRows(
          em,
          School,
          await em
            .getKnex()('school')
            .whereIn('npsn', [...npsns]),
        ),
        (s) => s.npsn,
      ),
    ),
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
            readRows(
              em,
              Qualification,
              await em
                .getKnex()('qualification')
                .whereIn('teacher_id', ids)
                .orderBy([{ column: 'graduation_year', order: 'asc', nulls: 'last' }, { column: 'id' }]),
            ),
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
