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
import { Assessment } from '../entities/assessment';
import { FollowUp } from '../entities/follow-up';
import { Lecturer } from '../entities/lecturer';
import { Module } from '../entities/module';
import { Partnership } from '../entities/partnership';
import { TrainingProgram } from '../entities/training-program';
import type { TrainingTier } from '../graphql/enums';
import { currentPartnership, partnershipToday } from '../entities/partnership-term';
import { createStatisticsLoaders, type StatisticsLoaders } from '../statistics/loaders';
import { loadHighestCompletedTiers } from './tiers';
import { createCatalogueLoaders, type CatalogueLoaders } from './catalogue';
import { createConsultationLoaders, createProgramsByArea, type ConsultationLoaders } from './consultation.loaders';
import type { CompetencyArea } from '@mitra/kit';

export interface UniversityLoaders {
  lecturerById: DataLoader<string, Lecturer | null>;
  programById: DataLoader<string, TrainingProgram | null>;
  modulesByProgram: DataLoader<string, Module[]>;
  assessmentById: DataLoader<string, Assessment | null>;
  assessmentsByTeacher: DataLoader<string, Assessment[]>;
  followUpById: DataLoader<string, FollowUp | null>;
  followUpsByTeacher: DataLoader<string, FollowUp[]>;
  highestTierByTeacher: DataLoader<string, TrainingTier | null>;
  partnershipById: DataLoader<string, Partnership | null>;
  partnershipBySchool: DataLoader<string, Partnership | null>;
  statistics: StatisticsLoaders;
  /** Issue 13: consultations, and the programs teaching each competence area. */
  consultations: ConsultationLoaders;
  programsByArea: DataLoader<CompetencyArea, TrainingProgram[]>;
  /** The skb's public event titles this partner answers itself (@provides). */
  catalogue: CatalogueLoaders;
}

/** One set per request: every reference and list field is one SQL statement per batch. */
export function createLoaders({ em, config }: LoaderSources): UniversityLoaders {
  const none = () => null;
  const empty = <T>(): T[] => [];
  // Read for answers (writes check with them, never change them): plain objects, no unit of work.
  const programById = new DataLoader(
    uuidBatch(none, async (ids) => byKey(ids, await readByKeys(em, TrainingProgram, 'id', ids, 'uuid'), (p) => p.id)),
  );
  return {
    lecturerById: new DataLoader(
      uuidBatch(none, async (ids) => byKey(ids, await readByKeys(em, Lecturer, 'id', ids, 'uuid'), (l) => l.id)),
    ),
    programById,
    modulesByProgram: new DataLoader(
      uuidBatch(empty<Module>, async (ids) =>
        groupedByKey(ids, await readByKeys(em, Module, 'program_id', ids, 'uuid', ['program_id', 'position']), (m) => m.programId),
      ),
    ),
    assessmentById: new DataLoader(
      uuidBatch(none, async (ids) => byKey(ids, await em.find(Assessment, { id: { $in: ids } }), (a) => a.id)),
    ),
    // Each assessment with its program in the same statement (priming programById): a page's assessments
    // that name their programs wait for no second statement.
    assessmentsByTeacher: new DataLoader(
      uuidBatch(empty<Assessment>, async (ids) => {
        const rows: Record<string, unknown>[] = await prepared(
          whereAny(
            em
              .getKnex()('assessment as a')
              .select(...columnsOf(em, Assessment, 'a'), ...joinedColumns(em, TrainingProgram, 'p'))
              .leftJoin('training_program as p', 'p.id', 'a.program_id'),
            'a.teacher_id',
            ids,
            'uuid',
          ).orderBy([{ column: 'a.teacher_id' }, { column: 'a.assessed_on' }, { column: 'a.id' }]),
        );
        for (const program of readJoined(em, TrainingProgram, 'p', rows)) programById.prime(program.id, program);
        return groupedByKey(ids, readRows(em, Assessment, rows), (a) => a.teacherId);
      }),
    ),
    highestTierByTeacher: new DataLoader(uuidBatch(none, (ids) => loadHighestCompletedTiers(em, ids))),
    followUpById: new DataLoader(uuidBatch(none, async (ids) => byKey(ids, await em.find(FollowUp, { id: { $in: ids } }), (f) => f.id))),
    followUpsByTeacher: new DataLoader(
      uuidBatch(empty<FollowUp>, async (ids) =>
        groupedByKey(
          ids,
          await em.find(FollowUp, { teacherId: { $in: ids } }, { orderBy: { teacherId: 'asc', visitedOn: 'asc', id: 'asc' } }),
          (f) => f.teacherId,
        ),
      ),
    ),
    partnershipById: new DataLoader(
      uuidBatch(none, async (ids) => byKey(ids, await em.find(Partnership, { id: { $in: ids } }), (p) => p.id)),
    ),
    partnershipBySchool: new DataLoader(async (npsns) => {
      const rows = await readByKeys(em, Partnership, 'school_npsn', npsns, 'text');
      const today = partnershipToday();
      return groupedByKey(npsns, rows, (p) => p.schoolNpsn).map((list) => currentPartnership(list, today));
    }),
    statistics: createStatisticsLoaders(em, config.minCellSize),
    consultations: createConsultationLoaders(em),
    programsByArea: createProgramsByArea(em),
    catalogue: createCatalogueLoaders(config),
  };
}
