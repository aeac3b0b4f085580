import { DEMO_IDS, buildDemoWorld } from '@mitra/fixtures';
import { SUBGRAPH_NAMES, subgraphUrlEnv, type SubgraphName } from '@mitra/runtime';
import { TEACHER_QUERY } from '@mitra/schema';
import { expectNoErrors, gql, type LooseBody } from '../harness/client';
import { hubUrls } from '../harness/env';
import { startExtraGateway, type ExtraGateway } from '../harness/extra-gateway';
import { tokenOf } from '../harness/tokens';
import { WanProxy } from '../harness/wan-proxy';

/**
 * Issue 16: partners far from the gateway. Each partner sits behind a
 * WanProxy on loopback that adds a round trip to every request (and one
 * more per new connection), and a gateway of its own reaches them only
 * through it. Answers are the same as on the hub's gateway; a partner that
 * is down or hangs costs its own fields only, with a coded error that names
 * it and carries the path (of the entity it was asked about, as the gateway
 * reports a failed fetch), within that partner's timeout (<NAME>_TIMEOUT_MS).
 */

jest.setTimeout(120_000);

const RTT_MS = 30;
const SKB_TIMEOUT_MS = 1_500;
const world = buildDemoWorld();
const teacher = world.teachers.find((t) => t.npsn === DEMO_IDS.firstBalikpapanSchool)!;

const DISTRICT = `query DistrictStatistics($code: ID!) {
  district(code: $code) { name teacherCount training { teachersTrained byHighestTier { tier count } meanGain suppressed } }
}`;

const proxies = {} as Record<SubgraphName, WanProxy>;
let far: ExtraGateway;
let schoolToken: string;
let analystToken: string;
/** The teacher's whole answer with every partner there (the first test reads it). */
let fullTeacher: LooseBody;

beforeAll(async () => {
  for (const name of SUBGRAPH_NAMES) {
    proxies[name] = await WanProxy.start({ targetPort: Number(new URL(hubUrls().subgraphs[name]).port), rttMs: RTT_MS });
  }
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, proxies[n].url()])) as Record<SubgraphName, string>;
  far = await startExtraGateway({ ...subgraphUrlEnv(urls), SKB_TIMEOUT_MS: String(SKB_TIMEOUT_MS) });
  schoolToken = (await tokenOf('school admin'))!;
  analystToken = (await tokenOf('government analyst'))!;
});

afterAll(async () => {
  await far?.stop();
  await Promise.all(Object.values(proxies).map((p) => p.close()));
});

const ask = (url: string, query: string, variables: Record<string, unknown>, token: string) => gql(query, variables, { url, token });

const errorsOf = (body: LooseBody) =>
  ((body.errors ?? []) as Array<{ path?: unknown; extensions?: { code?: string; serviceName?: string } }>).map((e) => ({
    code: e.extensions?.code,
    serviceName: e.extensions?.serviceName,
    path: e.path,
  }));

describe('partners behind a wide-area link', () => {
  it('answer district statistics and a teacher across partners as the hub does, through the proxies', async () => {
    const near = await ask(hubUrls().gateway, DISTRICT, { code: '64.71' }, analystToken);
    const before = proxies.skb.traffic.bytesUp + proxies.university.traffic.bytesUp;
    const farAnswer = await ask(far.url, DISTRICT, { code: '64.71' }, analystToken);
    expectNoErrors(farAnswer.body);
    expect(farAnswer.body).toEqual(near.body);
    // The teacher keys went to the partners through the proxies, not around them.
    expect(proxies.skb.traffic.bytesUp + proxies.university.traffic.bytesUp).toBeGreaterThan(before);

    const teacherNear = await ask(hubUrls().gateway, TEACHER_QUERY, { id: teacher.id }, schoolToken);
    const teacherFar = await ask(far.url, TEACHER_QUERY, { id: teacher.id }, schoolToken);
    expectNoErrors(teacherFar.body);
    expect(teacherFar.body.data.teacher.fullName).toBe(teacher.fullName);
    expect(teacherFar.body).toEqual(teacherNear.body);
    fullTeacher = teacherFar.body;
  });

  it("a partner that hangs is given up after its own timeout, with the others' fields and a coded error", async () => {
    proxies.skb.setMode('hang');
    try {
      const started = performance.now();
      const { body } = await ask(far.url, TEACHER_QUERY, { id: teacher.id }, schoolToken);
      const elapsed = performance.now() - started;
      expect(body.data.teacher).toEqual({ ...fullTeacher.data.teacher, trainingHistory: null });
      expect(errorsOf(body).map((e) => ({ serviceName: e.serviceName, path: e.path }))).toEqual([
        { serviceName: 'skb', path: ['teacher'] },
      ]);
      expect(errorsOf(body)[0].code).toMatch(/^(SERVICE_UNAVAILABLE|GATEWAY_TIMEOUT)$/);
      // SKB_TIMEOUT_MS, not the gateway's default SUBGRAPH_TIMEOUT_MS (10 s): the partner's own deadline applied.
      expect(elapsed).toBeGreaterThanOrEqual(SKB_TIMEOUT_MS - 50);
      expect(elapsed).toBeLessThan(10_000);
    } finally {
      proxies.skb.setMode('pass');
    }
  });
  it('a partner that is down costs its own fields only: SERVICE_UNAVAILABLE naming it, with the path', async () => {
    proxies.skb.setMode('refuse');
    try {
      const { status, body } = await ask(far.url, TEACHER_QUERY, { id: teacher.id }, schoolToken);
      expect(status).toBe(200);
      expect(body.data.teacher).toEqual({ ...fullTeacher.data.teacher, trainingHistory: null });
      expect(errorsOf(body)).toEqual([{ code: 'SERVICE_UNAVAILABLE', serviceName: 'skb', path: ['teacher'] }]);
    } finally {
      proxies.skb.setMode('pass');
    }
  });
});
