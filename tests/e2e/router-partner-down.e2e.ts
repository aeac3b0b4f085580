import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROUTER_CONFIG, type RunningRouter } from '@mitra/cli';
import { findFreePort } from '@mitra/devtools';
import { DEMO_IDS } from '@mitra/fixtures';
import { expectNoErrors, gql, type GqlOptions, type LooseBody } from '../harness/client';
import { sql } from '../harness/db';
import { hubUrls } from '../harness/env';
import { startHubRouter, startRouters } from '../harness/router';
import { PARTNER, tokenFor } from '../harness/tokens';

/**
 * Issue 17, the router when a partner is missing (see router.e2e.ts): a
 * router whose SKB URL is a port where nothing listens shows the partial
 * results; another, on a copy of the configuration with shorter subgraph
 * timeouts, an SKB that accepts connections and never answers. Both start
 * once, together.
 */

/** The same router as router.e2e.ts's, except that the SKB subgraph is unreachable. */
let skbDown: RunningRouter;
/** Its SKB holds every connection open and answers nothing, as a hung process would; 1 s subgraph timeouts. */
let slowRouter: RunningRouter;
let hung: net.Server;
let sockets: net.Socket[] = [];
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
  const nobody = `http://127.0.0.1:${await findFreePort()}/graphql`;
  [skbDown, slowRouter] = await startRouters(
    startHubRouter({ subgraphUrls: { skb: nobody }, sdlFrom: { skb: subgraphs.skb } }),
    startHubRouter({ subgraphUrls: { skb: `http://127.0.0.1:${port}/graphql` }, sdlFrom: { skb: subgraphs.skb }, configPath }),
  );
}, 60_000);

afterAll(async () => {
  await Promise.all([skbDown?.stop(), slowRouter?.stop()]);
  for (const socket of sockets) socket.destroy();
  sockets = [];
  await new Promise((resolve) => hung?.close(resolve));
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a partner down: the SKB unreachable', () => {
  const viaSkbDown = (query: string, variables?: Record<string, unknown>, options: GqlOptions = {}) =>
    gql(query, variables, { ...options, url: skbDown.url });

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
    const query =
      '{ school(npsn: "64710001") { name district { name } partnership { active } } lecturers { fullName } districts { code } }';
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
    const [{ teacher_id: id }] = await sql<{ teacher_id: string }>(
      'skb',
      'select teacher_id from registration where teacher_id is not null order by id limit 1',
    );
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
  it("costs a query that needs it the subgraph's timeout, and keeps the other partners' data", async () => {
    const query = 'query($e: ID!) { school(npsn: "64710001") { npsn name } trainingEvent(id: $e) { title } }';
    const variables = { e: DEMO_IDS.events.balikpapan2022 };
    const full = await gql(query, variables);
    expectNoErrors(full.body);
    const started = Date.now();
    const { status, body } = await gql(query, variables, { url: slowRouter.url });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(5_000);
    expect(status).toBe(200);
    expect(body.data).toEqual({ school: full.body.data.school, trainingEvent: null });
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: "Request to subgraph 'skb' failed.",
        path: ['trainingEvent'],
        extensions: { code: 'SUBGRAPH_REQUEST_ERROR' },
      }),
    ]);
  });
});
