import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { findFreePort } from '@mitra/devtools';
import { DEMO_IDS } from '@mitra/fixtures';
import { GATEWAY_SECRET_HEADER } from '@mitra/runtime';
import { expectNoErrors, gql, type GqlOptions, type LooseBody } from '../harness/client';
import { sql } from '../harness/db';
import { hubSecrets, hubUrls } from '../harness/env';
import { ROUTER_CONFIG, startRouter, type RunningRouter } from '@mitra/cli';
import { MIN } from '../harness/statistics-oracle';
import { CALLERS, PARTNER, tokenFor, tokenOf } from '../harness/tokens';

/**
 * Issue 17, the Rust router as the tested scale path: Grafbase's federation
 * router (`grafbase dev` with the committed router/grafbase.toml) over the
 * shared hub's subgraphs answers the read side as the Node gateway does.
 * Where both answer, the data and each error's message, path and code are
 * compared with the gateway's answer to the same query and token; where
 * Grafbase differs by design (validation codes, a token the subgraphs
 * refuse, a partner that is down) the test pins what it does, which
 * docs/router.md describes. A second router, whose SKB URL is a port where
 * nothing listens, shows the partial results; a third, on a copy of the
 * configuration with shorter subgraph timeouts, an SKB that accepts
 * connections and never answers. Each router starts once.
 */

let router: RunningRouter;
/** The same router, except that the SKB subgraph is unreachable. */
let skbDown: RunningRouter;

beforeAll(async () => {
  const { subgraphs } = hubUrls();
  const { gatewaySecret } = hubSecrets();
  const nobody = `http://127.0.0.1:${await findFreePort()}/graphql`;
  const started = await Promise.allSettled([
    startRouter({ subgraphUrls: subgraphs, gatewaySecret }),
    startRouter({ subgraphUrls: { ...subgraphs, skb: nobody }, gatewaySecret, sdlFrom: { skb: subgraphs.skb } }),
  ]);
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    throw failed.reason;
  }
  [router, skbDown] = started.map((s) => (s as PromiseFulfilledResult<RunningRouter>).value);
}, 60_000);

afterAll(async () => {
  await Promise.all([router?.stop(), skbDown?.stop()]);
});

const viaRouter = (query: string, variables?: Record<string, unknown>, options: GqlOptions = {}) => gql(query, variables, { ...options, url: router.url });

/**
 * What the router and the gateway must agree on: the data, and each error's
 * message, path and code. The gateway adds `serviceName` to a subgraph's
 * error and Grafbase does not, so other extensions are not compared.
 */
function comparable(body: LooseBody): { data: unknown; errors: unknown[] } {
  const errors: LooseBody[] = body.errors ?? [];
  return {
    data: body.data ?? null,
    errors: errors.map((e) => ({ message: e.message, path: e.path ?? null, code: e.extensions?.code ?? null, field: e.extensions?.field ?? null })),
  };
}

/** Sends the same operation with the same token to both; they must agree (see comparable). Returns the router's body. */
async function expectSameAnswer(query: string, variables?: Record<string, unknown>, token?: string): Promise<LooseBody> {
  const [viaGrafbase, viaGateway] = await Promise.all([viaRouter(query, variables, { token }), gql(query, variables, { token })]);
  expect(viaGrafbase.status).toBe(200);
  expect(viaGateway.status).toBe(200);
  expect(comparable(viaGrafbase.body)).toEqual(comparable(viaGateway.body));
  return viaGrafbase.body;
}

const codes = (body: LooseBody): string[] => (body.errors ?? []).map((e: LooseBody) => e.extensions?.code);

describe('the router process', () => {
  it('answers its liveness check at /healthz, and sends no CORS headers to another origin', async () => {
    const health = await fetch(`${router.origin}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'healthy' });
    const response = await fetch(router.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://elsewhere.example' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the harness', () => {
  it("fails with the binary's own words when the router cannot start", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-router-config-'));
    try {
      const committed = fs.readFileSync(ROUTER_CONFIG, 'utf8');
      expect(committed).toContain('url = "{{ env.SKB_URL }}"');
      const configPath = path.join(dir, 'grafbase.toml');
      fs.writeFileSync(configPath, committed.replace('{{ env.SKB_URL }}', '{{ env.MITRA_ROUTER_NOT_SET }}'));
      await expect(startRouter({ subgraphUrls: hubUrls().subgraphs, gatewaySecret: hubSecrets().gatewaySecret, configPath })).rejects.toThrow(
        /The router exited \(code 1\) before answering; its output:\n[\s\S]*environment variable not found: `MITRA_ROUTER_NOT_SET`/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the API it serves', () => {
  const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
  // Shallow enough for the gateway's limits (the standard introspection query nests ofType deeper than MAX_QUERY_DEPTH).
  const SCHEMA = `{ __schema { queryType { name } mutationType { name } subscriptionType { name }
    types { kind name description
      fields(includeDeprecated: true) { name description isDeprecated deprecationReason args { name description defaultValue type { ${TYPE_REF} } } type { ${TYPE_REF} } }
      inputFields { name description defaultValue type { ${TYPE_REF} } }
      enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
      interfaces { name } possibleTypes { name } } } }`;
  const BUILT_IN_SCALARS = ['Boolean', 'Float', 'ID', 'Int', 'String'];
  const byName = <T extends { name: string }>(list: T[] | null): T[] | null => list && [...list].sort((a, b) => a.name.localeCompare(b.name));

  /** Every type of the API with its fields, arguments, input fields and enum values, in name order. */
  async function apiOf(url: string): Promise<Map<string, LooseBody>> {
    const { body } = await gql(SCHEMA, undefined, { url });
    expectNoErrors(body);
    const { types, ...roots } = body.data.__schema;
    const shaped = new Map<string, LooseBody>([['(roots)', roots]]);
    for (const t of types as LooseBody[]) {
      if (t.name.startsWith('__')) continue;
      shaped.set(t.name, {
        ...t,
        fields: byName(t.fields)?.map((f: LooseBody) => ({ ...f, args: byName(f.args) })) ?? null,
        inputFields: byName(t.inputFields),
        enumValues: byName(t.enumValues),
        interfaces: byName(t.interfaces),
        possibleTypes: byName(t.possibleTypes),
      });
    }
    return shaped;
  }

  it("is the gateway's API: every type, field, argument and enum value with the same type, nullability, default and description", async () => {
    const [viaGrafbase, viaGateway] = await Promise.all([apiOf(router.url), apiOf(hubUrls().gateway)]);
    // What Grafbase's composition adds: the federation and link specs' own scalars and enum, unused by any field.
    const extra = [...viaGrafbase.keys()].filter((name) => !viaGateway.has(name)).sort();
    expect(extra).toEqual(['_Any', 'federation__FieldSet', 'federation__Policy', 'federation__Scope', 'link__Import', 'link__Purpose']);
    expect(extra.every((name) => ['SCALAR', 'ENUM'].includes(viaGrafbase.get(name).kind))).toBe(true);
    expect([...viaGateway.keys()].filter((name) => !viaGrafbase.has(name))).toEqual([]);
    // What it drops: the descriptions of enum values and of the built-in scalars.
    const describedValues = [...viaGateway.values()].flatMap((t) => (t.enumValues ?? []).filter((v: LooseBody) => v.description));
    expect(describedValues.length).toBeGreaterThan(0);
    for (const [name, type] of viaGrafbase) {
      for (const value of type.enumValues ?? []) expect({ type: name, value: value.name, description: value.description }).toEqual({ type: name, value: value.name, description: null });
    }
    const withoutDropped = (t: LooseBody) => ({
      ...t,
      description: BUILT_IN_SCALARS.includes(t.name) ? null : t.description,
      enumValues: t.enumValues?.map((v: LooseBody) => ({ ...v, description: null })) ?? null,
    });
    for (const [name, type] of viaGateway) expect(withoutDropped(viaGrafbase.get(name))).toEqual(withoutDropped(type));
  });
});

describe('the public catalogue, anonymously', () => {
  it('lists the three lecturers of Prodi PAUD Universitas Mulia', async () => {
    const { body } = await viaRouter('{ lecturers { id fullName expertise } }');
    expectNoErrors(body);
    expect(body.data.lecturers.map((l: { id: string }) => l.id).sort()).toEqual(Object.values(DEMO_IDS.lecturers).sort());
  });

  it('chains the tiered programs BASIC → INTERMEDIATE → ADVANCED', async () => {
    const { body } = await viaRouter('{ trainingPrograms { id tier prerequisite { id tier } } }');
    expectNoErrors(body);
    const byId = new Map<string, LooseBody>(body.data.trainingPrograms.map((p: { id: string }) => [p.id, p]));
    expect(byId.get(DEMO_IDS.programs.basic)?.prerequisite).toBeNull();
    expect(byId.get(DEMO_IDS.programs.intermediate)?.prerequisite).toEqual({ id: DEMO_IDS.programs.basic, tier: 'BASIC' });
    expect(byId.get(DEMO_IDS.programs.advanced)?.prerequisite).toEqual({ id: DEMO_IDS.programs.intermediate, tier: 'INTERMEDIATE' });
  });

  it('joins a venue (skb) to its district (schools)', async () => {
    const { body } = await viaRouter('query($id: ID!) { venue(id: $id) { id name capacity district { code name } } }', { id: DEMO_IDS.venues.hall });
    expectNoErrors(body);
    expect(body.data.venue).toEqual({ id: DEMO_IDS.venues.hall, name: 'Aula SKB Balikpapan Selatan', capacity: 60, district: { code: '64.71', name: 'Kota Balikpapan' } });
  });

  it('answers the whole catalogue across the three partners as the gateway does', async () => {
    const body = await expectSameAnswer(
      `query($e: ID!) {
        lecturers { id fullName academicTitle expertise }
        trainingPrograms { id code title tier hours prerequisite { code } modules { title hours lecturer { fullName } } events { id startsOn venue { name district { code name } } } }
        venues { id name capacity district { code name } }
        trainingEvent(id: $e) { title startsOn endsOn status attendanceRate venue { name } program { code } sessions { day kind topic startsAt facilitators { fullName academicTitle } } }
        districts { code name provinceCode }
      }`,
      { e: DEMO_IDS.events.balikpapan2022 },
    );
    expectNoErrors(body);
    expect(body.data.trainingEvent.sessions.length).toBeGreaterThan(0);
  });

  it("passes a subgraph's BAD_USER_INPUT on with the field it names", async () => {
    const body = await expectSameAnswer('{ venue(id: "1; drop table venue") { id } }');
    expect(body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('input a subgraph refuses as a whole request', () => {
  it('reports an impossible Date as SUBGRAPH_REQUEST_ERROR (the subgraph answered HTTP 400), where the gateway passes on its BAD_USER_INPUT', async () => {
    // The router, like the gateway, passes custom scalars on unparsed; the SKB refuses the whole request with HTTP 400.
    const query = 'query($d: Date) { trainingEvents(first: 1, filter: { startsAfter: $d }) { totalCount } }';
    const viaGateway = await gql(query, { d: '2023-02-30' });
    expect(viaGateway.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'filter.startsAfter', serviceName: 'skb' } })]);
    const { status, body } = await viaRouter(query, { d: '2023-02-30' });
    expect(status).toBe(200);
    // Root lists are nullable (contract v2): the refused field is null, not the whole answer.
    expect(body.data).toEqual({ trainingEvents: null });
    expect(body.errors).toEqual([expect.objectContaining({ message: 'Request failed with status code: 400', path: ['trainingEvents'], extensions: { code: 'SUBGRAPH_REQUEST_ERROR' } })]);
  });
});

describe('teachers across partners, with tokens', () => {
  /** A teacher of school 64710001 with registrations (skb) and assessments (university), and what the databases hold of her. */
  let teacher: { id: string; birthDate: string; registrations: number; assessments: number };

  beforeAll(async () => {
    const [row] = await sql<{ id: string; birth_date: string }>(
      'schools',
      "select id, to_char(birth_date, 'YYYY-MM-DD') as birth_date from teacher where school_npsn = '64710001' and birth_date is not null order by id",
    ).then(async (teachers) => {
      const registered = new Set((await sql<{ teacher_id: string }>('skb', 'select distinct teacher_id from registration where teacher_id is not null')).map((r) => r.teacher_id));
      const assessed = new Set((await sql<{ teacher_id: string }>('university', 'select distinct teacher_id from assessment')).map((r) => r.teacher_id));
      return teachers.filter((t) => registered.has(t.id) && assessed.has(t.id));
    });
    if (!row) throw new Error('The demo data has no teacher of 64710001 with registrations and assessments');
    const [{ n: registrations }] = await sql<{ n: number }>('skb', 'select count(*)::int as n from registration where teacher_id = $1', [row.id]);
    const [{ n: assessments }] = await sql<{ n: number }>('university', 'select count(*)::int as n from assessment where teacher_id = $1', [row.id]);
    teacher = { id: row.id, birthDate: row.birth_date, registrations, assessments };
  });

  const PAGE = `query($id: ID!) { teacher(id: $id) {
    id fullName birthDate employmentStatus highestQualification meetsQualificationStandard
    qualifications { level field verified }
    school { npsn name kind district { code name } partnership { studyProgram active } }
    trainingHistory { status event { title startsOn venue { name district { code } } program { code tier modules { title lecturer { fullName } } } } }
    assessments { preTestScore postTestScore gain passed program { code tier } event { id title } }
    highestCompletedTier
  } }`;

  it('gives a partner that is not her school the whole page but her birth date, as the gateway does', async () => {
    const body = await expectSameAnswer(PAGE, { id: teacher.id }, await tokenFor(PARTNER));
    expectNoErrors(body);
    const t = body.data.teacher;
    expect(t.school.npsn).toBe('64710001');
    expect(t.trainingHistory).toHaveLength(teacher.registrations);
    expect(t.assessments).toHaveLength(teacher.assessments);
    expect(t.birthDate).toBeNull();
  });

  it('gives her own school her birth date too, as the gateway does', async () => {
    const body = await expectSameAnswer(PAGE, { id: teacher.id }, await tokenFor(CALLERS['school admin']));
    expectNoErrors(body);
    expect(body.data.teacher.birthDate).toBe(teacher.birthDate);
    expect(body.data.teacher.trainingHistory).toHaveLength(teacher.registrations);
  });

  it('pages the teachers of a district with the same cursors and joins as the gateway', async () => {
    const [{ n }] = await sql<{ n: number }>('schools', "select count(*)::int as n from teacher t join school s on s.npsn = t.school_npsn where s.district_code = '64.71'");
    const LIST = `query($after: String) { teachers(first: 25, after: $after, filter: { districtCode: "64.71" }) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id fullName school { npsn } trainingHistory { status event { title } } assessments { passed program { tier } } highestCompletedTier } }
    } }`;
    const token = await tokenFor(PARTNER);
    const first = await expectSameAnswer(LIST, { after: null }, token);
    expectNoErrors(first);
    expect(first.data.teachers.totalCount).toBe(n);
    expect(first.data.teachers.edges).toHaveLength(Math.min(n, 25));
    const second = await expectSameAnswer(LIST, { after: first.data.teachers.pageInfo.endCursor }, token);
    expectNoErrors(second);
    const ids = [...first.data.teachers.edges, ...second.data.teachers.edges].map((e: LooseBody) => e.node.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('statistics with suppression, as an analyst', () => {
  it('answers qualifications, coverage and outcomes across the partners exactly as the gateway, small groups withheld', async () => {
    const body = await expectSameAnswer(
      `{
        qualificationStatistics(groupBy: DISTRICT, filter: { provinceCode: "64" }) {
          minimumCellSize
          total { teacherCount meetingStandard shareMeetingStandard suppressed byLevel { level count } }
          rows { group label qualifications { teacherCount meetingStandard shareMeetingStandard byLevel { level count } suppressed } }
        }
        balikpapan: district(code: "64.71") {
          name teacherCount
          training { teachersTrained byHighestTier { tier count } meanGain suppressed }
          trainingOutcomes { tier outcomes { assessed meanPreTest meanPostTest meanGain passRate suppressed } }
        }
        small: district(code: "64.09") { teacherCount training { teachersTrained meanGain suppressed } }
        trainingPrograms { code outcomes { assessed meanGain passRate suppressed } attendance { registrations attendanceRate suppressed } }
        byKind: qualificationStatistics(groupBy: SCHOOL_KIND) { total { teacherCount } rows { group qualifications { teacherCount suppressed } } }
      }`,
      undefined,
      await tokenFor(CALLERS['government analyst']),
    );
    expectNoErrors(body);
    const stats = body.data.qualificationStatistics;
    expect(stats.minimumCellSize).toBe(MIN);
    // Balikpapan is large enough to be shown; its training coverage comes from the SKB and the university for the same teachers.
    expect(body.data.balikpapan.teacherCount).toBeGreaterThanOrEqual(MIN);
    expect(body.data.balikpapan.training.teachersTrained).not.toBeNull();
    expect(body.data.balikpapan.trainingOutcomes.map((r: LooseBody) => r.tier)).toEqual(['BASIC', 'INTERMEDIATE', 'ADVANCED', null]);
    // A small district is withheld, and some province rows with it.
    expect(body.data.small.teacherCount).toBeNull();
    expect(body.data.small.training.meanGain).toBeNull();
    expect(stats.rows.some((r: LooseBody) => r.qualifications.teacherCount === null && r.qualifications.suppressed)).toBe(true);
  });
});

describe('authorization refusals, as the router reports them', () => {
  it('refuses teachers to an anonymous caller with UNAUTHENTICATED, as the gateway does', async () => {
    const body = await expectSameAnswer('{ teachers(first: 1) { edges { node { fullName } } } }');
    expect(body.data).toEqual({ teachers: null });
    expect(codes(body)).toEqual(['UNAUTHENTICATED']);
    expect(body.errors[0].message).toMatch(/needs a token/);
    expect(body.errors[0].path).toEqual(['teachers']);
  });

  it('refuses persons to a government analyst with FORBIDDEN, as the gateway does', async () => {
    const analyst = await tokenFor(CALLERS['government analyst']);
    const body = await expectSameAnswer('{ teachers(first: 1) { edges { node { fullName } } } }', undefined, analyst);
    expect(body.data).toEqual({ teachers: null });
    expect(codes(body)).toEqual(['FORBIDDEN']);
    expect(body.errors[0].message).toMatch(/government tokens read statistics only/);
    const [{ id }] = await sql<{ id: string }>('schools', 'select id from teacher order by id limit 1');
    const one = await expectSameAnswer('query($id: ID!) { teacher(id: $id) { fullName } }', { id }, analyst);
    expect(one.data).toEqual({ teacher: null });
    expect(codes(one)).toEqual(['FORBIDDEN']);
  });

  it('withholds statistics field by field from an anonymous caller, as the gateway does', async () => {
    const body = await expectSameAnswer('{ districts { code name teacherCount } }');
    expect(body.data.districts.length).toBeGreaterThan(0);
    for (const d of body.data.districts) expect(d.teacherCount).toBeNull();
    expect(new Set(codes(body))).toEqual(new Set(['UNAUTHENTICATED']));
    expect(body.errors).toHaveLength(body.data.districts.length);
  });

  it('refuses a write to an anonymous caller before anything is written, as the gateway does', async () => {
    const body = await expectSameAnswer('mutation { createTeacher(input: { npsn: "64710001", fullName: "   ", employmentStatus: GTT }) { id } }');
    expect(body.data).toBeNull();
    expect(codes(body)).toEqual(['UNAUTHENTICATED']);
  });

  it('leaves a token the subgraphs refuse to them: 200 with SUBGRAPH_REQUEST_ERROR per field, where the gateway answers 401', async () => {
    const query = '{ lecturers { fullName } }';
    const viaGateway = await gql(query, undefined, { token: 'forged.token.value' });
    expect(viaGateway.status).toBe(401);
    expect(codes(viaGateway.body)).toEqual(['UNAUTHENTICATED']);
    // Grafbase verifies no token itself (only an extension could): the university subgraph answers HTTP 401 and the router reports that status, not the subgraph's reason.
    const { status, body } = await viaRouter(query, undefined, { token: 'forged.token.value' });
    expect(status).toBe(200);
    expect(body.data).toEqual({ lecturers: null });
    expect(body.errors).toEqual([expect.objectContaining({ message: 'Request failed with status code: 401', path: ['lecturers'], extensions: { code: 'SUBGRAPH_REQUEST_ERROR' } })]);
  });

  it('keeps the internal teacher keys and the federation fields out of its API: OPERATION_VALIDATION_ERROR where the gateway says GRAPHQL_VALIDATION_FAILED', async () => {
    const analyst = await tokenFor(CALLERS['government analyst']);
    for (const query of ['{ district(code: "64.71") { teacherKeys } }', '{ _service { sdl } }', '{ _entities(representations: []) { __typename } }']) {
      const viaGateway = await gql(query, undefined, { token: analyst });
      expect(codes(viaGateway.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      const { status, body } = await viaRouter(query, undefined, { token: analyst });
      expect(status).toBe(200);
      expect(body.data ?? null).toBeNull();
      expect(codes(body)).toEqual(['OPERATION_VALIDATION_ERROR']);
    }
  });
});

describe('operation limits of router/grafbase.toml, beside the gateway defaults', () => {
  /** `{ school { teachers { edges { node { school ... } } } } }` with fields nested `depth` deep, a scalar last. */
  function nested(depth: number): string {
    const chain = ['school(npsn: "64710001")', 'teachers(first: 1)', 'edges', 'node'];
    const leaves = ['name', 'totalCount', 'cursor', 'fullName'];
    let open = '';
    let close = '';
    for (let level = 1; level < depth; level++) {
      open += `${level === 1 ? chain[0] : chain[(level - 1) % 4].replace(/\(npsn.*\)/, '')} { `;
      close += ' }';
    }
    return `{ ${open}${leaves[(depth - 2) % 4]}${close} }`;
  }
  const aliases = (n: number) => `{ lecturers { ${Array.from({ length: n }, (_, i) => `a${i}: id`).join(' ')} } }`;
  const roots = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `r${i}: lecturers { id }`).join(' ')} }`;

  it.each([
    ['depth', nested(12), nested(13), 'Query is nested too deep.'],
    ['aliases', aliases(30), aliases(31), 'Query contains too many aliases.'],
    ['root fields', roots(15), roots(16), 'Query contains too many root fields.'],
  ])('%s: the gateway\'s largest allowed operation is answered alike, one more is refused by both', async (_limit, allowed, refused, message) => {
    const token = await tokenFor(PARTNER);
    expectNoErrors(await expectSameAnswer(allowed, undefined, token));
    const viaGateway = await gql(refused, undefined, { token });
    expect(viaGateway.status).toBe(400);
    expect(codes(viaGateway.body)).toContain('GRAPHQL_VALIDATION_FAILED');
    const { status, body } = await viaRouter(refused, undefined, { token });
    expect(status).toBe(200);
    expect(body.errors).toEqual([expect.objectContaining({ message, extensions: { code: 'OPERATION_VALIDATION_ERROR' } })]);
  });

  it('caps the fields of a document once its fragments are expanded (complexity 2000)', async () => {
    // Each fragment spreads the one before twice: 2^n fields from a document of a few hundred bytes.
    const bomb = (n: number) =>
      `{ lecturers { ...F${n} } } fragment F0 on Lecturer { id }${Array.from({ length: n }, (_, i) => ` fragment F${i + 1} on Lecturer { ...F${i} ...F${i} }`).join('')}`;
    const under = await viaRouter(bomb(10));
    expectNoErrors(under.body);
    expect(under.body.data.lecturers).toHaveLength(3);
    const over = await viaRouter(bomb(11));
    expect(over.body.errors).toEqual([expect.objectContaining({ message: 'Query is too complex.', extensions: { code: 'OPERATION_VALIDATION_ERROR' } })]);
    // The gateway's weighted cost (MAX_QUERY_COST) refuses both.
    for (const n of [10, 11]) expect(codes((await gql(bomb(n))).body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('refuses a body over 100 KiB with 413, as the gateway does', async () => {
    const body = JSON.stringify({ query: 'query($x: String) { lecturers { id } }', variables: { x: 'a'.repeat(101 * 1024) } });
    for (const url of [router.url, hubUrls().gateway]) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect({ url, status: response.status }).toEqual({ url, status: 413 });
    }
  });
});

describe('headers', () => {
  it("forwards the client's x-request-id to every subgraph it asks (and returns none itself)", async () => {
    const requestId = `router-${randomUUID()}`;
    const { status, headers, body } = await viaRouter(
      'query RouterProbe($t: ID!) { teacher(id: $t) { fullName trainingHistory { status } } }',
      { t: (await sql<{ teacher_id: string }>('skb', 'select teacher_id from registration where teacher_id is not null order by id limit 1'))[0].teacher_id },
      { token: await tokenFor(PARTNER), headers: { 'x-request-id': requestId } },
    );
    expect(status).toBe(200);
    expectNoErrors(body);
    expect(headers.get('x-request-id')).toBeNull();
    // The hub writes each service's log lines to MITRA_LOG_DIR as they come (through pipes): give them a moment.
    const services = async (): Promise<string[]> =>
      ['schools', 'university', 'skb'].filter((service) =>
        fs
          .readFileSync(path.join(process.env.MITRA_LOG_DIR!, `${service}.log`), 'utf8')
          .split('\n')
          .some((line) => line.includes(`"requestId":"${requestId}"`) && line.includes('"graphql request"')),
      );
    const deadline = Date.now() + 5_000;
    while ((await services()).length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await services()).toEqual(['schools', 'skb']);
  });

  it('sends the subgraphs its own gateway secret, whatever the client sends under that name', async () => {
    // trainingHistory needs `_entities` at the SKB, which only the holder of the gateway secret may ask for.
    const [{ teacher_id: id }] = await sql<{ teacher_id: string }>('skb', 'select teacher_id from registration where teacher_id is not null order by id limit 1');
    const { body } = await viaRouter('query($id: ID!) { teacher(id: $id) { trainingHistory { status } } }', { id }, {
      token: await tokenFor(PARTNER),
      headers: { [GATEWAY_SECRET_HEADER]: 'not-the-secret-0123456789' },
    });
    expectNoErrors(body);
    expect(body.data.teacher.trainingHistory.length).toBeGreaterThan(0);
  });
});

describe('a partner down: the SKB unreachable', () => {
  const viaSkbDown = (query: string, variables?: Record<string, unknown>, options: GqlOptions = {}) => gql(query, variables, { ...options, url: skbDown.url });

  /** Whether the served schema lets `type.field` be null (Grafbase's own introspection: `grafbase dev` always serves it). */
  async function nullable(type: string, field: string): Promise<boolean> {
    const { body } = await viaSkbDown('query($t: String!) { __type(name: $t) { fields { name type { kind } } } }', { t: type });
    expectNoErrors(body);
    const found = body.data.__type.fields.find((f: LooseBody) => f.name === field);
    if (!found) throw new Error(`${type}.${field} is not in the router's schema`);
    return found.type.kind !== 'NON_NULL';
  }

  /** The one error a missing SKB causes, as Grafbase words it: the subgraph named in the message, no serviceName. */
  const skbError = (errorPath: Array<string | number>) => ({
    message: "Request to subgraph 'skb' failed.",
    locations: expect.any(Array),
    path: errorPath,
    extensions: { code: 'SUBGRAPH_REQUEST_ERROR' },
  });

  it('answers what needs no SKB in full, without errors', async () => {
    const query = '{ school(npsn: "64710001") { name district { name } partnership { active } } lecturers { fullName } districts { code } }';
    const token = await tokenFor(PARTNER);
    const [full, degraded] = await Promise.all([gql(query, undefined, { token }), viaSkbDown(query, undefined, { token })]);
    expectNoErrors(full.body);
    expect(degraded.body).toEqual({ data: full.body.data });
  });

  it("still brings the schools' data, with the SKB's nullable root field null and an error naming the subgraph", async () => {
    const query = 'query($e: ID!) { school(npsn: "64710001") { npsn name kind district { code name } } trainingEvent(id: $e) { title } }';
    const variables = { e: DEMO_IDS.events.balikpapan2022 };
    const full = await gql(query, variables);
    expectNoErrors(full.body);
    const started = Date.now();
    const { status, body } = await viaSkbDown(query, variables);
    // Refused connections fail at once: nothing waits for the 10 s subgraph timeout.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(status).toBe(200);
    expect(body.data).toEqual({ school: full.body.data.school, trainingEvent: null });
    expect(body.errors).toEqual([skbError(['trainingEvent'])]);
  });

  it("nulls a teacher's SKB training history as far as the served schema's nullability allows", async () => {
    const [{ teacher_id: id }] = await sql<{ teacher_id: string }>('skb', 'select teacher_id from registration where teacher_id is not null order by id limit 1');
    const query = 'query($id: ID!) { teacher(id: $id) { fullName school { name } assessments { passed } trainingHistory { status } } }';
    const token = await tokenFor(PARTNER);
    const full = await gql(query, { id }, { token });
    expectNoErrors(full.body);
    const { status, body } = await viaSkbDown(query, { id }, { token });
    expect(status).toBe(200);
    expect(body.errors).toEqual([skbError(['teacher', 'trainingHistory'])]);
    if (await nullable('Teacher', 'trainingHistory')) {
      // The contract's v2 shape: the schools' and the university's halves of the page survive.
      expect(body.data.teacher).toEqual({ ...full.body.data.teacher, trainingHistory: null });
    } else {
      // Teacher.trainingHistory is [Registration!]! in the served schema: its null reaches the nullable Query.teacher.
      expect(body.data).toEqual({ teacher: null });
    }
  });

  it("drops the whole answer when an SKB root field is non-null in the served schema, and keeps the schools' half when it is nullable", async () => {
    const query = '{ school(npsn: "64710001") { name } venues { name } }';
    const full = await gql(query);
    expectNoErrors(full.body);
    const { status, body } = await viaSkbDown(query);
    expect(status).toBe(200);
    expect(body.errors).toEqual([skbError(['venues'])]);
    if (await nullable('Query', 'venues')) expect(body.data).toEqual({ school: full.body.data.school, venues: null });
    else expect(body.data).toBeNull();
  });
});

describe('a partner that accepts connections and never answers', () => {
  /** Holds every connection open and answers nothing, as a hung process would. */
  let hung: net.Server;
  let sockets: net.Socket[] = [];
  let slowRouter: RunningRouter | undefined;
  let dir: string;

  beforeAll(async () => {
    hung = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const { port } = hung.address() as net.AddressInfo;
    // The committed configuration with 1 s instead of 10 s per subgraph, so the test does not wait 10 s.
    const committed = fs.readFileSync(ROUTER_CONFIG, 'utf8');
    expect(committed.match(/^timeout = "10s"$/gm)).toHaveLength(3);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-router-config-'));
    const configPath = path.join(dir, 'grafbase.toml');
    fs.writeFileSync(configPath, committed.replace(/^timeout = "10s"$/gm, 'timeout = "1s"'));
    const { subgraphs } = hubUrls();
    slowRouter = await startRouter({
      subgraphUrls: { ...subgraphs, skb: `http://127.0.0.1:${port}/graphql` },
      gatewaySecret: hubSecrets().gatewaySecret,
      sdlFrom: { skb: subgraphs.skb },
      configPath,
    });
  }, 60_000);

  afterAll(async () => {
    await slowRouter?.stop();
    for (const socket of sockets) socket.destroy();
    sockets = [];
    await new Promise((resolve) => hung.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("costs a query that needs it the subgraph's timeout, and keeps the other partners' data", async () => {
    const query = 'query($e: ID!) { school(npsn: "64710001") { npsn name } trainingEvent(id: $e) { title } }';
    const variables = { e: DEMO_IDS.events.balikpapan2022 };
    const full = await gql(query, variables);
    expectNoErrors(full.body);
    const started = Date.now();
    const { status, body } = await gql(query, variables, { url: slowRouter!.url });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(5_000);
    expect(status).toBe(200);
    expect(body.data).toEqual({ school: full.body.data.school, trainingEvent: null });
    expect(body.errors).toEqual([expect.objectContaining({ message: "Request to subgraph 'skb' failed.", path: ['trainingEvent'], extensions: { code: 'SUBGRAPH_REQUEST_ERROR' } })]);
  });
});

describe('callers asking the same thing at the same moment through the router', () => {
  // Grafbase merges identical subgraph requests in flight (npm run bench showed 200 client requests become 20
  // subgraph requests). Its key must include the caller's token: each caller gets the answer their own token allows.
  const DOCUMENT = '{ school(npsn: "64710001") { name teachers(first: 3) { totalCount edges { node { id birthDate } } } } }';

  it('each get their own answer', async () => {
    const callers = ['anonymous', 'school admin', 'university staff'] as const;
    const tokens = new Map<string, string | undefined>();
    for (const caller of callers) tokens.set(caller, await tokenOf(caller));
    const alone = new Map<string, string>();
    for (const caller of callers) alone.set(caller, JSON.stringify((await viaRouter(DOCUMENT, undefined, { token: tokens.get(caller) })).body));
    expect(new Set(alone.values()).size).toBe(3);
    for (let round = 0; round < 5; round++) {
      const wave = Array.from({ length: 12 }, (_, i) => callers[(i + round) % callers.length]);
      const answers = await Promise.all(wave.map((caller) => viaRouter(DOCUMENT, undefined, { token: tokens.get(caller) })));
      answers.forEach((answer, i) => expect({ caller: wave[i], body: JSON.stringify(answer.body) }).toEqual({ caller: wave[i], body: alone.get(wave[i]) }));
    }
  });
});
