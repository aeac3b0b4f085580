import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { byKey, groupedByKey, uuidBatch, type CompetencyArea } from '@mitra/kit';
import { ConsultationRequest } from '../entities/consultation-request';
import { Module } from '../entities/module';
import { TrainingProgram } from '../entities/training-program';

export interface ConsultationLoaders {
  consultationById: DataLoader<string, ConsultationRequest | null>;
  /** Every request of each school, oldest first; who may read which is decided by the caller (consultation.resolver.ts). */
  consultationsBySchool: DataLoader<string, ConsultationRequest[]>;
}

/** One SQL statement per batch. */
export function createConsultationLoaders(em: EntityManager): ConsultationLoaders {
  return {
    consultationById: new DataLoader(
      uuidBatch(
        () => null,
        async (ids) => byKey(ids, await em.find(ConsultationRequest, { id: { $in: ids } }), (c) => c.id),
      ),
    ),
    consultationsBySchool: new DataLoader(async (npsns) =>
      groupedByKey(
        npsns,
        await em.find(ConsultationRequest, { schoolNpsn: { $in: [...npsns] } }, { orderBy: { requestedOn: 'asc', id: 'asc' } }),
        (c) => c.schoolNpsn,
      ),
    ),
  };
}

/** The programs with at least one module teaching each area, in no particular order: two statements per batch (modules, their programs). */
export function createProgramsByArea(em: EntityManager): DataLoader<CompetencyArea, TrainingProgram[]> {
  return new DataLoader(async (areas) => {
    const modules = await em.find(Module, { areas: { $overlap: [...areas] } });
    const programIds = [...new Set(modules.map((m) => m.programId))];
    const programs = programIds.length ? await em.find(TrainingProgram, { id: { $in: programIds } }) : [];
    const byId = new Map(programs.map((p) => [p.id, p]));
    return areas.map((area) => {
      const ids = new Set(modules.filter((m) => m.areas.includes(area)).map((m) => m.programId));
      return [...ids].flatMap((id) => byId.get(id) ?? []);
    });
  });
}
