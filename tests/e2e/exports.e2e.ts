import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { expectNoErrors, gql } from '../harness/client';
import { sql } from '../harness/db';
import { hubUrls } from '../harness/env';
import { CALLERS, tokenFor } from '../harness/tokens';

// Two districts that only this file adds (and removes): one whose name a spreadsheet would run
// as a formula, one with letters beyond ASCII. Both with teachers, so they are rows of the table.
const FORMULA = { code: '99.01', name: '=HYPERLINK("https://example.org","klik")', npsn: '99010001', teachers: 3 };
const NON_ASCII = { code: '99.02', name: 'Kabupaten Sepaku – Ibu Kota Nusantara (Kalimantan Timur)', npsn: '99020001', teachers: 12 };
const LEVELS = ['BELOW_HIGH_SCHOOL', 'HIGH_SCHOOL', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3'];
const QUALIFICATION_COLUMNS = [
  'group',
  'label',
  'teacher_count',
  'meeting_standard',
  'share_meeting_standard',
  ...LEVELS.map((l) => `level_${l.toLowerCase()}`),
  'suppressed',
];

let analystToken: string;
const exportUrl = (path: string) => `${hubUrls().gateway.replace(/\/graphql$/, '')}/exports/${path}`;

async function download(path: string, token: string | null = analystToken) {
  const response = await fetch(exportUrl(path), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { response, bytes, text: bytes.toString('utf8') };
}

const rowsOf = (text: string) => parse(text, { bom: true, columns: true }) as Array<Record<string, string>>;
const headerOf = (text: string) => (parse(text, { bom: true, to_line: 1 }) as string[][])[0];
const cell = (value: number | null, digits?: number) =>
  value === null ? '' : String(digits === undefined ? value : Math.round(value * 10 ** digits) / 10 ** digits);

beforeAll(async () => {
  analystToken = await tokenFor(CALLERS['government analyst']);
  for (const d of [FORMULA, NON_ASCII]) {
    await sql('schools', 'insert into district (code, name, province_code) values ($1, $2, $3)', [d.code, d.name, '99']);
    await sql('schools', 'insert into school (npsn, name, kind, district_code) values ($1, $2, $3, $4)', [
      d.npsn,
      `TK Uji ${d.code}`,
      'TK',
      d.code,
    ]);
    for (let i = 0; i < d.teachers; i++) {
      const id = randomUUID();
      await sql('schools', "insert into teacher (id, full_name, school_npsn, employment_status) values ($1, $2, $3, 'GTY')", [
        id,
        `Guru Uji ${i}`,
        d.npsn,
      ]);
      await sql('schools', "insert into qualification (id, teacher_id, level, field) values ($1, $2, $3, 'EARLY_CHILDHOOD_EDUCATION')", [
        randomUUID(),
        id,
        i % 3 === 0 ? 'HIGH_SCHOOL' : 'S1',
      ]);
    }
  }
});

afterAll(async () => {
  const npsns = [FORMULA.npsn, NON_ASCII.npsn];
  await sql('schools', 'delete from teacher where school_npsn = any($1)', [npsns]);
  await sql('schools', 'delete from school where npsn = any($1)', [npsns]);
  await sql('schools', 'delete from district where code = any($1)', [[FORMULA.code, NON_ASCII.code]]);
});

describe('GET /exports/qualification-statistics.csv', () => {
  it('is the API table as CSV: UTF-8 with a BOM, the header, one row per group and a total', async () => {
    const { response, bytes, text } = await download('qualification-statistics.csv?groupBy=DISTRICT');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="qualification-statistics-district.csv"');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(headerOf(text)).toEqual(QUALIFICATION_COLUMNS);

    const { body } = await gql(
      `{ qualificationStatistics(groupBy: DISTRICT) {
          rows { group label qualifications { teacherCount meetingStandard shareMeetingStandard suppressed byLevel { level count } } }
          total { teacherCount meetingStandard shareMeetingStandard suppressed byLevel { level count } } } }`,
      undefined,
      { token: analystToken },
    );
    expectNoErrors(body);
    const api = body.data.qualificationStatistics;
    const rows = rowsOf(text);
    expect(rows).toHaveLength(api.rows.length + 1);
    const expected = (group: string, label: string, q: any) => ({
      group,
      label: label.startsWith('=') ? `'${label}` : label,
      teacher_count: cell(q.teacherCount),
      meeting_standard: cell(q.meetingStandard),
      share_meeting_standard: cell(q.shareMeetingStandard, 4),
      ...Object.fromEntries(
        LEVELS.map((l) => [`level_${l.toLowerCase()}`, cell(q.byLevel.find((b: any) => b.level === l)?.count ?? null)]),
      ),
      suppressed: String(q.suppressed),
    });
    expect(rows).toEqual([
      ...api.rows.map((r: any) => expected(r.group, r.label, r.qualifications)),
      expected('TOTAL', 'Total', api.total),
    ]);
  });

  it('leaves suppressed cells empty and says so in the suppressed column, never 0', async () => {
    const rows = rowsOf((await download('qualification-statistics.csv?groupBy=DISTRICT')).text);
    // The demo's one small district: Penajam Paser Utara's single school.
    const small = rows.find((r) => r.group === '64.09')!;
    expect(small).toMatchObject({
      label: 'Kabupaten Penajam Paser Utara',
      teacher_count: '',
      meeting_standard: '',
      share_meeting_standard: '',
      suppressed: 'true',
    });
    const balikpapan = rows.find((r) => r.group === '64.71')!;
    expect(Number(balikpapan.teacher_count)).toBeGreaterThanOrEqual(10);
    const formula = rows.find((r) => r.group === FORMULA.code)!;
    expect(formula).toMatchObject({ teacher_count: '', suppressed: 'true' });
  });

  it('keeps a name with non-ASCII letters intact and neutralises a name that starts with =', async () => {
    const rows = rowsOf((await download('qualification-statistics.csv?groupBy=DISTRICT')).text);
    expect(rows.find((r) => r.group === NON_ASCII.code)?.label).toBe('Kabupaten Sepaku – Ibu Kota Nusantara (Kalimantan Timur)');
    expect(rows.find((r) => r.group === FORMULA.code)?.label).toBe(`'=HYPERLINK("https://example.org","klik")`);
    expect(rows.every((r) => !/^[=+@\t\r]/.test(r.label))).toBe(true);
  });

  it('takes the API filters; refuses a bad grouping, a missing and a forged token', async () => {
    const filtered = rowsOf((await download('qualification-statistics.csv?groupBy=SCHOOL_KIND&districtCode=64.71')).text);
    expect(filtered.map((r) => r.group)).toEqual(expect.arrayContaining(['TK', 'KB', 'TOTAL']));

    const bad = await download('qualification-statistics.csv?groupBy=SCHOOL');
    expect(bad.response.status).toBe(400);
    expect(JSON.parse(bad.text).errors[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringMatching(/groupBy must be one of DISTRICT, SCHOOL_KIND, EMPLOYMENT_STATUS/),
    });

    const anonymous = await download('qualification-statistics.csv?groupBy=DISTRICT', null);
    expect([anonymous.response.status, JSON.parse(anonymous.text).errors[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    const forged = await download(
      'qualification-statistics.csv?groupBy=DISTRICT',
      await tokenFor({ ...CALLERS['government analyst'], secret: 'not-the-hub-secret-0123456789abcdef' }),
    );
    expect([forged.response.status, JSON.parse(forged.text).errors[0].message]).toEqual([401, 'Invalid token: the signature is invalid']);
  });
});

describe('unknown codes in an export', () => {
  // 98: no test file adds that province (this one adds districts in 99 while it runs).
  it.each([
    [
      'qualification-statistics.csv?groupBy=DISTRICT&districtCode=98.98',
      'districtCode',
      'districtCode: 98.98 is not a district of this hub',
    ],
    ['qualification-statistics.csv?groupBy=SCHOOL_KIND&provinceCode=98', 'provinceCode', 'provinceCode: 98 is not a province of this hub'],
    ['training-outcomes.csv?groupBy=DISTRICT&provinceCode=98', 'provinceCode', 'provinceCode: 98 is not a province of this hub'],
    ['training-needs.csv?provinceCode=98', 'provinceCode', 'provinceCode: 98 is not a province of this hub'],
    ['training-needs.csv?districtCode=98.98', 'districtCode', 'districtCode: 98.98 is not a district of this hub'],
    ['training-needs.csv?provinceCode=36&districtCode=64.71', 'districtCode', 'districtCode: 64.71 is not a district of province 36'],
    ['training-needs.csv?groupBy=PROGRAM', 'groupBy', 'groupBy must be one of DISTRICT (got "PROGRAM")'],
    ['training-coverage.csv?districtCode=98.98', 'districtCode', 'districtCode: 98.98 is not a district of this hub'],
    ['training-coverage.csv?provinceCode=98', 'provinceCode', 'provinceCode: 98 is not a province of this hub'],
    ['training-coverage.csv?districtCode=64.71&from=2025&to=2023', 'from', 'from must not be after to (2025 > 2023)'],
    ['training-coverage.csv?districtCode=64.71&from=1999', 'from', `from must be a year from 2000 to ${new Date().getFullYear() + 1}`],
    ['training-coverage.csv?districtCode=64.71&to=soon', 'to', `to must be a year from 2000 to ${new Date().getFullYear() + 1}`],
    [
      'qualification-statistics.csv?groupBy=DISTRICT&districtCode=nine',
      'districtCode',
      'districtCode must be a Kemendagri code such as 64 or 64.71',
    ],
  ])('%s is BAD_USER_INPUT naming the parameter, not a table of zeros', async (path, field, message) => {
    const { response, text } = await download(path);
    expect(response.status).toBe(400);
    expect(JSON.parse(text)).toEqual({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', field } }] });
  });

  it('an unknown export is a JSON 404', async () => {
    const { response, text } = await download('nope');
    expect(response.status).toBe(404);
    expect(JSON.parse(text)).toEqual({
      errors: [{ message: 'Nothing is served at GET /exports/nope', extensions: { code: 'NOT_FOUND' } }],
    });
  });
});

describe('GET /exports/training-outcomes.csv', () => {
  const OUTCOMES = 'assessed meanPreTest meanPostTest meanGain passRate followedUp meanFollowUpScore suppressed';
  const outcomeCells = (o: any) => ({
    assessed: cell(o.assessed),
    mean_pre_test: cell(o.meanPreTest, 2),
    mean_post_test: cell(o.meanPostTest, 2),
    mean_gain: cell(o.meanGain, 2),
    pass_rate: cell(o.passRate, 4),
  });
  const followUpCells = (o: any) => ({ followed_up: cell(o.followedUp), mean_follow_up_score: cell(o.meanFollowUpScore, 2) });

  it('by district: one row per district and tier (ALL for all tiers), as the API', async () => {
    const { response, text } = await download('training-outcomes.csv?groupBy=DISTRICT');
    expect(response.status).toBe(200);
    expect(headerOf(text)).toEqual([
      'district_code',
      'district_name',
      'tier',
      'assessed',
      'mean_pre_test',
      'mean_post_test',
      'mean_gain',
      'pass_rate',
      'suppressed',
      'followed_up',
      'mean_follow_up_score',
    ]);
    const { body } = await gql(`{ districts { code name trainingOutcomes { tier outcomes { ${OUTCOMES} } } } }`, undefined, {
      token: analystToken,
    });
    expectNoErrors(body);
    const expected = body.data.districts.flatMap((d: any) =>
      d.trainingOutcomes.map((t: any) => ({
        district_code: d.code,
        district_name: d.name.startsWith('=') ? `'${d.name}` : d.name,
        tier: t.tier ?? 'ALL',
        ...outcomeCells(t.outcomes),
        suppressed: String(t.outcomes.suppressed),
        ...followUpCells(t.outcomes),
      })),
    );
    expect(rowsOf(text)).toEqual(expected);
    // Some figure withheld (written as an empty cell above): e.g. a pass rate over a small group of fails.
    expect(expected.some((r: any) => r.suppressed === 'true')).toBe(true);
    // The demo data: Kota Balikpapan's teachers were observed after the November 2022 training.
    const balikpapan = expected.find((r: any) => r.district_code === '64.71' && r.tier === 'ALL');
    expect(Number(balikpapan.followed_up)).toBeGreaterThan(0);
    expect(Number(balikpapan.mean_follow_up_score)).toBeGreaterThan(0);
  });

  it('by program: one row per program, with attendance', async () => {
    const { text } = await download('training-outcomes.csv?groupBy=PROGRAM');
    expect(headerOf(text).slice(-3)).toEqual(['suppressed', 'followed_up', 'mean_follow_up_score']);
    const { body } = await gql(
      `{ trainingPrograms { code title tier outcomes { ${OUTCOMES} } attendance { registrations attendanceRate suppressed } } }`,
      undefined,
      {
        token: analystToken,
      },
    );
    expectNoErrors(body);
    const rows = rowsOf(text);
    expect(rows).toEqual(
      body.data.trainingPrograms.map((p: any) => ({
        program_code: p.code,
        program_title: p.title,
        tier: p.tier,
        ...outcomeCells(p.outcomes),
        registrations: cell(p.attendance.registrations),
        attendance_rate: cell(p.attendance.attendanceRate, 4),
        suppressed: String(p.outcomes.suppressed || p.attendance.suppressed),
        ...followUpCells(p.outcomes),
      })),
    );
    expect(rows.find((r) => r.program_code === 'PT-PAUD-2022')?.program_title).toBe('Pelatihan Teknis Guru PAUD');
  });
});

describe('GET /exports/training-needs.csv', () => {
  const NEEDS_COLUMNS = ['district_code', 'district_name', 'area', 'schools', 'teachers', 'suppressed'];
  const needRows = (districts: any[]) =>
    districts.flatMap((d: any) =>
      d.trainingNeeds.map((n: any) => ({
        district_code: d.code,
        district_name: d.name.startsWith('=') ? `'${d.name}` : d.name,
        area: n.area,
        schools: cell(n.schools),
        teachers: cell(n.teachers),
        suppressed: String(n.suppressed),
      })),
    );

  it('by district: one row per district and competence area, as District.trainingNeeds', async () => {
    const { response, bytes, text } = await download('training-needs.csv?groupBy=DISTRICT');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="training-needs-district.csv"');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(headerOf(text)).toEqual(NEEDS_COLUMNS);
    const { body } = await gql('{ districts { code name trainingNeeds { area schools teachers suppressed } } }', undefined, {
      token: analystToken,
    });
    expectNoErrors(body);
    expect(rowsOf(text)).toEqual(needRows(body.data.districts));
    // The name that would run as a formula is neutralised here too.
    expect(rowsOf(text).find((r) => r.district_code === FORMULA.code)?.district_name).toBe(`'${FORMULA.name}`);
  });

  it('for one district: its areas in order, a suppressed teacher count an empty cell, never 0', async () => {
    const { response, text } = await download('training-needs.csv?districtCode=64.71');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="training-needs-64.71.csv"');
    const { body } = await gql('{ district(code: "64.71") { code name trainingNeeds { area schools teachers suppressed } } }', undefined, {
      token: analystToken,
    });
    expectNoErrors(body);
    const rows = rowsOf(text);
    expect(rows).toEqual(needRows([body.data.district]));
    expect(rows.map((r) => r.area)).toEqual([
      'CHILD_DEVELOPMENT',
      'LEARNING_PLANNING',
      'PLAY_BASED_LEARNING',
      'LEARNING_ASSESSMENT',
      'CLASSROOM_MANAGEMENT',
      'PARENT_PARTNERSHIP',
      'INCLUSIVE_EDUCATION',
      'PROFESSIONAL_DEVELOPMENT',
    ]);
    // The demo data: inclusive education named for too few teachers to show; schools are shown as is.
    const inclusive = rows.find((r) => r.area === 'INCLUSIVE_EDUCATION')!;
    expect(inclusive).toMatchObject({ teachers: '', suppressed: 'true' });
    expect(Number(inclusive.schools)).toBeGreaterThan(0);
    expect(Number(rows.find((r) => r.area === 'LEARNING_ASSESSMENT')!.teachers)).toBeGreaterThanOrEqual(10);

    const province = rowsOf((await download('training-needs.csv?provinceCode=64&districtCode=64.71')).text);
    expect(province).toEqual(rows);
    const kaltim = rowsOf((await download('training-needs.csv?groupBy=DISTRICT&provinceCode=64')).text);
    expect(kaltim.every((r) => r.district_code.startsWith('64.'))).toBe(true);
    expect(kaltim.filter((r) => r.district_code === '64.71')).toEqual(rows);
  });

  it('refuses a missing and a forged token', async () => {
    const anonymous = await download('training-needs.csv?districtCode=64.71', null);
    expect([anonymous.response.status, JSON.parse(anonymous.text).errors[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    const forged = await download(
      'training-needs.csv',
      await tokenFor({ ...CALLERS['government analyst'], secret: 'not-the-hub-secret-0123456789abcdef' }),
    );
    expect([forged.response.status, JSON.parse(forged.text).errors[0].message]).toEqual([401, 'Invalid token: the signature is invalid']);
  });
});

describe('GET /exports/training-coverage.csv', () => {
  const COVERAGE_COLUMNS = [
    'district_code',
    'district_name',
    'year',
    'teachers_trained',
    'highest_tier_basic',
    'highest_tier_intermediate',
    'highest_tier_advanced',
    'suppressed',
  ];
  const TIERS = ['BASIC', 'INTERMEDIATE', 'ADVANCED'];
  const COVERAGE = 'teachersTrained byHighestTier { tier count } suppressed';
  /** One operation with an alias per year: District.training(year) is what the CSV holds. */
  const coverageOf = async (years: number[]) => {
    const { body } = await gql(
      `{ district(code: "64.71") { code name ${years.map((y) => `y${y}: training(year: ${y}) { ${COVERAGE} }`).join(' ')} } }`,
      undefined,
      { token: analystToken },
    );
    expectNoErrors(body);
    const d = body.data.district;
    return years.map((y) => ({
      district_code: d.code,
      district_name: d.name,
      year: String(y),
      teachers_trained: cell(d[`y${y}`].teachersTrained),
      ...Object.fromEntries(
        TIERS.map((t) => [`highest_tier_${t.toLowerCase()}`, cell(d[`y${y}`].byHighestTier.find((b: any) => b.tier === t)?.count ?? null)]),
      ),
      suppressed: String(d[`y${y}`].suppressed),
    }));
  };

  it('for one district: a row per year from..to, as District.training(year)', async () => {
    const { response, bytes, text } = await download('training-coverage.csv?districtCode=64.71&from=2022&to=2025');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="training-coverage-64.71-2022-2025.csv"');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(headerOf(text)).toEqual(COVERAGE_COLUMNS);
    const rows = rowsOf(text);
    expect(rows).toEqual(await coverageOf([2022, 2023, 2024, 2025]));
    // The demo data: the November 2022 training, attended by Kota Balikpapan's teachers.
    expect(Number(rows[0].teachers_trained)).toBeGreaterThan(0);
    // A small group is an empty cell marked suppressed, never 0.
    expect(rows.filter((r) => r.suppressed === 'true' && r.teachers_trained === '0')).toEqual([]);
  });

  it('defaults to the current year and the four before it; all districts of a province without districtCode', async () => {
    const now = new Date().getFullYear();
    const years = [now - 4, now - 3, now - 2, now - 1, now];
    const { response, text } = await download('training-coverage.csv?districtCode=64.71');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="training-coverage-64.71-${now - 4}-${now}.csv"`);
    expect(rowsOf(text)).toEqual(await coverageOf(years));

    const kaltim = await download('training-coverage.csv?groupBy=DISTRICT&provinceCode=64&from=2022&to=2023');
    expect(kaltim.response.headers.get('content-disposition')).toBe('attachment; filename="training-coverage-district-2022-2023.csv"');
    const rows = rowsOf(kaltim.text);
    expect(rows.every((r) => r.district_code.startsWith('64.'))).toBe(true);
    expect(rows.filter((r) => r.district_code === '64.71')).toEqual(await coverageOf([2022, 2023]));
    // Each district's years together, oldest first.
    expect(rows.map((r) => r.year)).toEqual(rows.map((_, i) => (i % 2 === 0 ? '2022' : '2023')));
  });

  it('refuses a missing and a forged token', async () => {
    const anonymous = await download('training-coverage.csv?districtCode=64.71', null);
    expect([anonymous.response.status, JSON.parse(anonymous.text).errors[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    const forged = await download(
      'training-coverage.csv?districtCode=64.71',
      await tokenFor({ ...CALLERS['government analyst'], secret: 'not-the-hub-secret-0123456789abcdef' }),
    );
    expect([forged.response.status, JSON.parse(forged.text).errors[0].message]).toEqual([401, 'Invalid token: the signature is invalid']);
  });
});
