import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { byKey, groupedByKey, isUuid } from '@mitra/kit';
import { Assessment } from '../entities/assessment';
import { Lecturer } from '../entities/lecturer';
import { Module } from '../entities/module';
import { Partnership } from '../entities/partnership';
import { TrainingProgram } from '../entities/training-program';
import type { TrainingTier } from '../graphql/enums';
import { currentPartnership, partnershipToday } from '../partnerships';
import { loadHighestCompletedTiers } from './tiers';

export interface UniversityLoaders {
  lecturerById: DataLoader<string, Lecturer | null>;
  programById: DataLoader<string, TrainingProgram | null>;
  modulesByProgram: DataLoader<string, Module[]>;
  assessmentById: DataLoader<string, Assessment | null>;
  assessmentsByTeacher: DataLoader<string, Assessment[]>;
  highestTierByTeacher: DataLoader<string, TrainingTier | null>;
  partnershipById: DataLoader<string, Partnership | null>;
  partnershipBySchool: DataLoader<string, Partnership | null>;
}

/** Keys that cannot be a uuid column's value never reach PostgreSQL (they would be a type error there). */
function uuids(keys: readonly string[]): string[] {
  return keys.filter(isUuid);
}

/** One set per request: every reference and list field is one SQL statement per batch. */
export function createLoaders(em: EntityManager): UniversityLoaders {
  return {
    lecturerById: new DataLoader(async (ids) => {
      const valid = uuids(ids);
      return byKey(ids, valid.length ? await em.find(Lecturer, { id: { $in: valid } }) : [], (l) => l.id);
    }),
    programById: new DataLoader(async (ids) => {
      const valid = uuids(ids);
      return byKey(ids, valid.length ? await em.find(TrainingProgram, { id: { $in: valid } }) : [], (p) => p.id);
    }),
    modulesByProgram: new DataLoader(async (ids) => {
      const valid = uuids(ids);
      const rows = valid.length ? await em.find(Module, { programId: { $in: valid } }, { orderBy: { programId: 'asc', position: 'asc' } }) : [];
      return groupedByKey(ids, rows, (m) => m.programId);
    }),
    assessmentById: new DataLoader(async (ids) => {
      const valid = uuids(ids);
      return byKey(ids, valid.length ? await em.find(Assessment, { id: { $in: valid } }) : [], (a) => a.id);
    }),
    assessmentsByTeacher: new DataLoader(async (ids) => {
      const valid = uuids(ids);
      const rows = valid.length
        ? await em.find(Assessment, { teacherId: { $in: valid } }, { orderBy: { teacherId: 'asc', assessedOn: 'asc', id: 'asc' } })
        : [];
      return groupedByKey(ids, rows, (a) => a.teacherId);
    }),
    highestTierByTeacher: new DataLoader((ids) => loadHighestCompletedTiers(em, ids)),
    partnershipById: new DataLoader(async (ids) => {
      const valid = uuids(ids);
      return byKey(ids, valid.length ? await em.find(Partnership, { id: { $in: valid } }) : [], (p) => p.id);
    }),
    partnershipBySchool: new DataLoader(async (npsns) => {
      const rows = await em.find(Partnership, { schoolNpsn: { $in: [...npsns] } });
      const today = partnershipToday();
      return groupedByKey(npsns, rows, (p) => p.schoolNpsn).map((list) => currentPartnership(list, today));
    }),
  };
}
