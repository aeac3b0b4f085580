import { BulkInsert, insertValues, type SyntheticLoad } from '@mitra/fixtures';

/**
 * The university's slice of a synthetic world: its lecturers and the
 * tiered programs with their modules, the partnerships with some of the
 * schools, and the pre/post-test results of the teachers who attended a
 * completed training (the same teachers and events the skb registers).
 */
export async function seedSynthetic({ client, world, progress }: SyntheticLoad): Promise<void> {
  const { layout } = world;
  await insertValues(
    client,
    'lecturer',
    ['id', 'full_name', 'academic_title', 'expertise', 'organization_org'],
    world.lecturers.map((l) => [l.id, l.fullName, l.academicTitle, l.expertise, l.organizationOrg]),
    progress,
  );
  await insertValues(
    client,
    'training_program',
    ['id', 'code', 'title', 'tier', 'tiered', 'hours', 'prerequisite_id', 'pass_mark', 'provider_org'],
    world.programs.map((p) => [p.id, p.code, p.title, p.tier, p.tiered, p.hours, p.prerequisiteId, p.passMark, p.providerOrg]),
    progress,
  );
  await insertValues(
    client,
    'module',
    ['id', 'program_id', 'position', 'title', 'hours', 'lecturer_id', 'areas'],
    world.programs.flatMap((p) => p.modules.map((m, i) => [m.id, p.id, i + 1, m.title, m.hours, m.lecturerId, m.areas])),
    progress,
  );

  const partnerships = new BulkInsert(
    client,
    'partnership',
    [
      ['id', 'uuid'],
      ['school_npsn', 'text'],
      ['study_program', 'text'],
      ['signed_on', 'date'],
      ['valid_until', 'date'],
      ['provider_org', 'text'],
    ],
    progress,
  );
  for (let s = 0; s < layout.schoolCount; s++) {
    const p = world.partnership(s);
    if (p) await partnerships.add(p.id, p.npsn, p.studyProgram, p.signedOn, p.validUntil, p.providerOrg);
  }
  await partnerships.close();

  const assessments = new BulkInsert(
    client,
    'assessment',
    [
      ['id', 'uuid'],
      ['teacher_id', 'uuid'],
      ['program_id', 'uuid'],
      ['event_id', 'uuid'],
      ['pre_test_score', 'numeric'],
      ['post_test_score', 'numeric'],
      ['microteaching_score', 'numeric'],
      ['passed', 'boolean'],
      ['assessed_on', 'date'],
    ],
    progress,
  );
  for (const district of world.districts) {
    const end = district.firstTeacher + district.teachers;
    for (let i = district.firstTeacher; i < end; i++) {
      for (const a of world.activity(i, district.index).assessments) {
        await assessments.add(
          a.id,
          a.teacherId,
          a.programId,
          a.eventId,
          a.preTestScore,
          a.postTestScore,
          a.microteachingScore,
          a.passed,
          a.assessedOn,
        );
      }
      if ((i & 1023) === 0) progress.teachers(i);
    }
    progress.teachers(end);
  }
  await assessments.close();
}
