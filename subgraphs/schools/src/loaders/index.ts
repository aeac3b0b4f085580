import DataLoader from 'dataloader';
import {
  byKey,
  columnsOf,
  groupedByKey,
  joinedColumns,
  prepared,
  readByKeys,
  readJoined,
  readRows,
  uuidBatch,
  whereAny,
  type LoaderSources,
} from '@mitra/kit';
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
  // Read for answers only (writes check existence with them, never change them): plain objects, no unit of work.
  const districtByCode = new DataLoader<string, District | null>(async (codes) =>
    byKey(codes, await readByKeys(em, District, 'code', codes, 'text'), (d) => d.code),
  );
  return {
    districtByCode,
    // Each school with its district, in the same statement: an answer that names a school's district
    // then waits for no second statement (one round trip to PostgreSQL fewer on a page of teachers).
    schoolByNpsn: new DataLoader(async (npsns) => {
      const rows: Record<string, unknown>[] = await prepared(
        whereAny(
          em
            .getKnex()('school as s')
            .select(...columnsOf(em, School, 's'), ...joinedColumns(em, District, 'd'))
            .leftJoin('district as d', 'd.code', 's.district_code'),
          's.npsn',
          npsns,
          'text',
        ),
      );
      for (const district of readJoined(em, District, 'd', rows)) districtByCode.prime(district.code, district);
      return byKey(npsns, readRows(em, School, rows), (s) => s.npsn);
    }),
    // Plain rows, as the pages read them: a write checks with it (owner, school) and reads again under a lock.
    teacherById: new DataLoader(
      uuidBatch(
        () => null,
        async (ids) => byKey(ids, await readByKeys(em, Teacher, 'id', ids, 'uuid'), (t) => t.id),
      ),
    ),
    qualificationsByTeacher: new DataLoader(
      uuidBatch(
        (): Qualification[] => [],
        async (ids) =>
          groupedByKey(
            ids,
            await readByKeys(em, Qualification, 'teacher_id', ids, 'uuid', [
              { column: 'graduation_year', order: 'asc', nulls: 'last' },
              { column: 'id' },
            ]),
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
