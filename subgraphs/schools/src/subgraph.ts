import 'reflect-metadata';
import type { SubgraphDefinition } from '@mitra/kit';
import { District } from './entities/district';
import { Organization } from './entities/organization';
import { Qualification } from './entities/qualification';
import { School } from './entities/school';
import { Teacher } from './entities/teacher';
import { TrainingNeed } from './entities/training-need';
import { DistrictResolver } from './graphql/district.resolver';
import { OrganizationResolver } from './graphql/organization.resolver';
import { QualificationWritesResolver } from './graphql/qualification-writes.resolver';
import { references } from './graphql/references';
import { SchoolResolver } from './graphql/school.resolver';
import { StatisticsResolver } from './graphql/statistics.resolver';
import { TeacherResolver } from './graphql/teacher.resolver';
import { TeacherWritesResolver } from './graphql/teacher-writes.resolver';
import { NeedStatisticsResolver } from './graphql/need-statistics.resolver';
import { SchoolTrainingNeedsResolver, TeacherTrainingNeedsResolver, TrainingNeedResolver } from './graphql/training-need.resolver';
import { TrainingNeedWritesResolver } from './graphql/training-need-writes.resolver';
import { createLoaders, type SchoolsLoaders } from './loaders';
import { createStatisticsLoaders } from './statistics/loaders';

export { migrations } from './migrations';

export const entities = [District, Organization, School, Teacher, Qualification, TrainingNeed];
/** The subgraph's own tables, children last; `seed --reset` empties them. */
export const tables = ['training_need', 'qualification', 'teacher', 'school', 'organization', 'district'];

export const definition: SubgraphDefinition<SchoolsLoaders> = {
  name: 'schools',
  resolvers: [
    TeacherResolver,
    TeacherWritesResolver,
    QualificationWritesResolver,
    SchoolResolver,
    DistrictResolver,
    OrganizationResolver,
    StatisticsResolver,
    TrainingNeedResolver,
    SchoolTrainingNeedsResolver,
    TeacherTrainingNeedsResolver,
    TrainingNeedWritesResolver,
    NeedStatisticsResolver,
  ],
  references,
  createLoaders,
  uniqueConstraints: {
    teacher_nuptk_unique: { field: 'input.nuptk', message: 'input.nuptk: another teacher already has this NUPTK' },
    training_need_open_unique: {
      field: 'input.area',
      message: 'input.area: the same need (school, teacher or whole school, area) is already open; set its status instead',
    },
  },
  // The qualification table set of the current data version: about 5 s of protection at 100,000 teachers.
  warmUp: ({ em, config }) => createStatisticsLoaders(em, config).data(),
};
