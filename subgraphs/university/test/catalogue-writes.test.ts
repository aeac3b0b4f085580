import 'reflect-metadata';
import { DEMO_IDS } from '@mitra/fixtures';
import { todayWita } from '@mitra/kit';
import { createTestDatabase, errorCodes, runOperation, type TestDatabase } from '@mitra/kit/test-support';
import { overlaps } from '../src/entities/partnership-term';
import { seedDemo } from '../src/seeds/demo';
import { definition, entities, migrations } from '../src/subgraph';

/**
 * Issue 12: universities and training providers write their own catalogue.
 * Run on the subgraph's schema against a database of its own; the gateway's
 * answers (the schools partner's School) come from a table.
 */
const MULIA = { sub: 'admin-mulia', org: DEMO_IDS.university, roles: ['admin'] };
const LPD = { sub: 'admin-lpd', org: DEMO_IDS.lpdBanten, roles: ['admin'] };
const SCHOOL = '64710002';
const partners = { school: { [SCHOOL]: { npsn: SCHOOL }, '36040001': { npsn: '36040001' } } };

const CREATE_PROGRAM =
  'mutation ($input: TrainingProgramInput!) { createTrainingProgram(input: $input) { id code tier hours passMark provider { id } prerequisite { id } } }';
const ADD_MODULE =
  'mutation ($programId: ID!, $input: ModuleInput!) { addModule(programId: $programId, input: $input) { id title hours lecturer { id } } }';
const CREATE_LECTURER =
  'mutation ($input: LecturerInput!) { createLecturer(input: $input) { id fullName academicTitle expertise organization { id } } }';
const CREATE_PARTNERSHIP =
  'mutation ($input: PartnershipInput!) { createPartnership(input: $input) { id studyProgram signedOn validUntil provider { id } school { npsn } } }';

let db: TestDatabase;
let serial = 0;
const nextCode = () => `UT-${process.pid}-${++serial}`;

beforeAll(async () => {
  db = await createTestDatabase({ name: 'university', entities, migrations, seed: seedDemo });
});
afterAll(() => db?.close());

const counts = async () =>
  (
    await db.sql<Record<string, number>>(
      `select (select count(*)::int from training_program) as programs, (select count(*)::int from module) as modules,
        (select count(*)::int from lecturer) as lecturers, (select count(*)::int from partnership) as partnerships,
        (select count(*)::int from audit_log) as audits`,
    )
  )[0];

const run = (source: string, variables: Record<string, unknown>, claims: Record<string, unknown> = MULIA) =>
  runOperation(definition, db, source, { claims, partners, variables });

const program = (fields: Record<string, unknown> = {}) => ({
  code: nextCode(),
  title: 'Bimtek asesmen',
  tier: 'BASIC',
  hours: 40,
  ...fields,
});

async function refused(
  source: string,
  variables: Record<string, unknown>,
  code: string,
  field: string | undefined,
  claims: Record<string, unknown> = MULIA,
) {
  const before = await counts();
  const result = await run(source, variables, claims);
  expect(errorCodes(result)).toEqual([{ code, field }]);
  expect(await counts()).toEqual(before);
  return result;
}

describe('createTrainingProgram', () => {
  it("creates a program owned by the caller's organisation, with its audit row", async () => {
    const before = await counts();
    const input = program({ passMark: 70.5, code: 'UT-MULIA-A' });
    const result = await run(CREATE_PROGRAM, { input });
    expect(result.errors).toBeUndefined();
    const created = result.data?.createTrainingProgram as { id: string };
    expect(created).toEqual({
      id: expect.any(String),
      code: 'UT-MULIA-A',
      tier: 'BASIC',
      hours: 40,
      passMark: 70.5,
      provider: { id: DEMO_IDS.university },
      prerequisite: null,
    });
    expect(await db.sql('select provider_org, pass_mark from training_program where id = ?', [created.id])).toEqual([
      { provider_org: DEMO_IDS.university, pass_mark: '70.50' },
    ]);
    expect(await db.sql('select actor_org, action, entity from audit_log where entity_id = ?', [created.id])).toEqual([
      { actor_org: DEMO_IDS.university, action: 'createTrainingProgram', entity: 'TrainingProgram' },
    ]);
    expect(await counts()).toEqual({ ...before, programs: before.programs + 1, audits: before.audits + 1 });
  });

  it("takes a lower tier of the provider's own ladder as prerequisite", async () => {
    const result = await run(CREATE_PROGRAM, { input: program({ tier: 'INTERMEDIATE', prerequisiteId: DEMO_IDS.programs.lpdBasic }) }, LPD);
    expect(result.errors).toBeUndefined();
    expect(result.data?.createTrainingProgram).toMatchObject({
      provider: { id: DEMO_IDS.lpdBanten },
      prerequisite: { id: DEMO_IDS.programs.lpdBasic },
    });
  });

  it.each([
    ['a blank code', { code: '   ' }, 'input.code'],
    ['a code with spaces', { code: 'DB PAUD 09' }, 'input.code'],
    ['a code in small letters', { code: 'db-paud-09' }, 'input.code'],
    ['a code of 41 characters', { code: 'A'.repeat(41) }, 'input.code'],
    ['a blank title', { title: ' \t ' }, 'input.title'],
    ['a title of 201 characters', { title: 'x'.repeat(201) }, 'input.title'],
    ['a title with a control character', { title: 'Bimtek\u0007' }, 'input.title'],
    ['no hours', { hours: 0 }, 'input.hours'],
    ['negative hours', { hours: -8 }, 'input.hours'],
    ['1001 hours', { hours: 1001 }, 'input.hours'],
    ['a pass mark above 100', { passMark: 100.5 }, 'input.passMark'],
    ['a negative pass mark', { passMark: -1 }, 'input.passMark'],
    ['a pass mark finer than hundredths', { passMark: 70.125 }, 'input.passMark'],
    ['a prerequisite id that is no id', { tier: 'INTERMEDIATE', prerequisiteId: 'DB-PAUD-01' }, 'input.prerequisiteId'],
    [
      "another provider's program as prerequisite",
      { tier: 'INTERMEDIATE', prerequisiteId: DEMO_IDS.programs.lpdBasic },
      'input.prerequisiteId',
    ],
    ['a prerequisite of the same tier', { tier: 'INTERMEDIATE', prerequisiteId: DEMO_IDS.programs.intermediate }, 'input.prerequisiteId'],
    ['a prerequisite of a higher tier', { tier: 'BASIC', prerequisiteId: DEMO_IDS.programs.advanced }, 'input.prerequisiteId'],
  ])('refuses %s as BAD_USER_INPUT naming the field, writing nothing', async (_what, fields, field) => {
    await refused(CREATE_PROGRAM, { input: program(fields) }, 'BAD_USER_INPUT', field);
  });

  it('is NOT_FOUND for a prerequisite the hub does not hold', async () => {
    const result = await refused(
      CREATE_PROGRAM,
      { input: program({ tier: 'ADVANCED', prerequisiteId: '00000000-0000-4000-8000-00000000dead' }) },
      'NOT_FOUND',
      'input.prerequisiteId',
    );
    expect(result.errors?.[0].message).toBe('TrainingProgram "00000000-0000-4000-8000-00000000dead" does not exist');
  });

  it('refuses a code that is taken, writing nothing (the unique index; the server words it as CONFLICT)', async () => {
    const before = await counts();
    const result = await run(CREATE_PROGRAM, { input: program({ code: 'DB-PAUD-01' }) });
    expect(result.errors).toHaveLength(1);
    expect(await counts()).toEqual(before);
  });
});

describe('addModule', () => {
  let programId: string;
  beforeAll(async () => {
    const result = await run(CREATE_PROGRAM, { input: program({ hours: 30 }) });
    programId = (result.data?.createTrainingProgram as { id: string }).id;
  });

  it('appends modules in order, with their audit rows', async () => {
    const first = await run(ADD_MODULE, {
      programId,
      input: { title: 'Konsep dasar', hours: 10, lecturerId: DEMO_IDS.lecturers.practice },
    });
    const second = await run(ADD_MODULE, { programId, input: { title: 'Praktik', hours: 20 } });
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    expect(await db.sql('select position, title, hours from module where program_id = ? order by position', [programId])).toEqual([
      { position: 1, title: 'Konsep dasar', hours: 10 },
      { position: 2, title: 'Praktik', hours: 20 },
    ]);
    const id = (second.data?.addModule as { id: string }).id;
    expect(await db.sql('select action, details from audit_log where entity_id = ?', [id])).toEqual([
      { action: 'addModule', details: { programId, position: 2, hours: 20, lecturerId: null } },
    ]);
  });

  it("refuses hours beyond the program's, naming input.hours, writing nothing", async () => {
    const result = await refused(ADD_MODULE, { programId, input: { title: 'Tambahan', hours: 1 } }, 'BAD_USER_INPUT', 'input.hours');
    expect(result.errors?.[0].message).toMatch(/to 31 hours, more than its 30 \(0 left\)$/);
  });

  it.each([
    ['a blank title', { title: '' }, 'input.title'],
    ['no hours', { hours: 0 }, 'input.hours'],
    ['a lecturer id that is no id', { lecturerId: 'dosen-1' }, 'input.lecturerId'],
    ["another organisation's lecturer", { lecturerId: DEMO_IDS.lecturers.lpdLead }, 'input.lecturerId'],
  ])('refuses %s as BAD_USER_INPUT naming the field, writing nothing', async (_what, fields, field) => {
    await refused(ADD_MODULE, { programId, input: { title: 'Modul', hours: 1, ...fields } }, 'BAD_USER_INPUT', field);
  });

  it('is NOT_FOUND for a program or a lecturer the hub does not hold', async () => {
    const unknown = '00000000-0000-4000-8000-00000000dead';
    await refused(ADD_MODULE, { programId: unknown, input: { title: 'Modul', hours: 1 } }, 'NOT_FOUND', 'programId');
    await refused(ADD_MODULE, { programId, input: { title: 'Modul', hours: 1, lecturerId: unknown } }, 'NOT_FOUND', 'input.lecturerId');
  });

  it("is FORBIDDEN on another organisation's program, naming its owner, before the input is read", async () => {
    const result = await refused(ADD_MODULE, { programId, input: { title: '', hours: 0 } }, 'FORBIDDEN', undefined, LPD);
    expect(result.errors?.[0].message).toBe(
      `Mutation.addModule: ${DEMO_IDS.lpdBanten} may write only its own rows, not those of ${DEMO_IDS.university}`,
    );
  });
});

describe('createLecturer', () => {
  it("creates a lecturer of the caller's organisation, expertise trimmed", async () => {
    const result = await run(
      CREATE_LECTURER,
      { input: { fullName: '  Rina   Marlina ', academicTitle: 'M.Pd.', expertise: [' Asesmen PAUD ', 'Bermain'] } },
      LPD,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.createLecturer).toEqual({
      id: expect.any(String),
      fullName: 'Rina Marlina',
      academicTitle: 'M.Pd.',
      expertise: ['Asesmen PAUD', 'Bermain'],
      organization: { id: DEMO_IDS.lpdBanten },
    });
  });

  it.each([
    ['a blank name', { fullName: '  ' }, 'input.fullName'],
    ['a name of 151 characters', { fullName: 'n'.repeat(151) }, 'input.fullName'],
    ['a blank academic title', { academicTitle: ' ' }, 'input.academicTitle'],
    ['an academic title of 61 characters', { academicTitle: 't'.repeat(61) }, 'input.academicTitle'],
    ['a blank area of expertise', { expertise: ['Bermain', ''] }, 'input.expertise'],
    ['an area of expertise twice', { expertise: ['Bermain', 'bermain'] }, 'input.expertise'],
    ['21 areas of expertise', { expertise: Array.from({ length: 21 }, (_, i) => `Bidang ${i}`) }, 'input.expertise'],
  ])('refuses %s as BAD_USER_INPUT naming the field, writing nothing', async (_what, fields, field) => {
    await refused(CREATE_LECTURER, { input: { fullName: 'Rina Marlina', ...fields } }, 'BAD_USER_INPUT', field);
  });
});

describe('createPartnership', () => {
  const input = (fields: Record<string, unknown> = {}) => ({
    npsn: SCHOOL,
    studyProgram: 'Prodi PAUD Universitas Mulia',
    signedOn: '2024-01-10',
    validUntil: '2026-01-09',
    ...fields,
  });

  it("records an agreement of the caller's organisation with a school the schools partner knows", async () => {
    const result = await run(CREATE_PARTNERSHIP, { input: input() });
    expect(result.errors).toBeUndefined();
    expect(result.data?.createPartnership).toEqual({
      id: expect.any(String),
      studyProgram: 'Prodi PAUD Universitas Mulia',
      signedOn: '2024-01-10',
      validUntil: '2026-01-09',
      provider: { id: DEMO_IDS.university },
      school: { npsn: SCHOOL },
    });
  });

  it('takes a renewal that starts after the last one ends, and another provider at the same time', async () => {
    expect((await run(CREATE_PARTNERSHIP, { input: input({ signedOn: '2026-01-10', validUntil: null }) })).errors).toBeUndefined();
    expect((await run(CREATE_PARTNERSHIP, { input: input({ studyProgram: 'LPD Banten' }) }, LPD)).errors).toBeUndefined();
  });

  it.each([
    ['an overlapping agreement', { signedOn: '2025-06-01', validUntil: '2025-12-31' }],
    ['one that ends on the day the other starts', { signedOn: '2023-01-10', validUntil: '2024-01-10' }],
    ['an open-ended one after an open-ended one', { signedOn: '2026-06-01', validUntil: null }],
  ])('refuses %s with the same school as CONFLICT naming input.npsn', async (_what, fields) => {
    await refused(CREATE_PARTNERSHIP, { input: input(fields) }, 'CONFLICT', 'input.npsn');
  });

  it.each([
    ['an NPSN of 7 digits', { npsn: '6471000' }, 'input.npsn'],
    ['an NPSN with letters', { npsn: '6471000A' }, 'input.npsn'],
    ['a blank study program', { studyProgram: ' ' }, 'input.studyProgram'],
    ['a study program of 201 characters', { studyProgram: 'p'.repeat(201) }, 'input.studyProgram'],
    ['an agreement signed tomorrow', { signedOn: '2999-01-01', validUntil: null }, 'input.signedOn'],
    ['an agreement signed in 1999', { signedOn: '1999-12-31', validUntil: null }, 'input.signedOn'],
    ['an end before the signing', { signedOn: '2020-01-10', validUntil: '2020-01-09' }, 'input.validUntil'],
    ['an end on the day of the signing', { signedOn: '2020-01-10', validUntil: '2020-01-10' }, 'input.validUntil'],
    ['an end more than 10 years on', { signedOn: '2020-01-10', validUntil: '2030-01-11' }, 'input.validUntil'],
  ])('refuses %s as BAD_USER_INPUT naming the field, writing nothing', async (_what, fields, field) => {
    await refused(CREATE_PARTNERSHIP, { input: input({ npsn: '36040001', ...fields }) }, 'BAD_USER_INPUT', field);
  });

  it('is NOT_FOUND for a school the schools partner does not know', async () => {
    await refused(CREATE_PARTNERSHIP, { input: input({ npsn: '99999999' }) }, 'NOT_FOUND', 'input.npsn');
  });

  it('signedOn today is a day that has come', async () => {
    const result = await run(CREATE_PARTNERSHIP, { input: input({ npsn: '36040001', signedOn: todayWita(), validUntil: null }) });
    expect(result.errors).toBeUndefined();
  });
});

describe('School.partnership with several agreements', () => {
  const UNTIRTA = { sub: 'admin-untirta', org: DEMO_IDS.universityUntirta, roles: ['admin'] };
  const NPSN = '64710004';
  const SCHOOL_PARTNERSHIP = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on School { partnership { signedOn provider { id } } } } }`;

  it('is the one in force (the latest signed of them), not a later one that has ended', async () => {
    const sign = async (claims: Record<string, unknown>, signedOn: string, validUntil: string | null) => {
      const variables = { input: { npsn: NPSN, studyProgram: 'Prodi PAUD', signedOn, validUntil } };
      const result = await runOperation(definition, db, CREATE_PARTNERSHIP, {
        claims,
        variables,
        partners: { school: { [NPSN]: { npsn: NPSN } } },
      });
      expect(result.errors).toBeUndefined();
    };
    await sign(MULIA, '2020-01-01', '2021-12-31');
    await sign(LPD, '2022-01-01', null);
    await sign(UNTIRTA, '2023-01-01', null);
    await sign(MULIA, '2024-01-01', '2024-12-31');
    const result = await runOperation(definition, db, SCHOOL_PARTNERSHIP, {
      claims: MULIA,
      variables: { r: [{ __typename: 'School', npsn: NPSN }] },
    });
    expect(result.data?._entities).toEqual([{ partnership: { signedOn: '2023-01-01', provider: { id: DEMO_IDS.universityUntirta } } }]);
  });

  it('overlap counts both ends and open ends', () => {
    expect(overlaps({ signedOn: '2020-01-01', validUntil: '2020-12-31' }, { signedOn: '2020-12-31', validUntil: null })).toBe(true);
    expect(overlaps({ signedOn: '2020-01-01', validUntil: '2020-12-31' }, { signedOn: '2021-01-01', validUntil: null })).toBe(false);
    expect(overlaps({ signedOn: '2020-01-01', validUntil: null }, { signedOn: '2019-01-01', validUntil: '2019-12-31' })).toBe(false);
    expect(overlaps({ signedOn: '2020-01-01', validUntil: null }, { signedOn: '2030-01-01', validUntil: null })).toBe(true);
  });
});
