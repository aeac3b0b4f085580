import { DEMO_IDS } from '@mitra/fixtures';
import { expectNoErrors, gql as send, type GqlOptions } from '../harness/client';
import { sql } from '../harness/db';
import { reachOf, visibleCount } from '../harness/reach';
import { PARTNER, tokenFor } from '../harness/tokens';

// Teachers are person-level: read here as a partner that is not their school (the university's staff), which
// sees only the teachers within its reach (README "Who may see whom"): the expectations are computed so.
let token: string;
beforeAll(async () => {
  token = await tokenFor(PARTNER);
});
const gql = (query: string, variables?: Record<string, unknown>, options: GqlOptions = {}) => send(query, variables, { token, ...options });
const ORG = PARTNER.org;

const PAGE = `query($first: Int, $after: String, $filter: TeacherFilter) {
  teachers(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id fullName school { npsn } } }
  }
}`;

describe('schools root fields', () => {
  it('answers a school with its district and kind', async () => {
    const { body } = await gql('{ school(npsn: "64710001") { npsn name kind district { code name } } }');
    expectNoErrors(body);
    expect(body.data.school).toEqual({
      npsn: '64710001',
      name: 'TK Pertiwi Balikpapan Selatan',
      kind: 'TK',
      district: { code: '64.71', name: 'Kota Balikpapan' },
    });
  });

  it('answers null for an unknown school and BAD_USER_INPUT for a malformed NPSN', async () => {
    const unknown = await gql('{ school(npsn: "99999999") { npsn } }');
    expectNoErrors(unknown.body);
    expect(unknown.body.data.school).toBeNull();
    const bad = await gql('{ school(npsn: "123") { npsn } }');
    expect(bad.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'npsn' });
  });

  it('answers a teacher by id with qualifications and the derived standard', async () => {
    const [row] = await sql<{ id: string; full_name: string }>(
      'schools',
      "select id, full_name from teacher where school_npsn = '64710001' order by full_name, id limit 1",
    );
    const { body } = await gql(
      'query($id: ID!) { teacher(id: $id) { id fullName employmentStatus highestQualification meetsQualificationStandard qualifications { level field verified } birthDate } }',
      { id: row.id },
    );
    expectNoErrors(body);
    const t = body.data.teacher;
    expect(t.fullName).toBe(row.full_name);
    const quals = await sql<{ level: string; field: string }>('schools', 'select level, field from qualification where teacher_id = $1', [
      row.id,
    ]);
    expect(t.qualifications.length).toBe(quals.length);
    const meets = quals.some(
      (q) => ['D4', 'S1', 'S2', 'S3'].includes(q.level) && ['EARLY_CHILDHOOD_EDUCATION', 'PSYCHOLOGY'].includes(q.field),
    );
    expect(t.meetsQualificationStandard).toBe(meets);
    // Personal data: this caller (the university) is not the teacher's own school.
    expect(t.birthDate).toBeNull();
  });

  it('lists districts, all or by province', async () => {
    const all = await gql('{ districts { code name } }');
    expectNoErrors(all.body);
    const rows = await sql<{ code: string }>('schools', 'select code from district order by code');
    expect(all.body.data.districts.map((d: { code: string }) => d.code)).toEqual(rows.map((r) => r.code));
    const kaltim = await gql('{ districts(provinceCode: "64") { code } }');
    expect(kaltim.body.data.districts.every((d: { code: string }) => d.code.startsWith('64.'))).toBe(true);
    const one = await gql('{ district(code: "64.71") { code name provinceCode } }');
    expect(one.body.data.district).toEqual({ code: '64.71', name: 'Kota Balikpapan', provinceCode: '64' });
  });
});

describe('Relay pagination of teachers', () => {
  it('walks every teacher it may see page by page without overlap, matching the database', async () => {
    const reach = await reachOf(ORG);
    const count = reach.teachers.size;
    const [{ all }] = await sql<{ all: string }>('schools', 'select count(*) as all from teacher');
    // Some teachers, not all: the others are absent, and totalCount agrees.
    expect(count).toBeGreaterThan(25);
    expect(count).toBeLessThan(Number(all));
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { body }: { body: any } = await gql(PAGE, { first: 25, after });
      expectNoErrors(body);
      const conn = body.data.teachers;
      expect(conn.totalCount).toBe(Number(count));
      seen.push(...conn.edges.map((e: { node: { id: string } }) => e.node.id));
      pages += 1;
      if (!conn.pageInfo.hasNextPage) break;
      expect(conn.pageInfo.endCursor).toBe(conn.edges[conn.edges.length - 1].cursor);
      after = conn.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(count / 25));
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(reach.teachers);
  });

  it('filters by district, school, standard and name, with counts equal to the database', async () => {
    const count = await visibleCount(
      ORG,
      "select t.id from teacher t join school s on s.npsn = t.school_npsn where s.district_code = '64.71'",
    );
    const byDistrict = await gql(PAGE, { first: 100, filter: { districtCode: DEMO_IDS.balikpapan } });
    expectNoErrors(byDistrict.body);
    expect(byDistrict.body.data.teachers.totalCount).toBe(count);
    expect(count).toBeGreaterThan(0);
    // A page holds at most 100.
    expect(byDistrict.body.data.teachers.edges.length).toBe(Math.min(count, 100));

    const bySchool = await gql(PAGE, { first: 100, filter: { npsn: '64710002' } });
    expect(bySchool.body.data.teachers.edges.every((e: any) => e.node.school.npsn === '64710002')).toBe(true);
    expect(bySchool.body.data.teachers.totalCount).toBe(await visibleCount(ORG, "select id from teacher where school_npsn = '64710002'"));
    expect(bySchool.body.data.teachers.edges.length).toBe(bySchool.body.data.teachers.totalCount);
    expect(bySchool.body.data.teachers.totalCount).toBeGreaterThan(0);

    const meeting = await visibleCount(
      ORG,
      `select t.id from teacher t where exists (select 1 from qualification q where q.teacher_id = t.id
         and q.level in ('D4','S1','S2','S3') and q.field in ('EARLY_CHILDHOOD_EDUCATION','PSYCHOLOGY'))`,
    );
    expect(meeting).toBeGreaterThan(0);
    const standard = await gql(PAGE, { first: 1, filter: { meetsQualificationStandard: true } });
    expect(standard.body.data.teachers.totalCount).toBe(meeting);

    // A name of a teacher it sees.
    const [first] = await sql<{ full_name: string }>(
      'schools',
      'select full_name from teacher where id = any($1::uuid[]) order by full_name limit 1',
      [[...(await reachOf(ORG)).teachers]],
    );
    const part = first.full_name.split(' ')[1].toLowerCase();
    const byName = await gql(PAGE, { first: 100, filter: { nameContains: part } });
    expect(byName.body.data.teachers.edges.length).toBeGreaterThan(0);
    for (const e of byName.body.data.teachers.edges) expect(e.node.fullName.toLowerCase()).toContain(part);
  });

  it("pages a school's own teachers", async () => {
    const [{ count }] = await sql<{ count: string }>('schools', "select count(*) from teacher where school_npsn = '64710001'");
    const q =
      'query($after: String) { school(npsn: "64710001") { teachers(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }';
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { body }: { body: any } = await gql(q, { after });
      expectNoErrors(body);
      const conn = body.data.school.teachers;
      expect(conn.totalCount).toBe(Number(count));
      ids.push(...conn.edges.map((e: any) => e.node.id));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(new Set(ids).size).toBe(Number(count));
  });

  it.each([0, -1, 101, 1000])('rejects first: %i as BAD_USER_INPUT', async (first) => {
    const { body } = await gql(PAGE, { first });
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    // The root list is nullable (contract v2): the refused field is null.
    expect(body.data).toEqual({ teachers: null });
  });

  it('rejects a cursor the server did not issue, and one issued for another list', async () => {
    const forged = Buffer.from(JSON.stringify(['teachers', ['A', '00000000-0000-4000-8000-000000000000']])).toString('base64url');
    for (const after of ['garbage', `${forged}.AAAAAAAAAAAAAAAAAAAAAA`, forged]) {
      const { body } = await gql(PAGE, { first: 5, after });
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
    const school = await gql('{ school(npsn: "64710001") { teachers(first: 1) { pageInfo { endCursor } } } }');
    const foreign = school.body.data.school.teachers.pageInfo.endCursor;
    const { body } = await gql(PAGE, { first: 5, after: foreign });
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
