import { buildDemoWorld, DEMO_IDS } from '@mitra/fixtures';
import { expectNoErrors, gql } from '../harness/client';
import { auditOf, rowCounts, sql } from '../harness/db';
import { hubUrls } from '../harness/env';
import { CALLERS, tokenFor, type TokenSpec } from '../harness/tokens';
import { UNKNOWN_ID, dayFromToday, expectNothingWritten } from '../harness/writes';

/**
 * Issue 12, university: universities and training providers write their own
 * catalogue (programs, modules, lecturers, partnerships with schools). The
 * new row belongs to the caller's organisation; another organisation's
 * program is FORBIDDEN naming its owner, through the gateway and at the
 * subgraph directly. Only `id` of an Organization is selected: its other
 * fields are the schools partner's. The rows made here are deleted
 * afterwards (their audit rows stay, as every write test's do).
 */

const TABLES = ['training_program', 'module', 'lecturer', 'partnership', 'audit_log'];
const MULIA = DEMO_IDS.university;
const UNTIRTA = DEMO_IDS.universityUntirta;
const LPD = DEMO_IDS.lpdBanten;

const CREATE_PROGRAM = `mutation($input: TrainingProgramInput!) { createTrainingProgram(input: $input) {
  id code title tier hours passMark provider { id } prerequisite { id tier } modules { id }
} }`;
const ADD_MODULE = `mutation($programId: ID!, $input: ModuleInput!) { addModule(programId: $programId, input: $input) {
  id title hours lecturer { id organization { id } }
} }`;
const CREATE_LECTURER = `mutation($input: LecturerInput!) { createLecturer(input: $input) {
  id fullName academicTitle expertise organization { id }
} }`;
const CREATE_PARTNERSHIP = `mutation($input: PartnershipInput!) { createPartnership(input: $input) {
  id studyProgram signedOn validUntil active provider { id } school { npsn name }
} }`;

const admins: Record<string, string> = {};
const created = { programs: [] as string[], lecturers: [] as string[], partnerships: [] as string[] };
let serial = 0;
/** A program code no demo program and no other run of this file has. */
const freshCode = (): string => `E2E-${Date.now().toString(36).toUpperCase()}-${++serial}`;

beforeAll(async () => {
  for (const org of [MULIA, UNTIRTA, LPD]) admins[org] = await tokenFor({ org, roles: ['admin'], sub: `catalogue-test:${org}` });
});

afterAll(async () => {
  // Modules go with their program (on delete cascade); one statement takes a program and the one it requires.
  if (created.programs.length) await sql('university', 'delete from training_program where id = any($1::uuid[])', [created.programs]);
  if (created.lecturers.length) await sql('university', 'delete from lecturer where id = any($1::uuid[])', [created.lecturers]);
  if (created.partnerships.length) await sql('university', 'delete from partnership where id = any($1::uuid[])', [created.partnerships]);
});

const programInput = (overrides: Record<string, unknown> = {}) => ({
  code: freshCode(),
  title: 'Bimbingan Teknis Asesmen Perkembangan Anak',
  tier: 'BASIC',
  hours: 40,
  passMark: 70,
  ...overrides,
});

async function createProgram(org: string, overrides: Record<string, unknown> = {}): Promise<{ id: string; code: string }> {
  const { body } = await gql(CREATE_PROGRAM, { input: programInput(overrides) }, { token: admins[org] });
  expectNoErrors(body);
  created.programs.push(body.data.createTrainingProgram.id);
  return body.data.createTrainingProgram;
}

async function createLecturer(org: string): Promise<string> {
  const { body } = await gql(CREATE_LECTURER, { input: { fullName: 'Dewi Lestari', academicTitle: 'M.Pd.' } }, { token: admins[org] });
  expectNoErrors(body);
  created.lecturers.push(body.data.createLecturer.id);
  return body.data.createLecturer.id;
}

describe.each([
  ['Universitas Mulia', MULIA],
  ['a second university (Untirta)', UNTIRTA],
  ['a training provider (LPD Banten)', LPD],
])("%s's admin writes its own catalogue", (_who, org) => {
  it('createTrainingProgram: the program is its own, with its audit row, and reads back through the gateway', async () => {
    const before = await rowCounts('university', TABLES);
    const input = programInput();
    const { body } = await gql(CREATE_PROGRAM, { input }, { token: admins[org] });
    expectNoErrors(body);
    const program = body.data.createTrainingProgram;
    created.programs.push(program.id);
    expect(program).toEqual({
      id: expect.any(String),
      code: input.code,
      title: input.title,
      tier: 'BASIC',
      hours: 40,
      passMark: 70,
      provider: { id: org },
      prerequisite: null,
      modules: [],
    });
    expect(await rowCounts('university', TABLES)).toEqual({
      ...before,
      training_program: before.training_program + 1,
      audit_log: before.audit_log + 1,
    });
    const [audit] = await auditOf('university', program.id);
    expect(audit).toMatchObject({
      actor_sub: `catalogue-test:${org}`,
      actor_org: org,
      action: 'createTrainingProgram',
      entity: 'TrainingProgram',
      details: { code: input.code, tier: 'BASIC', hours: 40, prerequisiteId: null, passMark: 70 },
    });

    const read = await gql('query($id: ID!) { trainingProgram(id: $id) { id provider { id } passMark } }', { id: program.id });
    expectNoErrors(read.body);
    expect(read.body.data.trainingProgram).toEqual({ id: program.id, provider: { id: org }, passMark: 70 });
  });

  it('createTrainingProgram: a higher tier requires one of its own lower ones', async () => {
    const basic = await createProgram(org, { passMark: null });
    const inter = await createProgram(org, { tier: 'INTERMEDIATE', hours: 60, prerequisiteId: basic.id, passMark: 72.5 });
    const { body } = await gql('query($id: ID!) { trainingProgram(id: $id) { tier passMark prerequisite { id provider { id } } } }', {
      id: inter.id,
    });
    expectNoErrors(body);
    expect(body.data.trainingProgram).toEqual({
      tier: 'INTERMEDIATE',
      passMark: 72.5,
      prerequisite: { id: basic.id, provider: { id: org } },
    });
  });

  it('createLecturer and addModule: modules are appended, taught by its own lecturers', async () => {
    const before = await rowCounts('university', TABLES);
    const { body } = await gql(
      CREATE_LECTURER,
      { input: { fullName: ' Nur  Aini ', academicTitle: 'S.Pd., M.Pd.', expertise: ['Asesmen PAUD', ' Bermain '] } },
      { token: admins[org] },
    );
    expectNoErrors(body);
    const lecturer = body.data.createLecturer;
    created.lecturers.push(lecturer.id);
    expect(lecturer).toEqual({
      id: expect.any(String),
      fullName: 'Nur Aini',
      academicTitle: 'S.Pd., M.Pd.',
      expertise: ['Asesmen PAUD', 'Bermain'],
      organization: { id: org },
    });
    expect(await auditOf('university', lecturer.id)).toEqual([
      expect.objectContaining({ actor_org: org, action: 'createLecturer', details: { withAcademicTitle: true, expertise: 2 } }),
    ]);

    const program = await createProgram(org, { hours: 30 });
    const first = await gql(
      ADD_MODULE,
      { programId: program.id, input: { title: 'Konsep asesmen', hours: 12, lecturerId: lecturer.id } },
      {
        token: admins[org],
      },
    );
    expectNoErrors(first.body);
    expect(first.body.data.addModule).toEqual({
      id: expect.any(String),
      title: 'Konsep asesmen',
      hours: 12,
      lecturer: { id: lecturer.id, organization: { id: org } },
    });
    const second = await gql(ADD_MODULE, { programId: program.id, input: { title: 'Praktik asesmen', hours: 18 } }, { token: admins[org] });
    expectNoErrors(second.body);
    expect(await auditOf('university', second.body.data.addModule.id)).toEqual([
      expect.objectContaining({
        actor_org: org,
        action: 'addModule',
        entity: 'Module',
        details: { programId: program.id, position: 2, hours: 18, lecturerId: null },
      }),
    ]);
    // 1 lecturer, 1 program, 2 modules, each with its audit row.
    expect(await rowCounts('university', TABLES)).toEqual({
      ...before,
      lecturer: before.lecturer + 1,
      training_program: before.training_program + 1,
      module: before.module + 2,
      audit_log: before.audit_log + 4,
    });

    const read = await gql(
      `query($id: ID!) { trainingProgram(id: $id) { hours modules { title hours lecturer { id } } }
        lecturers { id organization { id } } }`,
      { id: program.id },
    );
    expectNoErrors(read.body);
    expect(read.body.data.trainingProgram).toEqual({
      hours: 30,
      modules: [
        { title: 'Konsep asesmen', hours: 12, lecturer: { id: lecturer.id } },
        { title: 'Praktik asesmen', hours: 18, lecturer: null },
      ],
    });
    expect(read.body.data.lecturers).toContainEqual({ id: lecturer.id, organization: { id: org } });
  });
});

describe('read-back of the demo catalogue', () => {
  it('every lecturer names the organisation it works for', async () => {
    const { body } = await gql('{ lecturers { id organization { id } } }');
    expectNoErrors(body);
    const demo = new Map<string, { id: string }>(
      body.data.lecturers.map((l: { id: string; organization: { id: string } }) => [l.id, l.organization]),
    );
    expect(demo.get(DEMO_IDS.lecturers.practice)).toEqual({ id: MULIA });
    expect(demo.get(DEMO_IDS.lecturers.lpdLead)).toEqual({ id: LPD });
    expect(demo.get(DEMO_IDS.lecturers.lpdPractice)).toEqual({ id: LPD });
  });

  it("every program names its provider; LPD Banten's ladder is its own", async () => {
    const { body } = await gql(
      'query($a: ID!, $b: ID!) { a: trainingProgram(id: $a) { provider { id } passMark } b: trainingProgram(id: $b) { provider { id } prerequisite { provider { id } } } }',
      {
        a: DEMO_IDS.programs.basic,
        b: DEMO_IDS.programs.lpdIntermediate,
      },
    );
    expectNoErrors(body);
    expect(body.data).toEqual({
      // The pass mark the demo's assessments were judged by.
      a: { provider: { id: MULIA }, passMark: buildDemoWorld().programs.find((p) => p.id === DEMO_IDS.programs.basic)!.passMark },
      b: { provider: { id: LPD }, prerequisite: { provider: { id: LPD } } },
    });
  });
});

describe('createPartnership', () => {
  const input = (overrides: Record<string, unknown> = {}) => ({
    npsn: '64710002',
    studyProgram: 'Prodi PAUD Universitas Mulia',
    signedOn: dayFromToday(-30),
    validUntil: null,
    ...overrides,
  });

  it.each([
    [MULIA, '64710002'],
    [UNTIRTA, '64720001'],
    // Untirta already has an agreement with TK Kartini Serang: another provider's is no conflict.
    [LPD, '36040001'],
  ])('%s records an agreement with school %s (checked with the schools partner), read back from the school', async (org, npsn) => {
    const before = await rowCounts('university', TABLES);
    const { body } = await gql(CREATE_PARTNERSHIP, { input: input({ npsn, validUntil: dayFromToday(365) }) }, { token: admins[org] });
    expectNoErrors(body);
    const p = body.data.createPartnership;
    created.partnerships.push(p.id);
    expect(p).toEqual({
      id: expect.any(String),
      studyProgram: 'Prodi PAUD Universitas Mulia',
      signedOn: dayFromToday(-30),
      validUntil: dayFromToday(365),
      active: true,
      provider: { id: org },
      school: { npsn, name: expect.any(String) },
    });
    expect(await rowCounts('university', TABLES)).toEqual({
      ...before,
      partnership: before.partnership + 1,
      audit_log: before.audit_log + 1,
    });
    expect(await auditOf('university', p.id)).toEqual([
      expect.objectContaining({
        actor_org: org,
        action: 'createPartnership',
        entity: 'Partnership',
        details: { npsn, signedOn: dayFromToday(-30), validUntil: dayFromToday(365) },
      }),
    ]);
  });

  it("the school's partnership is the one in force, the most recently signed of them", async () => {
    // TK Kartini Serang: Untirta's (signed 2024-02-01, in force) and LPD Banten's (signed 30 days ago).
    const { body } = await gql('{ school(npsn: "36040001") { partnership { signedOn provider { id } school { npsn } } } }', undefined, {
      token: admins[MULIA],
    });
    expectNoErrors(body);
    expect(body.data.school.partnership).toEqual({ signedOn: dayFromToday(-30), provider: { id: LPD }, school: { npsn: '36040001' } });
  });

  it('refuses a second agreement of the same provider with the same school for overlapping days as CONFLICT naming input.npsn', async () => {
    const body = await expectNothingWritten(
      'university',
      TABLES,
      () =>
        gql(
          CREATE_PARTNERSHIP,
          { input: input({ signedOn: dayFromToday(-400), validUntil: dayFromToday(-30) }) },
          { token: admins[MULIA] },
        ),
      'CONFLICT',
      'input.npsn',
    );
    expect(body.errors[0].message).toContain(`${MULIA} already has a partnership with school 64710002 from ${dayFromToday(-30)}`);
  });

  it('refuses an agreement of Untirta overlapping its demo one as CONFLICT naming input.npsn', async () => {
    const body = await expectNothingWritten(
      'university',
      TABLES,
      () =>
        gql(
          CREATE_PARTNERSHIP,
          { input: input({ npsn: '36040001', signedOn: '2025-01-01', validUntil: null }) },
          { token: admins[UNTIRTA] },
        ),
      'CONFLICT',
      'input.npsn',
    );
    expect(body.errors[0].message).toContain(`${UNTIRTA} already has a partnership with school 36040001 from 2024-02-01 to 2029-01-31`);
  });

  it('is NOT_FOUND naming input.npsn for a school the schools partner does not know', async () => {
    await expectNothingWritten(
      'university',
      TABLES,
      () => gql(CREATE_PARTNERSHIP, { input: input({ npsn: '99999999' }) }, { token: admins[MULIA] }),
      'NOT_FOUND',
      'input.npsn',
    );
  });

  it('checks the school through the gateway even when the subgraph is reached directly', async () => {
    const url = hubUrls().subgraphs.university;
    const direct = 'mutation($input: PartnershipInput!) { createPartnership(input: $input) { id provider { id } } }';
    await expectNothingWritten(
      'university',
      TABLES,
      () => gql(direct, { input: input({ npsn: '99999999' }) }, { token: admins[MULIA], url }),
      'NOT_FOUND',
      'input.npsn',
    );
  });
});

describe('bad input: BAD_USER_INPUT naming the field, nothing written', () => {
  let programId: string;
  let otherLecturer: string;
  beforeAll(async () => {
    programId = (await createProgram(MULIA, { hours: 20 })).id;
    otherLecturer = await createLecturer(LPD);
  });

  const PROGRAM: Array<[string, Record<string, unknown>, string]> = [
    ['a blank code', { code: '  ' }, 'input.code'],
    ['a code with spaces', { code: 'DB PAUD 09' }, 'input.code'],
    ['a code in small letters', { code: 'db-paud-09' }, 'input.code'],
    ['a code of 41 characters', { code: 'A'.repeat(41) }, 'input.code'],
    ['a blank title', { title: ' ' }, 'input.title'],
    ['a title of 201 characters', { title: 't'.repeat(201) }, 'input.title'],
    ['no hours', { hours: 0 }, 'input.hours'],
    ['negative hours', { hours: -40 }, 'input.hours'],
    ['1001 hours', { hours: 1001 }, 'input.hours'],
    ['a pass mark above 100', { passMark: 100.01 }, 'input.passMark'],
    ['a negative pass mark', { passMark: -0.5 }, 'input.passMark'],
    ['a pass mark finer than hundredths', { passMark: 70.001 }, 'input.passMark'],
    ['a prerequisite id that is no id', { tier: 'INTERMEDIATE', prerequisiteId: 'DB-PAUD-01' }, 'input.prerequisiteId'],
    [
      "another provider's program as prerequisite",
      { tier: 'INTERMEDIATE', prerequisiteId: DEMO_IDS.programs.lpdBasic },
      'input.prerequisiteId',
    ],
    ['a prerequisite of the same tier', { tier: 'INTERMEDIATE', prerequisiteId: DEMO_IDS.programs.intermediate }, 'input.prerequisiteId'],
    ['a prerequisite of a higher tier', { tier: 'BASIC', prerequisiteId: DEMO_IDS.programs.intermediate }, 'input.prerequisiteId'],
  ];
  it.each(PROGRAM)('createTrainingProgram refuses %s', async (_what, overrides, field) => {
    await expectNothingWritten(
      'university',
      TABLES,
      () => gql(CREATE_PROGRAM, { input: programInput(overrides) }, { token: admins[MULIA] }),
      'BAD_USER_INPUT',
      field,
    );
  });

  it('createTrainingProgram refuses a tier that is none (the schema refuses it), writing nothing', async () => {
    const before = await rowCounts('university', TABLES);
    const { body } = await gql(CREATE_PROGRAM, { input: programInput({ tier: 'EXPERT' }) }, { token: admins[MULIA] });
    expect(body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors[0].message).toContain('EXPERT');
    expect(await rowCounts('university', TABLES)).toEqual(before);
  });

  it('createTrainingProgram refuses a code that is taken as CONFLICT naming input.code', async () => {
    const body = await expectNothingWritten(
      'university',
      TABLES,
      () => gql(CREATE_PROGRAM, { input: programInput({ code: 'DB-PAUD-01' }) }, { token: admins[LPD] }),
      'CONFLICT',
      'input.code',
    );
    expect(body.errors[0].message).toBe('input.code: another training program already has this code');
  });

  it('createTrainingProgram is NOT_FOUND naming input.prerequisiteId for a program the hub does not hold', async () => {
    await expectNothingWritten(
      'university',
      TABLES,
      () => gql(CREATE_PROGRAM, { input: programInput({ tier: 'ADVANCED', prerequisiteId: UNKNOWN_ID }) }, { token: admins[MULIA] }),
      'NOT_FOUND',
      'input.prerequisiteId',
    );
  });

  const MODULE: Array<[string, Record<string, unknown>, string]> = [
    ['a blank title', { title: '\t' }, 'input.title'],
    ['a title of 201 characters', { title: 'm'.repeat(201) }, 'input.title'],
    ['no hours', { hours: 0 }, 'input.hours'],
    ["hours beyond the program's 20", { hours: 21 }, 'input.hours'],
    ['a lecturer id that is no id', { lecturerId: 'dosen-1' }, 'input.lecturerId'],
    ["another organisation's lecturer", { lecturerId: DEMO_IDS.lecturers.lpdLead }, 'input.lecturerId'],
  ];
  it.each(MODULE)('addModule refuses %s', async (_what, overrides, field) => {
    await expectNothingWritten(
      'university',
      TABLES,
      () => gql(ADD_MODULE, { programId, input: { title: 'Modul', hours: 5, ...overrides } }, { token: admins[MULIA] }),
      'BAD_USER_INPUT',
      field,
    );
  });

  it('addModule refuses a lecturer that another organisation created', async () => {
    const body = await expectNothingWritten(
      'university',
      TABLES,
      () => gql(ADD_MODULE, { programId, input: { title: 'Modul', hours: 5, lecturerId: otherLecturer } }, { token: admins[MULIA] }),
      'BAD_USER_INPUT',
      'input.lecturerId',
    );
    expect(body.errors[0].message).toBe(
      `input.lecturerId: works for ${LPD}; a module of ${MULIA}'s program is taught by its own lecturers`,
    );
  });

  it('addModule is NOT_FOUND for a program or a lecturer the hub does not hold', async () => {
    await expectNothingWritten(
      'university',
      TABLES,
      () => gql(ADD_MODULE, { programId: UNKNOWN_ID, input: { title: 'Modul', hours: 5 } }, { token: admins[MULIA] }),
      'NOT_FOUND',
      'programId',
    );
    await expectNothingWritten(
      'university',
      TABLES,
      () => gql(ADD_MODULE, { programId, input: { title: 'Modul', hours: 5, lecturerId: UNKNOWN_ID } }, { token: admins[MULIA] }),
      'NOT_FOUND',
      'input.lecturerId',
    );
  });

  const LECTURER: Array<[string, Record<string, unknown>, string]> = [
    ['a blank name', { fullName: '   ' }, 'input.fullName'],
    ['a name of 151 characters', { fullName: 'n'.repeat(151) }, 'input.fullName'],
    ['a name with a control character', { fullName: 'Dewi\u0007Lestari' }, 'input.fullName'],
    ['a blank academic title', { academicTitle: '' }, 'input.academicTitle'],
    ['an academic title of 61 characters', { academicTitle: 'a'.repeat(61) }, 'input.academicTitle'],
    ['a blank area of expertise', { expertise: ['Bermain', ' '] }, 'input.expertise'],
    ['an area of expertise twice', { expertise: ['Bermain', 'BERMAIN'] }, 'input.expertise'],
    ['21 areas of expertise', { expertise: Array.from({ length: 21 }, (_, i) => `Bidang ${i + 1}`) }, 'input.expertise'],
  ];
  it.each(LECTURER)('createLecturer refuses %s', async (_what, overrides, field) => {
    await expectNothingWritten(
      'university',
      TABLES,
      () => gql(CREATE_LECTURER, { input: { fullName: 'Dewi Lestari', ...overrides } }, { token: admins[LPD] }),
      'BAD_USER_INPUT',
      field,
    );
  });

  const PARTNERSHIP: Array<[string, Record<string, unknown>, string]> = [
    ['an NPSN of 7 digits', { npsn: '6471000' }, 'input.npsn'],
    ['an NPSN with letters', { npsn: '6471O001' }, 'input.npsn'],
    ['a blank study program', { studyProgram: ' ' }, 'input.studyProgram'],
    ['a study program of 201 characters', { studyProgram: 's'.repeat(201) }, 'input.studyProgram'],
    ['an agreement signed tomorrow', { signedOn: dayFromToday(1) }, 'input.signedOn'],
    ['an agreement signed in 1999', { signedOn: '1999-12-31' }, 'input.signedOn'],
    ['an end before the signing', { signedOn: '2025-03-01', validUntil: '2025-02-28' }, 'input.validUntil'],
    ['an end on the day of the signing', { signedOn: '2025-03-01', validUntil: '2025-03-01' }, 'input.validUntil'],
    ['an end more than 10 years on', { signedOn: '2025-03-01', validUntil: '2035-03-02' }, 'input.validUntil'],
  ];
  it.each(PARTNERSHIP)('createPartnership refuses %s', async (_what, overrides, field) => {
    const input = { npsn: '64710004', studyProgram: 'Prodi PAUD', signedOn: '2025-03-01', validUntil: null, ...overrides };
    await expectNothingWritten(
      'university',
      TABLES,
      () => gql(CREATE_PARTNERSHIP, { input }, { token: admins[MULIA] }),
      'BAD_USER_INPUT',
      field,
    );
  });
});

describe("addModule on another organisation's program", () => {
  // Only the university's own fields, so that the document is valid at its subgraph too.
  const ADD = 'mutation($programId: ID!, $input: ModuleInput!) { addModule(programId: $programId, input: $input) { id } }';
  const CASES: Array<[string, string, string]> = [
    [LPD, MULIA, DEMO_IDS.programs.basic],
    [UNTIRTA, MULIA, DEMO_IDS.programs.advanced],
    [MULIA, LPD, DEMO_IDS.programs.lpdBasic],
    [UNTIRTA, LPD, DEMO_IDS.programs.lpdIntermediate],
  ];

  describe.each([
    ['the gateway', () => hubUrls().gateway],
    ["the university's subgraph directly", () => hubUrls().subgraphs.university],
  ])('through %s', (_via, url) => {
    it.each(CASES)('%s on a program of %s is FORBIDDEN naming the owner, nothing written', async (caller, owner, programId) => {
      const body = await expectNothingWritten(
        'university',
        TABLES,
        // The input is bad too: who may is decided before what is asked.
        () => gql(ADD, { programId, input: { title: '', hours: 0 } }, { url: url(), token: admins[caller] }),
        'FORBIDDEN',
      );
      expect(body.errors[0].message).toBe(`Mutation.addModule: ${caller} may write only its own rows, not those of ${owner}`);
    });
  });
});

describe('who may write the catalogue', () => {
  const WRITES: Array<[string, string, () => Record<string, unknown>]> = [
    ['createTrainingProgram', CREATE_PROGRAM, () => ({ input: programInput() })],
    ['addModule', ADD_MODULE, () => ({ programId: DEMO_IDS.programs.basic, input: { title: 'Modul', hours: 1 } })],
    ['createLecturer', CREATE_LECTURER, () => ({ input: { fullName: 'Dewi Lestari' } })],
    ['createPartnership', CREATE_PARTNERSHIP, () => ({ input: { npsn: '64710004', studyProgram: 'Prodi PAUD', signedOn: '2025-03-01' } })],
  ];
  const REFUSED: Array<[string, string, TokenSpec | null]> = [
    ['anonymous', 'UNAUTHENTICATED', null],
    ['a school admin', 'FORBIDDEN', CALLERS['school admin']],
    ['an SKB admin', 'FORBIDDEN', CALLERS['skb admin']],
    ['a government analyst', 'FORBIDDEN', CALLERS['government analyst']],
    ["a university's staff", 'FORBIDDEN', CALLERS['university staff']],
    ["a training provider's staff", 'FORBIDDEN', { org: LPD, roles: ['staff'] }],
  ];

  describe.each(WRITES)('%s', (name, document, variables) => {
    it.each(REFUSED)('refuses %s as %s, writing nothing', async (_who, code, spec) => {
      const token = spec ? await tokenFor(spec) : undefined;
      const body = await expectNothingWritten('university', TABLES, () => gql(document, variables(), { token }), code);
      if (code === 'FORBIDDEN') {
        expect(body.errors[0].message).toBe(`Mutation.${name} is allowed to a university's admin or a training provider's admin`);
      }
    });
  });
});
