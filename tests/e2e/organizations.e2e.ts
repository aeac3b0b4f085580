import { buildDemoWorld, DEMO_IDS } from '@mitra/fixtures';
import { expectNoErrors, gql, type LooseBody } from '../harness/client';
import { sql } from '../harness/db';
import { hubUrls } from '../harness/env';

/**
 * The organisation directory (issue 12): every partner organisation, schools
 * included, with kind, name and district, readable by anyone, by kind, by
 * district and by id (the `org` claim of its tokens); through the gateway and
 * at the schools subgraph that keeps it.
 */
const world = buildDemoWorld();
const FIELDS = 'id kind name district { code }';
const schoolOrgs = () =>
  sql<{ id: string; name: string; code: string }>(
    'schools',
    "select 'school:' || npsn as id, name, district_code as code from school order by npsn",
  );

describe.each([
  ['the gateway', () => hubUrls().gateway],
  ['the schools subgraph directly', () => hubUrls().subgraphs.schools],
])('organisations, through %s', (_via, url) => {
  it('lists every partner organisation to an anonymous caller: the directory and every school', async () => {
    const { body } = await gql(`{ organizations { ${FIELDS} } }`, undefined, { url: url() });
    expectNoErrors(body);
    const listed = new Map<string, LooseBody>(body.data.organizations.map((o: LooseBody) => [o.id, o]));
    for (const o of world.organizations) {
      expect(listed.get(o.id)).toEqual({
        id: o.id,
        kind: o.kind,
        name: o.name,
        district: o.districtCode ? { code: o.districtCode } : null,
      });
    }
    const schools = await schoolOrgs();
    for (const s of schools) expect(listed.get(s.id)).toEqual({ id: s.id, kind: 'SCHOOL', name: s.name, district: { code: s.code } });
    expect(listed.size).toBe(world.organizations.length + schools.length);
  });

  it.each([
    ['SKB', [DEMO_IDS.skb, DEMO_IDS.skbSamarinda, DEMO_IDS.skbSerang]],
    ['UNIVERSITY', [DEMO_IDS.university, DEMO_IDS.universityUntirta]],
    ['TRAINING_PROVIDER', [DEMO_IDS.lpdBanten]],
    ['GOVERNMENT', [DEMO_IDS.government]],
  ])('by kind %s: exactly the demo organisations of that kind', async (kind, ids) => {
    const { body } = await gql('query($k: OrganizationKind) { organizations(kind: $k) { id kind } }', { k: kind }, { url: url() });
    expectNoErrors(body);
    expect(body.data.organizations.map((o: LooseBody) => o.id).sort()).toEqual([...ids].sort());
    expect(new Set(body.data.organizations.map((o: LooseBody) => o.kind))).toEqual(new Set([kind]));
  });

  it("by district: Kabupaten Serang's SKB, university, provider and schools, nothing from elsewhere", async () => {
    const { body } = await gql(`{ organizations(districtCode: "${DEMO_IDS.serang}") { id district { code } } }`, undefined, {
      url: url(),
    });
    expectNoErrors(body);
    const serangSchools = (await schoolOrgs()).filter((s) => s.code === DEMO_IDS.serang).map((s) => s.id);
    expect(serangSchools.length).toBeGreaterThan(0);
    expect(body.data.organizations.map((o: LooseBody) => o.id).sort()).toEqual(
      [DEMO_IDS.skbSerang, DEMO_IDS.universityUntirta, DEMO_IDS.lpdBanten, ...serangSchools].sort(),
    );
  });

  it('by id: a school, an SKB and a provider; an unknown id is null', async () => {
    const { body } = await gql(
      `{ school: organization(id: "school:${DEMO_IDS.firstSerangSchool}") { ${FIELDS} }
         skb: organization(id: "${DEMO_IDS.skbSerang}") { ${FIELDS} }
         lpd: organization(id: "${DEMO_IDS.lpdBanten}") { ${FIELDS} }
         unknownSchool: organization(id: "school:99999999") { id }
         unknownSkb: organization(id: "skb:nowhere") { id } }`,
      undefined,
      { url: url() },
    );
    expectNoErrors(body);
    const [school] = await sql<{ name: string }>('schools', 'select name from school where npsn = $1', [DEMO_IDS.firstSerangSchool]);
    expect(body.data).toEqual({
      school: { id: `school:${DEMO_IDS.firstSerangSchool}`, kind: 'SCHOOL', name: school.name, district: { code: DEMO_IDS.serang } },
      skb: { id: DEMO_IDS.skbSerang, kind: 'SKB', name: 'SKB Kabupaten Serang', district: { code: DEMO_IDS.serang } },
      lpd: { id: DEMO_IDS.lpdBanten, kind: 'TRAINING_PROVIDER', name: 'LPD Banten', district: { code: DEMO_IDS.serang } },
      unknownSchool: null,
      unknownSkb: null,
    });
  });

  it.each([
    ['id', '{ organization(id: "mulia") { id } }'],
    ['id', '{ organization(id: "school:123") { id } }'],
    ['id', '{ organization(id: "alien:x") { id } }'],
    ['districtCode', '{ organizations(districtCode: "Balikpapan") { id } }'],
  ])('a malformed %s is BAD_USER_INPUT naming it: %s', async (field, query) => {
    const { body } = await gql(query, undefined, { url: url() });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].extensions.field).toBe(field);
  });
});
