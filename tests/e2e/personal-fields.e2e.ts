import { gql, type LooseBody } from '../harness/client';
import { sql } from '../harness/db';
import { hubUrls } from '../harness/env';
import { reachOf } from '../harness/reach';
import { tokenOf } from '../harness/tokens';

/**
 * Personal fields (a teacher's birth date, her NUPTK) over a list: her own
 * school sees them, and since issue 12 a school's list holds only its own
 * teachers; a partner that sees teachers of many schools gets every birth
 * date null, and a NUPTK only of the teachers registered for its programs'
 * events (README "Who may see whom"), and the list carries no error for the
 * values withheld. The field-by-field matrix for one teacher is
 * authorization.e2e.ts.
 */

let schoolAdmin: string | undefined;
let universityStaff: string | undefined;
/** The partnership this file signs for Universitas Mulia, removed afterwards. */
let partnershipId: string | undefined;

const LIST =
  '{ teachers(first: 100, filter: { districtCode: "64.71" }) { totalCount edges { node { id birthDate nuptk school { npsn } } } } }';
const truth = async () =>
  sql<{ id: string; npsn: string; birth_date: string | null; nuptk: string | null }>(
    'schools',
    "select t.id, t.school_npsn as npsn, to_char(t.birth_date, 'YYYY-MM-DD') as birth_date, t.nuptk from teacher t join school s on s.npsn = t.school_npsn where s.district_code = '64.71'",
  );

beforeAll(async () => {
  schoolAdmin = await tokenOf('school admin');
  universityStaff = await tokenOf('university staff');
  // In the demo every teacher Universitas Mulia sees is registered for its programs' events, so each NUPTK it sees is
  // one it reads. A partnership in force with another school of the district shows that school's teachers too, and
  // those not registered for its events are seen without their NUPTK: the case of a NUPTK withheld.
  const reach = await reachOf('university:mulia');
  const district = await truth();
  const seen = district.filter((t) => reach.teachers.has(t.id)).length;
  const unseen = new Map<string, typeof district>();
  for (const t of district.filter((t) => !reach.teachers.has(t.id))) unseen.set(t.npsn, [...(unseen.get(t.npsn) ?? []), t]);
  // The school whose teachers keep the list on one page (first: 100), with at least one NUPTK to withhold.
  const [npsn] = [...unseen]
    .filter(([, teachers]) => teachers.some((t) => t.nuptk !== null) && seen + teachers.length <= 100)
    .sort(([a, x], [b, y]) => x.length - y.length || a.localeCompare(b))
    .map(([school]) => school);
  expect(npsn).toBeDefined();
  const { body } = await gql(
    'mutation($input: PartnershipInput!) { createPartnership(input: $input) { id } }',
    { input: { npsn, studyProgram: 'Prodi PAUD Universitas Mulia', signedOn: '2024-01-15' } },
    { token: await tokenOf('university admin') },
  );
  expect(body.errors).toBeUndefined();
  partnershipId = body.data.createPartnership.id;
});

afterAll(async () => {
  if (partnershipId) await sql('university', 'delete from partnership where id = $1', [partnershipId]);
});

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

  it("a university lists the teachers of several schools within its reach: every birth date null, NUPTK only of its programs' registrants, without errors", async () => {
    const { body } = await gql(LIST, undefined, { url: url(), token: universityStaff });
    expect(body.errors).toBeUndefined();
    const nodes: LooseBody[] = body.data.teachers.edges.map((e: LooseBody) => e.node);
    expect(new Set(nodes.map((n) => n.school.npsn)).size).toBeGreaterThan(1);

    const reach = await reachOf('university:mulia');
    const visible = (await truth()).filter((t) => reach.teachers.has(t.id));
    // Exactly the district's teachers it may see, all on this one page.
    expect(visible.length).toBeLessThanOrEqual(100);
    expect(body.data.teachers.totalCount).toBe(visible.length);
    const expected = visible.map((t) => ({ id: t.id, birthDate: null, nuptk: reach.nuptk.has(t.id) ? t.nuptk : null }));
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(nodes.map((n) => ({ id: n.id, birthDate: n.birthDate, nuptk: n.nuptk })).sort(byId)).toEqual(expected.sort(byId));

    // Both kinds occur: birth dates and NUPTKs the database holds but withholds from it (the partner school's
    // teachers not registered for its events), and NUPTKs it reads (its programs' registrants).
    expect(visible.filter((t) => t.birth_date !== null).length).toBeGreaterThan(0);
    expect(visible.filter((t) => t.nuptk !== null && !reach.nuptk.has(t.id)).length).toBeGreaterThan(0);
    expect(visible.filter((t) => t.nuptk !== null && reach.nuptk.has(t.id)).length).toBeGreaterThan(0);
  });
});
