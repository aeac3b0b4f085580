import 'reflect-metadata';
import type { SubgraphDefinition } from '@mitra/kit';
import { Assessment } from './entities/assessment';
import { FollowUp } from './entities/follow-up';
import { Lecturer } from './entities/lecturer';
import { Module } from './entities/module';
import { Partnership } from './entities/partnership';
import { TrainingProgram } from './entities/training-program';
import { ConsultationRequest } from './entities/consultation-request';
import { AssessmentResolver } from './graphql/assessment.resolver';
import { AssessmentWritesResolver } from './graphql/assessment-writes.resolver';
import { FollowUpResolver, FollowUpWritesResolver } from './graphql/follow-up.resolver';
import { LecturerResolver } from './graphql/lecturer.resolver';
import { LecturerWritesResolver } from './graphql/lecturer-writes.resolver';
import { ModuleResolver } from './graphql/module.resolver';
import { PartnershipResolver } from './graphql/partnership.resolver';
import { PartnershipWritesResolver } from './graphql/partnership-writes.resolver';
import { ReachResolver } from './graphql/reach.resolver';
import { references } from './graphql/references';
import { SchoolResolver } from './graphql/school.resolver';
import { DistrictTrainingResolver } from './graphql/district-training.resolver';
import { EventTitleResolver } from './graphql/event-title.resolver';
import {
  DistrictOutcomesResolver,
  EventOutcomesResolver,
  ProgramOutcomesResolver,
  TrainingCoverageResolver,
} from './graphql/statistics.resolver';
import { TeacherResolver } from './graphql/teacher.resolver';
import { ConsultationResolver, SchoolConsultationsResolver } from './graphql/consultation.resolver';
import { ConsultationWritesResolver } from './graphql/consultation-writes.resolver';
import { SuggestedProgramsResolver } from './graphql/suggested-programs.resolver';
import { TrainingNeedRef } from './graphql/types/training-need.ref';
import { TrainingProgramResolver } from './graphql/training-program.resolver';
import { TrainingProgramWritesResolver } from './graphql/training-program-writes.resolver';
import { SchoolRef } from './graphql/types/school.ref';
import { DistrictRef } from './graphql/types/district.ref';
import { TrainingCoverage } from './graphql/types/statistics.types';
import { createLoaders, type UniversityLoaders } from './loaders';
import { protectedTrainingSet } from './statistics/protected-set';

export { migrations } from './migrations';

export const entities = [Lecturer, TrainingProgram, Module, Assessment, Partnership, FollowUp, ConsultationRequest];
/** The subgraph's own tables, children last; `seed --reset` empties them. */
export const tables = ['assessment', 'follow_up', 'module', 'partnership', 'training_program', 'consultation_request', 'lecturer'];

export const definition: SubgraphDefinition<UniversityLoaders> = {
  name: 'university',
  resolvers: [
    TrainingProgramResolver,
    TrainingProgramWritesResolver,
    ModuleResolver,
    LecturerResolver,
    LecturerWritesResolver,
    AssessmentResolver,
    AssessmentWritesResolver,
    FollowUpResolver,
    FollowUpWritesResolver,
    PartnershipResolver,
    PartnershipWritesResolver,
    TeacherResolver,
    SchoolResolver,
    ReachResolver,
    TrainingCoverageResolver,
    DistrictOutcomesResolver,
    DistrictTrainingResolver,
    EventTitleResolver,
    ProgramOutcomesResolver,
    EventOutcomesResolver,
    ConsultationResolver,
    SchoolConsultationsResolver,
    ConsultationWritesResolver,
    SuggestedProgramsResolver,
  ],
  // School is reached only through `_entities` (no field of ours returns one): list it, or type-graphql leaves it out.
  orphanedTypes: [SchoolRef, Partnership, TrainingCoverage, DistrictRef, TrainingNeedRef],
  references,
  createLoaders,
  uniqueConstraints: {
    training_program_code_unique: { field: 'input.code', message: 'input.code: another training program already has this code' },
    assessment_teacher_id_event_id_unique: {
      field: 'input.eventId',
      message: 'input.eventId: the teacher already has an assessment for this event; a teacher is assessed once per event',
    },
  },
  // The protected national set of training outcomes of the current data version.
  warmUp: ({ em, config }) => protectedTrainingSet(config.minCellSize).nationalSet(em),
};
