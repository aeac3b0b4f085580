import { expectNoErrors, gql, type LooseBody } from '../harness/client';
import { auditOf, rowCounts, sql } from '../harness/db';
import { hubUrls } from '../harness/env';
import { CALLERS, tokenFor } from '../harness/tokens';
import { UNKNOWN_ID, dayFromToday, expectNothingWritten, expectRefused, freshNuptk, yearsFromToday } from '../harness/writes';

/**
 * Issue 4, schools: a school's admin writes its own teachers and their
 * qualifications through the gateway. Every refusal names its field and
 * leaves the row counts (audit log included) as they were. The teachers
 * made here are deleted afterwards; the demo rows are never changed.
 */

const SCHOOL = '64710001';
const TEACHER_TABLES = ['teacher', 'qualification', 'audit_log'];
const TEACHER_FIELDS = 'id fullName nuptk employmentStatus birthDate version school { npsn }';

let admin: string;
const created: string[] = [];

beforeAll(async () => {
  admin = await tokenFor({ ...CALLERS['school admin'], sub: 'writes-test:admin-64710001' });
});

afterAll(async () => {
  // Qualifications go with their teacher (on delete cascade).
  if (created.length) await sql('schools', 'delete from teacher where id = any($1::uuid[])', [created]);
});

const CREATE = `mutation($input: TeacherInput!) { createTeacher(input: $input) { ${TEACHER_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: TeacherUpdateInput!) { updateTeacher(id: $id, version: $version, input: $input) { ${TEACHER_FIELDS} } }`;
const ADD =
  'mutation($t: ID!, $input: QualificationInput!) { addQualification(teacherId: $t, input: $input) { id level field institution graduationYear verified } }';
const VERIFY = 'mutation($q: ID!) { verifyQualification(qualificationId: $q) { id verified } }';

const teacherInput = (overrides: Record<string, unknown> = {}) => ({
  npsn: SCHOOL,
  fullName: 'Siti Rahmawati, S.Pd.',
  nuptk: freshNuptk(),
  employmentStatus: 'GTY',
  birthDate: '1990-04-12',
  ...overrides,
});

async function createTeacher(overrides: Record<string, unknown> = {}): Promise<LooseBody> {
  const { body } = await gql(CREATE, { input: teacherInput(overrides) }, { token: admin });
  expectNoErrors(body);
  created.push(body.data.createTeacher.id);
  return body.data.createTeacher;
}

async function teacherRow(id: string): Promise<Record<string, unknown>> {
  const [row] = await sql(
    'schools',
    "select full_name, nuptk, employment_status, to_char(birth_date, 'YYYY-MM-DD') as birth_date, version from teacher where id = $1",
    [id],
  );
  return row;
}

describe('createTeacher', () => {
  it("adds a teacher to the admin's own school, with its audit row, through the gateway", async () => {
    const before = await rowCounts('schools', ['teacher', 'audit_log']);
    const nuptk = freshNuptk();
    const { body } = await gql(CREATE, { input: teacherInput({ fullName: '  Siti   Rahmawati  ', nuptk }) }, { token: admin });
    expectNoErrors(body);
    const teacher = body.data.createTeacher;
    created.push(teacher.id);
    expect(teacher).toEqual({
      id: expect.any(String),
      fullName: 'Siti Rahmawati',
      nuptk,
      employmentStatus: 'GTY',
      birthDate: '1990-04-12',
      version: 1,
      school: { npsn: SCHOOL },
    });
    expect(await rowCounts('schools', ['teacher', 'audit_log'])).toEqual({ teacher: before.teacher + 1, audit_log: before.audit_log + 1 });
    const [audit] = await auditOf('schools', teacher.id);
    expect(audit).toMatchObject({
      actor_sub: 'writes-test:admin-64710001',
      actor_org: `school:${SCHOOL}`,
      action: 'createTeacher',
      entity: 'Teacher',
    });
    expect(Date.now() - new Date(audit.at).getTime()).toBeLessThan(60_000);
    // Personal and identifying values stay out of the trail.
    expect(JSON.stringify(audit.details)).not.toMatch(/1990-04-12|Rahmawati|\d{16}/);
  });

  it('reads back through the other partners: the new teacher has no trainings or assessments yet', async () => {
    const teacher = await createTeacher({ nuptk: null, birthDate: null });
    const { body } = await gql(
      'query($id: ID!) { teacher(id: $id) { nuptk birthDate trainingHistory { status } assessments { passed } highestCompletedTier } }',
      { id: teacher.id },
      { token: admin },
    );
    expectNoErrors(body);
    expect(body.data.teacher).toEqual({ nuptk: null, birthDate: null, trainingHistory: [], assessments: [], highestCompletedTier: null });
  });

  const BAD: Array<[string, Record<string, unknown>, string]> = [
    ['a NUPTK of 15 digits', { nuptk: '123456789012345' }, 'input.nuptk'],
    ['a NUPTK of 17 digits', { nuptk: '12345678901234567' }, 'input.nuptk'],
    ['a NUPTK with letters', { nuptk: '12345678901234AB' }, 'input.nuptk'],
    ['an NPSN of 7 digits', { npsn: '6471000' }, 'input.npsn'],
    ['an NPSN with letters', { npsn: '6471000X' }, 'input.npsn'],
    ['a blank name', { fullName: '   ' }, 'input.fullName'],
    ['a name of 151 characters', { fullName: 'A'.repeat(151) }, 'input.fullName'],
    ['a name with a control character', { fullName: 'Siti\u0007Aminah' }, 'input.fullName'],
    ['a birth date in the future', { birthDate: dayFromToday(1) }, 'input.birthDate'],
    ['a birth date of a child (16 years ago)', { birthDate: yearsFromToday(-16) }, 'input.birthDate'],
    ['a birth date of 1900', { birthDate: '1900-01-01' }, 'input.birthDate'],
    ['an impossible birth date (30 February)', { birthDate: '1990-02-30' }, 'input.birthDate'],
    ['a birth date that is no date', { birthDate: '12/04/1990' }, 'input.birthDate'],
  ];

  it.each(BAD)('refuses %s as BAD_USER_INPUT naming the field, writing nothing', async (_what, overrides, field) => {
    await expectNothingWritten(
      'schools',
      TEACHER_TABLES,
      () => gql(CREATE, { input: teacherInput(overrides) }, { token: admin }),
      'BAD_USER_INPUT',
      field,
    );
  });

  it('refuses an impossible date written in the query text too, naming the field', async () => {
    const query = `mutation { createTeacher(input: { npsn: "${SCHOOL}", fullName: "Uji Tanggal", employmentStatus: GTT, birthDate: "1990-02-30" }) { id } }`;
    await expectNothingWritten(
      'schools',
      TEACHER_TABLES,
      () => gql(query, undefined, { token: admin }),
      'BAD_USER_INPUT',
      'input.birthDate',
    );
  });

  it('refuses a duplicate NUPTK as CONFLICT (the unique index), leaving no teacher and no audit row behind', async () => {
    const first = await createTeacher();
    const body = await expectNothingWritten(
      'schools',
      TEACHER_TABLES,
      () => gql(CREATE, { input: teacherInput({ fullName: 'Another Teacher', nuptk: first.nuptk }) }, { token: admin }),
      'CONFLICT',
      'input.nuptk',
    );
    expect(body.errors[0].message).toBe('input.nuptk: another teacher already has this NUPTK');
  });

  it('refuses a school the hub does not hold as NOT_FOUND', async () => {
    const token = await tokenFor({ org: 'school:64719999', roles: ['admin'] });
    await expectNothingWritten(
      'schools',
      TEACHER_TABLES,
      () => gql(CREATE, { input: teacherInput({ npsn: '64719999' }) }, { token }),
      'NOT_FOUND',
      'input.npsn',
    );
  });

  it("refuses another school's admin before validating anything", async () => {
    const token = await tokenFor(CALLERS['other school admin']);
    await expectNothingWritten(
      'schools',
      TEACHER_TABLES,
      () => gql(CREATE, { input: teacherInput({ fullName: ' ' }) }, { token }),
      'FORBIDDEN',
    );
  });
});

describe('updateTeacher', () => {
  it('changes the fields given, keeps the others, moves the version on and audits it', async () => {
    const teacher = await createTeacher();
    const { body } = await gql(
      UPDATE,
      { id: teacher.id, version: 1, input: { fullName: 'Siti Rahmawati, M.Pd.', employmentStatus: 'PPPK' } },
      { token: admin },
    );
    expectNoErrors(body);
    expect(body.data.updateTeacher).toEqual({ ...teacher, fullName: 'Siti Rahmawati, M.Pd.', employmentStatus: 'PPPK', version: 2 });
    expect(await teacherRow(teacher.id)).toEqual({
      full_name: 'Siti Rahmawati, M.Pd.',
      nuptk: teacher.nuptk,
      employment_status: 'PPPK',
      birth_date: teacher.birthDate,
      version: 2,
    });
    const trail = await auditOf('schools', teacher.id);
    expect(trail.map((a) => a.action)).toEqual(['createTeacher', 'updateTeacher']);
    expect(trail[1].details).toEqual({ fields: ['employmentStatus', 'fullName'], fromVersion: 1 });
  });

  it('clears a NUPTK or a birth date given as null', async () => {
    const teacher = await createTeacher();
    const { body } = await gql(UPDATE, { id: teacher.id, version: 1, input: { nuptk: null, birthDate: null } }, { token: admin });
    expectNoErrors(body);
    expect(body.data.updateTeacher).toMatchObject({ nuptk: null, birthDate: null, version: 2 });
  });

  it('refuses a stale version as CONFLICT and changes nothing', async () => {
    const teacher = await createTeacher();
    expectNoErrors((await gql(UPDATE, { id: teacher.id, version: 1, input: { fullName: 'First Edit' } }, { token: admin })).body);
    const row = await teacherRow(teacher.id);
    const body = await expectNothingWritten(
      'schools',
      TEACHER_TABLES,
      () => gql(UPDATE, { id: teacher.id, version: 1, input: { fullName: 'Edit Based On An Old Read' } }, { token: admin }),
      'CONFLICT',
      'version',
    );
    expect(body.errors[0].message).toMatch(/version 2, not 1/);
    expect(await teacherRow(teacher.id)).toEqual(row);
  });

  it('lets exactly one of three concurrent updates from the same version through', async () => {
    const teacher = await createTeacher();
    const results = await Promise.all(
      ['Edit A', 'Edit B', 'Edit C'].map((fullName) => gql(UPDATE, { id: teacher.id, version: 1, input: { fullName } }, { token: admin })),
    );
    const won = results.filter((r) => !r.body.errors);
    expect(won).toHaveLength(1);
    for (const lost of results.filter((r) => r.body.errors)) expectRefused(lost.body, 'CONFLICT', 'version');
    expect(await teacherRow(teacher.id)).toMatchObject({ full_name: won[0].body.data.updateTeacher.fullName, version: 2 });
  });

  it('refuses a NUPTK another teacher has as CONFLICT and changes nothing', async () => {
    const [a, b] = [await createTeacher(), await createTeacher()];
    const row = await teacherRow(b.id);
    await expectNothingWritten(
      'schools',
      TEACHER_TABLES,
      () => gql(UPDATE, { id: b.id, version: 1, input: { nuptk: a.nuptk } }, { token: admin }),
      'CONFLICT',
      'input.nuptk',
    );
    expect(await teacherRow(b.id)).toEqual(row);
  });

  const BAD: Array<[string, Record<string, unknown>, string]> = [
    ['a bad NUPTK', { nuptk: '12345' }, 'input.nuptk'],
    ['a blank name', { fullName: '\t ' }, 'input.fullName'],
    ['a null name (a required field)', { fullName: null }, 'input.fullName'],
    ['a null employment status', { employmentStatus: null }, 'input.employmentStatus'],
    ['a birth date in the future', { birthDate: dayFromToday(30) }, 'input.birthDate'],
    ['an impossible birth date', { birthDate: '1985-04-31' }, 'input.birthDate'],
    ['nothing to change', {}, 'input'],
  ];

  it.each(BAD)('refuses %s as BAD_USER_INPUT, changing nothing', async (_what, input, field) => {
    const teacher = await createTeacher();
    const row = await teacherRow(teacher.id);
    await expectNothingWritten(
      'schools',
      TEACHER_TABLES,
      () => gql(UPDATE, { id: teacher.id, version: 1, input }, { token: admin }),
      'BAD_USER_INPUT',
      field,
    );
    expect(await teacherRow(teacher.id)).toEqual(row);
  });

  it('answers NOT_FOUND for a teacher that does not exist, and BAD_USER_INPUT for an id that is no id', async () => {
    await expectNothingWritten(
      'schools',
      TEACHER_TABLES,
      () => gql(UPDATE, { id: UNKNOWN_ID, version: 1, input: { fullName: 'X' } }, { token: admin }),
      'NOT_FOUND',
      'id',
    );
    await expectNothingWritten(
      'schools',
      TEACHER_TABLES,
      () => gql(UPDATE, { id: 'teacher-1', version: 1, input: { fullName: 'X' } }, { token: admin }),
      'BAD_USER_INPUT',
      'id',
    );
  });

  it("refuses another school's teacher as FORBIDDEN", async () => {
    const [other] = await sql<{ id: string }>('schools', "select id from teacher where school_npsn = '64710002' order by id limit 1");
    await expectNothingWritten(
      'schools',
      TEACHER_TABLES,
      () => gql(UPDATE, { id: other.id, version: 1, input: { fullName: 'Not Yours' } }, { token: admin }),
      'FORBIDDEN',
    );
  });
});

describe('addQualification and verifyQualification', () => {
  it('adds an unverified diploma; the school verifies it once (again changes nothing)', async () => {
    const teacher = await createTeacher();
    const before = await rowCounts('schools', ['qualification']);
    const added = await gql(
      ADD,
      {
        t: teacher.id,
        input: { level: 'S1', field: 'EARLY_CHILDHOOD_EDUCATION', institution: ' Universitas Mulia ', graduationYear: 2012 },
      },
      { token: admin },
    );
    expectNoErrors(added.body);
    const q = added.body.data.addQualification;
    expect(q).toEqual({
      id: expect.any(String),
      level: 'S1',
      field: 'EARLY_CHILDHOOD_EDUCATION',
      institution: 'Universitas Mulia',
      graduationYear: 2012,
      verified: false,
    });
    expect(await rowCounts('schools', ['qualification'])).toEqual({ qualification: before.qualification + 1 });

    const read = await gql(
      'query($id: ID!) { teacher(id: $id) { highestQualification meetsQualificationStandard qualifications { id } } }',
      { id: teacher.id },
      { token: admin },
    );
    expect(read.body.data.teacher).toEqual({
      highestQualification: 'S1',
      meetsQualificationStandard: true,
      qualifications: [{ id: q.id }],
    });

    for (let i = 0; i < 2; i++) {
      const { body } = await gql(VERIFY, { q: q.id }, { token: admin });
      expectNoErrors(body);
      expect(body.data.verifyQualification).toEqual({ id: q.id, verified: true });
    }
    expect((await auditOf('schools', q.id)).map((a) => a.action)).toEqual(['addQualification', 'verifyQualification']);
  });

  const BAD: Array<[string, Record<string, unknown>, string]> = [
    ['a graduation year of 1949', { graduationYear: 1949 }, 'input.graduationYear'],
    ['a graduation year next year', { graduationYear: Number(dayFromToday(0).slice(0, 4)) + 1 }, 'input.graduationYear'],
    ['a blank institution', { institution: '  ' }, 'input.institution'],
    ['an institution name of 201 characters', { institution: 'U'.repeat(201) }, 'input.institution'],
  ];

  it.each(BAD)('refuses %s as BAD_USER_INPUT, writing nothing', async (_what, overrides, field) => {
    const teacher = await createTeacher();
    const input = { level: 'D4', field: 'PSYCHOLOGY', ...overrides };
    await expectNothingWritten(
      'schools',
      TEACHER_TABLES,
      () => gql(ADD, { t: teacher.id, input }, { token: admin }),
      'BAD_USER_INPUT',
      field,
    );
  });

  it('refuses an unknown teacher (NOT_FOUND), a malformed id (BAD_USER_INPUT) and another school (FORBIDDEN)', async () => {
    const input = { level: 'S1', field: 'OTHER' };
    await expectNothingWritten(
      'schools',
      TEACHER_TABLES,
      () => gql(ADD, { t: UNKNOWN_ID, input }, { token: admin }),
      'NOT_FOUND',
      'teacherId',
    );
    await expectNothingWritten(
      'schools',
      TEACHER_TABLES,
      () => gql(ADD, { t: 'x', input }, { token: admin }),
      'BAD_USER_INPUT',
      'teacherId',
    );
    const [other] = await sql<{ id: string }>('schools', "select id from teacher where school_npsn = '64710002' order by id limit 1");
    await expectNothingWritten('schools', TEACHER_TABLES, () => gql(ADD, { t: other.id, input }, { token: admin }), 'FORBIDDEN');
  });

  it("refuses to verify an unknown qualification (NOT_FOUND) or another school's (FORBIDDEN), changing nothing", async () => {
    await expectNothingWritten(
      'schools',
      TEACHER_TABLES,
      () => gql(VERIFY, { q: UNKNOWN_ID }, { token: admin }),
      'NOT_FOUND',
      'qualificationId',
    );
    const [other] = await sql<{ id: string; verified: boolean }>(
      'schools',
      "select q.id, q.verified from qualification q join teacher t on t.id = q.teacher_id where t.school_npsn = '64710002' order by q.verified, q.id limit 1",
    );
    await expectNothingWritten('schools', TEACHER_TABLES, () => gql(VERIFY, { q: other.id }, { token: admin }), 'FORBIDDEN');
    expect((await sql<{ verified: boolean }>('schools', 'select verified from qualification where id = $1', [other.id]))[0].verified).toBe(
      other.verified,
    );
  });
});

describe('a subgraph reached directly', () => {
  it('validates and writes exactly as through the gateway', async () => {
    const url = hubUrls().subgraphs.schools;
    await expectNothingWritten(
      'schools',
      TEACHER_TABLES,
      () => gql(CREATE, { input: teacherInput({ nuptk: '1' }) }, { token: admin, url }),
      'BAD_USER_INPUT',
      'input.nuptk',
    );
    const { body } = await gql(CREATE, { input: teacherInput() }, { token: admin, url });
    expectNoErrors(body);
    created.push(body.data.createTeacher.id);
    expect(body.data.createTeacher.version).toBe(1);
  });
});
