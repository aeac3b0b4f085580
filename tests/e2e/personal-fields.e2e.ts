import { gql, type LooseBody } from '../harness/client';
import { sql } from '../harness/db';
import { hubUrls } from '../harness/env';
import { tokenOf } from '../harness/tokens';

/**
 * Personal fields (a teacher's birth date, her NUPTK) over a list: her own
 * school sees them, and since issue 12 a school's list holds only its own
 * teachers; a partner that sees teachers of many schools gets every personal
 * field null, and the list carries no error for the values withheld. The
 * field-by-field matrix for one teacher is authorization.e2e.ts.
 */

let schoolAdmin: string | undefined;
let universityStaff: string | undefined;

beforeAll(async () => {
  schoolAdmin = await tokenOf('school admin');
  universityStaff = await tokenOf('university staff');
});

const LIST =
  '{ teachers(first: 100, filter: { districtCode: "64.71" }) { totalCount edges { node { id birthDate nuptk school { npsn } } } } }';
const truth = async () =>
  sql<{ id: string; npsn: string; birth_date: string | null; nuptk: string | null }>(
    'schools',
    "select t.id, t.school_npsn as npsn, to_char(t.birth_date, 'YYYY-MM-DD') as birth_date, t.nuptk from teacher t join school s on s.npsn = t.school_npsn where s.district_code = '64.71'",
  );

describe.each([
  ['the gateway', () => hubUrls().gateway],
  ['the schools subgraph directly', () => hubUrls().subgraphs.schools],
])('personal fields over a list, through %s', (_via, url) => {
  it('an admin of 64710001 lists exactly its own teachers, each with her birth date and NUPTK', async () => {
    const { body } = await gql(LIST, undefined, { url: url(), token: schoolAdmin });
    expect(body.errors).toBeUndefined();
    const nodes: LooseBody[] = body.data.teachers.edges.map((e: LooseBody) => e.node);
    const own = (await truth()).filter((t) => t.npsn === '64710001');
    expect(own.length).toBeGreaterThan(0);
    expect(body.data.teachers.totalCount).toBe(own.length);
    expect(
      nodes
        .map((n) => ({ id: n.id, birthDate: n.birthDate, nuptk: n.nuptk, npsn: n.school.npsn }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    ).toEqual(
      own.map((t) => ({ id: t.id, birthDate: t.birth_date, nuptk: t.nuptk, npsn: t.npsn })).sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  it('a university lists teachers of several schools with every birth date and NUPTK null, without errors', async () => {
    const { body } = await gql(LIST, undefined, { url: url(), token: universityStaff });
    expect(body.errors).toBeUndefined();
    const nodes: LooseBody[] = body.data.teachers.edges.map((e: LooseBody) => e.node);
    expect(new Set(nodes.map((n) => n.school.npsn)).size).toBeGreaterThan(1);
    const withValues = (await truth()).filter((t) => t.birth_date !== null || t.nuptk !== null).map((t) => t.id);
    expect(nodes.filter((n) => withValues.includes(n.id)).length).toBeGreaterThan(0);
    for (const n of nodes) expect({ id: n.id, birthDate: n.birthDate, nuptk: n.nuptk }).toEqual({ id: n.id, birthDate: null, nuptk: null });
  });
});
