import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { getIntrospectionQuery } from 'graphql';
import { ROUTER_CONFIG, startRouter } from '@mitra/cli';
import { DEMO_IDS } from '@mitra/fixtures';
import { GATEWAY_SECRET_HEADER } from '@mitra/runtime';
import { expectNoErrors, gql, type LooseBody } from '../harness/client';
import { sql } from '../harness/db';
import { hubSecrets, hubUrls } from '../harness/env';
import { codes, expectSameAnswer, useHubRouter, viaRouter } from '../harness/router';
import { PARTNER, tokenFor } from '../harness/tokens';
import { until } from '../harness/wait';

/**
 * Issue 17, the Rust router as the tested scale path: Grafbase's federation
 * router (`grafbase dev` with the committed router/grafbase.toml) over the
 * shared hub's subgraphs answers the read side as the Node gateway does.
 * Where both answer, the data and each error's message, path and code are
 * compared with the gateway's answer to the same query and token; where
 * Grafbase differs by design (validation codes, a token the subgraphs
 * refuse, a partner that is down) the test pins what it does, which
 * docs/router.md describes. Here: the router process, the API it serves,
 * the public catalogue, its operation limits and the headers it sends.
 * With tokens: router-tokens.e2e.ts; a partner down or hung:
 * router-partner-down.e2e.ts. The router starts once per file.
 */

const router = useHubRouter();

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
      await expect(
        startRouter({ subgraphUrls: hubUrls().subgraphs, gatewaySecret: hubSecrets().gatewaySecret, configPath }),
      ).rejects.toThrow(
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
  const byName = <T extends { name: string }>(list: T[] | null): T[] | null =>
    list && [...list].sort((a, b) => a.name.localeCompare(b.name));

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
      for (const value of type.enumValues ?? [])
        expect({ type: name, value: value.name, description: value.description }).toEqual({
          type: name,
          value: value.name,
          description: null,
        });
    }
    // And the descriptions of the root types: Grafbase 0.103's composer keeps no description of
    // Query or Mutation from any subgraph (named so or not), where the gateway keeps the one every
    // subgraph gives (kit root-types.ts). Only those two, checked here; every other type's
    // description is compared below.
    const roots = viaGateway.get('(roots)');
    const rootTypes = [roots.queryType.name, roots.mutationType.name];
    expect(rootTypes).toEqual(['Query', 'Mutation']);
    for (const name of rootTypes) {
      expect({ type: name, description: viaGateway.get(name).description }).toEqual({ type: name, description: expect.any(String) });
      expect({ type: name, description: viaGrafbase.get(name).description }).toEqual({ type: name, description: null });
    }
    const withoutDropped = (t: LooseBody) => ({
      ...t,
      description: BUILT_IN_SCALARS.includes(t.name) || rootTypes.includes(t.name) ? null : t.description,
      enumValues: t.enumValues?.map((v: LooseBody) => ({ ...v, description: null })) ?? null,
    });
    for (const [name, type] of viaGateway) expect(withoutDropped(viaGrafbase.get(name))).toEqual(withoutDropped(type));
  });
});

describe('the public catalogue, anonymously', () => {
  it("lists the lecturers: Prodi PAUD Universitas Mulia's three and LPD Banten's two", async () => {
    const { body } = await viaRouter(router, '{ lecturers { id fullName expertise } }');
    expectNoErrors(body);
    expect(body.data.lecturers.map((l: { id: string }) => l.id).sort()).toEqual(Object.values(DEMO_IDS.lecturers).sort());
  });

  it('chains the tiered programs BASIC → INTERMEDIATE → ADVANCED', async () => {
    const { body } = await viaRouter(router, '{ trainingPrograms { id tier prerequisite { id tier } } }');
    expectNoErrors(body);
    const byId = new Map<string, LooseBody>(body.data.trainingPrograms.map((p: { id: string }) => [p.id, p]));
    expect(byId.get(DEMO_IDS.programs.basic)?.prerequisite).toBeNull();
    expect(byId.get(DEMO_IDS.programs.intermediate)?.prerequisite).toEqual({ id: DEMO_IDS.programs.basic, tier: 'BASIC' });
    expect(byId.get(DEMO_IDS.programs.advanced)?.prerequisite).toEqual({ id: DEMO_IDS.programs.intermediate, tier: 'INTERMEDIATE' });
  });

  it('joins a venue (skb) to its district (schools)', async () => {
    const { body } = await viaRouter(router, 'query($id: ID!) { venue(id: $id) { id name capacity district { code name } } }', {
      id: DEMO_IDS.venues.hall,
    });
    expectNoErrors(body);
    expect(body.data.venue).toEqual({
      id: DEMO_IDS.venues.hall,
      name: 'Aula SKB Balikpapan Selatan',
      capacity: 60,
      district: { code: '64.71', name: 'Kota Balikpapan' },
    });
  });

  it('answers the whole catalogue across the three partners as the gateway does', async () => {
    const body = await expectSameAnswer(
      router,
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
    const body = await expectSameAnswer(router, '{ venue(id: "1; drop table venue") { id } }');
    expect(body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('input a subgraph refuses as a whole request', () => {
  it('reports an impossible Date as SUBGRAPH_REQUEST_ERROR (the subgraph answered HTTP 400), where the gateway passes on its BAD_USER_INPUT', async () => {
    // The router, like the gateway, passes custom scalars on unparsed; the SKB refuses the whole request with HTTP 400.
    const query = 'query($d: Date) { trainingEvents(first: 1, filter: { startsAfter: $d }) { totalCount } }';
    const viaGateway = await gql(query, { d: '2023-02-30' });
    expect(viaGateway.body.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'filter.startsAfter', serviceName: 'skb' } }),
    ]);
    const { status, body } = await viaRouter(router, query, { d: '2023-02-30' });
    expect(status).toBe(200);
    // Root lists are nullable (contract v2): the refused field is null, not the whole answer.
    expect(body.data).toEqual({ trainingEvents: null });
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'Request failed with status code: 400',
        path: ['trainingEvents'],
        extensions: { code: 'SUBGRAPH_REQUEST_ERROR' },
      }),
    ]);
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
  ])(
    "%s: the gateway's largest allowed operation is answered alike, one more is refused by both",
    async (_limit, allowed, refused, message) => {
      const token = await tokenFor(PARTNER);
      expectNoErrors(await expectSameAnswer(router, allowed, undefined, token));
      const viaGateway = await gql(refused, undefined, { token });
      expect(viaGateway.status).toBe(400);
      expect(codes(viaGateway.body)).toContain('GRAPHQL_VALIDATION_FAILED');
      const { status, body } = await viaRouter(router, refused, undefined, { token });
      expect(status).toBe(200);
      expect(body.errors).toEqual([expect.objectContaining({ message, extensions: { code: 'OPERATION_VALIDATION_ERROR' } })]);
    },
  );

  it("counts introspection fields too: the standard introspection query is refused, which the gateway's depth limit exempts", async () => {
    // graphql-js's introspection query, the one explorers, IDEs and code generators send: its type
    // references (ofType within ofType) nest 15 fields deep.
    const introspection = getIntrospectionQuery();
    const viaGateway = await gql(introspection);
    expect(viaGateway.status).toBe(200);
    expectNoErrors(viaGateway.body);
    expect(viaGateway.body.data.__schema.queryType).toMatchObject({ name: 'Query' });
    const { status, body } = await viaRouter(router, introspection);
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      expect.objectContaining({ message: 'Query is nested too deep.', extensions: { code: 'OPERATION_VALIDATION_ERROR' } }),
    ]);
  });

  it('caps the fields of a document once its fragments are expanded (complexity 2000)', async () => {
    // Each fragment spreads the one before twice: 2^n fields from a document of a few hundred bytes.
    const bomb = (n: number) =>
      `{ lecturers { ...F${n} } } fragment F0 on Lecturer { id }${Array.from({ length: n }, (_, i) => ` fragment F${i + 1} on Lecturer { ...F${i} ...F${i} }`).join('')}`;
    const under = await viaRouter(router, bomb(10));
    expectNoErrors(under.body);
    // Every lecturer of the hub (the demo's: Universitas Mulia's and LPD Banten's), each once.
    const [{ n: lecturers }] = await sql<{ n: number }>('university', 'select count(*)::int as n from lecturer');
    expect(under.body.data.lecturers).toHaveLength(lecturers);
    expect(lecturers).toBeGreaterThan(0);
    const over = await viaRouter(router, bomb(11));
    expect(over.body.errors).toEqual([
      expect.objectContaining({ message: 'Query is too complex.', extensions: { code: 'OPERATION_VALIDATION_ERROR' } }),
    ]);
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
      router,
      'query RouterProbe($t: ID!) { teacher(id: $t) { fullName trainingHistory { status } } }',
      {
        t: (
          await sql<{ teacher_id: string }>('skb', 'select teacher_id from registration where teacher_id is not null order by id limit 1')
        )[0].teacher_id,
      },
      { token: await tokenFor(PARTNER), headers: { 'x-request-id': requestId } },
    );
    expect(status).toBe(200);
    expectNoErrors(body);
    expect(headers.get('x-request-id')).toBeNull();
    // The hub writes each service's log lines to MITRA_LOG_DIR as they come (through pipes): wait for them to land.
    const operations = (service: string): string[] =>
      fs
        .readFileSync(path.join(process.env.MITRA_LOG_DIR!, `${service}.log`), 'utf8')
        .split('\n')
        .filter((line) => line.includes(`"requestId":"${requestId}"`) && line.includes('"graphql request"'))
        .map((line) => JSON.parse(line).operation as string);
    const SERVICES = ['schools', 'university', 'skb'];
    /** Who was asked, by the router itself (its subgraph requests are anonymous operations) or for the caller's reach. */
    const asked = () => ({
      byRouter: SERVICES.filter((service) => operations(service).some((op) => !op.startsWith('PersonReach'))),
      forReach: SERVICES.filter((service) => operations(service).some((op) => op.startsWith('PersonReach'))),
    });
    await until(
      async () => asked().byRouter.length >= 2 && asked().forReach.length >= 2,
      5_000,
      'the subgraphs did not log the request',
      50,
    );
    // The router asks the schools (the teacher) and the SKB (her training history) ...
    expect(asked().byRouter).toEqual(['schools', 'skb']);
    // ... and, need-to-know (issue 12), the schools subgraph asks the gateway for the caller's reach (`myReach`, the
    // university's programs and partnerships, the SKB's registrations) with the same x-request-id: intended, so that
    // one id follows every request a client's request causes. The university is asked for nothing else.
    expect(asked().forReach).toEqual(['university', 'skb']);
    expect(SERVICES.filter((service) => operations(service).length > 0)).toEqual(SERVICES);
  });

  it('sends the subgraphs its own gateway secret, whatever the client sends under that name', async () => {
    // trainingHistory needs `_entities` at the SKB, which only the holder of the gateway secret may ask for.
    const [{ teacher_id: id }] = await sql<{ teacher_id: string }>(
      'skb',
      'select teacher_id from registration where teacher_id is not null order by id limit 1',
    );
    const { body } = await viaRouter(
      router,
      'query($id: ID!) { teacher(id: $id) { trainingHistory { status } } }',
      { id },
      {
        token: await tokenFor(PARTNER),
        headers: { [GATEWAY_SECRET_HEADER]: 'not-the-secret-0123456789' },
      },
    );
    expectNoErrors(body);
    expect(body.data.teacher.trainingHistory.length).toBeGreaterThan(0);
  });
});
