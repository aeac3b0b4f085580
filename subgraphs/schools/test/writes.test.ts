import 'reflect-metadata';
import { createTestDatabase, errorCodes, runOperation, type TestDatabase } from '@mitra/kit/test-support';
import { seedDemo } from '../src/seeds/demo';
import { definition, entities, migrations } from '../src/subgraph';

const ADMIN = { sub: 'admin-64710001', org: 'school:64710001', roles: ['admin'] };
const CREATE = `mutation ($input: TeacherInput!) { createTeacher(input: $input) { id fullName version school { npsn } } }`;
const input = (fields: Record<string, unknown> = {}) => ({
  npsn: '64710001',
  fullName: 'Siti Rahmawati',
  employmentStatus: 'GTT',
  ...fields,
});
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ name: 'schools', entities, migrations, seed: seedDemo });
});
afterAll(() => db?.close());

const rowCounts = async () =>
  (
    await db.sql<{ teachers: number; audits: number }>(
      'select (select count(*)::int from teacher) as teachers, (select count(*)::int from audit_log) as audits',
    )
  )[0];

describe('createTeacher', () => {
  it.each([
    [{ nuptk: '123' }, 'input.nuptk'],
    [{ fullName: '   ' }, 'input.fullName'],
    [{ birthDate: '2020-01-01' }, 'input.birthDate'],
  ])('refuses %j as BAD_USER_INPUT naming %s, and writes nothing', async (fields, field) => {
    const before = await rowCounts();
    const result = await runOperation(definition, db, CREATE, { claims: ADMIN, variables: { input: input(fields) } });
    expect(errorCodes(result)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
    expect(await rowCounts()).toEqual(before);
  });

  it("adds a teacher to the admin's own school, with its audit row", async () => {
    const before = await rowCounts();
    const result = await runOperation(definition, db, CREATE, {
      claims: ADMIN,
      variables: { input: input({ nuptk: '6471000100000999' }) },
    });
    expect(result.errors).toBeUndefined();
    const created = result.data?.createTeacher as { id: string };
    expect(result.data?.createTeacher).toEqual({ id: created.id, fullName: 'Siti Rahmawati', version: 1, school: { npsn: '64710001' } });
    expect(await db.sql('select full_name, nuptk, school_npsn, employment_status from teacher where id = ?', [created.id])).toEqual([
      { full_name: 'Siti Rahmawati', nuptk: '6471000100000999', school_npsn: '64710001', employment_status: 'GTT' },
    ]);
    expect(await db.sql('select actor_org, action, entity from audit_log where entity_id = ?', [created.id])).toEqual([
      { actor_org: 'school:64710001', action: 'createTeacher', entity: 'Teacher' },
    ]);
    expect(await rowCounts()).toEqual({ teachers: before.teachers + 1, audits: before.audits + 1 });
  });

  it("refuses another school's teacher as FORBIDDEN before reading the input", async () => {
    const result = await runOperation(definition, db, CREATE, {
      claims: ADMIN,
      variables: { input: input({ npsn: '64710002', nuptk: '1' }) },
    });
    expect(errorCodes(result).map((e) => e.code)).toEqual(['FORBIDDEN']);
  });
});
