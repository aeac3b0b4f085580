import { BulkInsert, buildDemoWorld, insertValues, type SyntheticLoad } from '@mitra/fixtures';

// Synthetic teachers joined their schools at the start of the data set's first school year.
const CREATED_AT = '2021-07-01T00:00:00Z';

/**
 * The schools partner's slice of a synthetic world: districts, schools,
 * teachers and their qualifications, bulk-loaded into its own database.
 */
export async function seedSynthetic({ client, world, progress }: SyntheticLoad): Promise<void> {
  const { layout } = world;
  await insertValues(
    client,
    'district',
    ['code', 'name', 'province_code'],
    world.districts.map((d) => [d.code, d.name, d.provinceCode]),
    progress,
  );
  // The synthetic world's SKB and university are the demo's: the same directory, districts where the world has them.
  const codes = new Set(world.districts.map((d) => d.code));
  await insertValues(
    client,
    'organization',
    ['id', 'kind', 'name', 'district_code'],
    buildDemoWorld().organizations.map((o) => [o.id, o.kind, o.name, o.districtCode && codes.has(o.districtCode) ? o.districtCode : null]),
    progress,
  );

  const schools = new BulkInsert(
    client,
    'school',
    [
      ['npsn', 'text'],
      ['name', 'text'],
      ['kind', 'text'],
      ['address', 'text'],
      ['district_code', 'text'],
    ],
    progress,
  );
  for (let s = 0; s < layout.schoolCount; s++) {
    const school = world.school(s);
    await schools.add(school.npsn, school.name, school.kind, school.address, school.districtCode);
  }
  await schools.close();

  const teachers = new BulkInsert(
    client,
    'teacher',
    [
      ['id', 'uuid'],
      ['full_name', 'text'],
      ['nuptk', 'text'],
      ['school_npsn', 'text'],
      ['employment_status', 'text'],
      ['birth_date', 'date'],
      ['created_at', 'timestamptz'],
    ],
    progress,
  );
  const qualifications = new BulkInsert(
    client,
    'qualification',
    [
      ['id', 'uuid'],
      ['teacher_id', 'uuid'],
      ['level', 'text'],
      ['field', 'text'],
      ['institution', 'text'],
      ['graduation_year', 'integer'],
      ['verified', 'boolean'],
    ],
    progress,
    teachers,
  );
  for (let s = 0; s < layout.schoolCount; s++) {
    const first = layout.schoolFirstTeacher[s];
    const end = first + layout.schoolTeachers[s];
    for (let i = first; i < end; i++) {
      const t = world.teacher(i, s);
      await teachers.add(t.id, t.fullName, t.nuptk, t.npsn, t.employmentStatus, t.birthDate, CREATED_AT);
      for (const q of t.qualifications) {
        await qualifications.add(q.id, t.id, q.level, q.field, q.institution, q.graduationYear, q.verified);
      }
    }
    progress.teachers(end);
  }
  await teachers.close();
  await qualifications.close();
}
