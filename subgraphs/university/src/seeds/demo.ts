import type { EntityManager } from '@mikro-orm/postgresql';
import { buildDemoWorld } from '@mitra/fixtures';
import type { CompetencyArea } from '@mitra/kit';
import { Assessment } from '../entities/assessment';
import { FollowUp, type FollowUpKind } from '../entities/follow-up';
import { ConsultationRequest } from '../entities/consultation-request';
import { Lecturer } from '../entities/lecturer';
import { Module } from '../entities/module';
import { Partnership } from '../entities/partnership';
import { TrainingProgram } from '../entities/training-program';
import type { TrainingTier } from '../graphql/enums';
import type { ConsultationStatus, ConsultationTopic } from '../graphql/types/consultation.enums';

/** The university partner's slice of the demo world (every university's and training provider's): lecturers, programs and modules, partnerships, assessments. */
export async function seedDemo(em: EntityManager): Promise<Record<string, number>> {
  const world = buildDemoWorld();
  await em.insertMany(
    Lecturer,
    world.lecturers.map((l) => ({
      id: l.id,
      fullName: l.fullName,
      academicTitle: l.academicTitle,
      expertise: l.expertise,
      organizationOrg: l.organizationOrg,
    })),
  );
  await em.insertMany(
    TrainingProgram,
    world.programs.map((p) => ({
      id: p.id,
      code: p.code,
      title: p.title,
      tier: p.tier as TrainingTier,
      hours: p.hours,
      prerequisiteId: p.prerequisiteId,
      passMark: p.passMark,
      tiered: p.tiered,
      providerOrg: p.providerOrg,
    })),
  );
  const modules = world.programs.flatMap((p) =>
    p.modules.map((m, i) => ({
      id: m.id,
      programId: p.id,
      position: i + 1,
      title: m.title,
      hours: m.hours,
      lecturerId: m.lecturerId,
      areas: m.areas as CompetencyArea[],
    })),
  );
  await em.insertMany(Module, modules);
  await em.insertMany(
    Partnership,
    world.partnerships.map((p) => ({
      id: p.id,
      schoolNpsn: p.npsn,
      studyProgram: p.studyProgram,
      signedOn: p.signedOn,
      validUntil: p.validUntil,
      providerOrg: p.providerOrg,
    })),
  );
  await em.insertMany(
    Assessment,
    world.assessments.map((a) => ({
      id: a.id,
      teacherId: a.teacherId,
      programId: a.programId,
      eventId: a.eventId,
      preTestScore: a.preTestScore,
      postTestScore: a.postTestScore,
      microteachingScore: a.microteachingScore,
      passed: a.passed,
      assessedOn: a.assessedOn,
    })),
  );
  await em.insertMany(
    ConsultationRequest,
    world.consultations.map((c) => ({
      id: c.id,
      schoolNpsn: c.npsn,
      providerOrg: c.providerOrg,
      topic: c.topic as ConsultationTopic,
      description: c.description,
      requestedOn: c.requestedOn,
      status: c.status as ConsultationStatus,
      scheduledAt: c.scheduledAt ? new Date(c.scheduledAt) : null,
      consultantId: c.consultantId,
    })),
  );
  await em.insertMany(
    FollowUp,
    world.followUps.map((f) => ({
      id: f.id,
      teacherId: f.teacherId,
      programId: f.programId,
      eventId: f.eventId,
      eventEndsOn: f.eventEndsOn,
      kind: f.kind as FollowUpKind,
      visitedOn: f.visitedOn,
      mentorId: f.mentorId,
      area: f.area as CompetencyArea | null,
      observationScore: f.observationScore,
    })),
  );
  return {
    lecturers: world.lecturers.length,
    programs: world.programs.length,
    modules: modules.length,
    partnerships: world.partnerships.length,
    assessments: world.assessments.length,
    followUps: world.followUps.length,
    consultations: world.consultations.length,
  };
}
