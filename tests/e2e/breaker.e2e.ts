import { hubUrls } from '../harness/env';
import { startExtraGateway, type ExtraGateway } from '../harness/extra-gateway';
import { startTcpProxy, type TcpProxy } from '../harness/tcp-proxy';
import { CALLERS, tokenFor } from '../harness/tokens';
import { sleep, until } from '../harness/wait';
import type { LooseBody } from '../harness/client';

/**
 * Issue 16, per-partner timeouts and the circuit breaker. A gateway of its
 * own (one worker, so one breaker per partner) reaches the SKB through a
 * TCP proxy that can hang or refuse. A partner that stops answering costs
 * the first fetches its own timeout (SKB_TIMEOUT_MS, not
 * SUBGRAPH_TIMEOUT_MS); then the breaker opens and later requests fail at
 * once without reaching it, with the same coded error at the same path;
 * after the pause one request probes it, and an answer closes the circuit.
 * /readyz shows each breaker.
 */

jest.setTimeout(60_000);

const SKB_TIMEOUT_MS = 1_500;
const PAUSE_MS = 2_000;
const QUERY = 'query VenuesAndSchool { venues { name } school(npsn: "64710001") { name } }';

let proxy: TcpProxy;
let gateway: ExtraGateway;
let token: string;
let full: LooseBody;

async function ask(): Promise<{ body: LooseBody; ms: number; reached: number }> {
  const before = proxy.requests;
  const started = performance.now();
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: QUERY }),
    signal: AbortSignal.timeout(20_000),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as LooseBody;
  return { body, ms: performance.now() - started, reached: proxy.requests - before };
}

async function skbReadiness(): Promise<LooseBody> {
  const response = await fetch(`${gateway.origin}/readyz`, { signal: AbortSignal.timeout(10_000) });
  return ((await response.json()) as LooseBody).subgraphs.skb;
}

/** The SKB's part is missing, named and placed; the schools' part is there. */
function expectSkbHole(body: LooseBody, message: string | RegExp): void {
  expect(body.data).toEqual({ venues: null, school: full.data.school });
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0]).toMatchObject({ path: ['venues'], extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'skb' } });
  expect(body.errors[0].message).toMatch(message);
}

beforeAll(async () => {
  const skbPort = Number(new URL(hubUrls().subgraphs.skb).port);
  proxy = await startTcpProxy(skbPort);
  gateway = await startExtraGateway({
    GATEWAY_WORKERS: '1',
    SKB_URL: `http://127.0.0.1:${proxy.port}/graphql`,
    // The SKB's own deadline; every other partner keeps the (long) general one.
    SUBGRAPH_TIMEOUT_MS: '30000',
    SKB_TIMEOUT_MS: String(SKB_TIMEOUT_MS),
    SUBGRAPH_BREAKER_FAILURES: '2',
    SUBGRAPH_BREAKER_PAUSE_MS: String(PAUSE_MS),
    READINESS_TIMEOUT_MS: '300',
  });
  token = await tokenFor(CALLERS['school admin']);
  full = (await ask()).body;
  expect(full.errors).toBeUndefined();
  expect(full.data.venues.length).toBeGreaterThan(0);
});

afterAll(async () => {
  await gateway?.stop();
  await proxy?.close();
});

afterEach(async () => {
  // Every test leaves the SKB reachable and its breaker closed.
  await proxy.setMode('pass');
  await until(async () => (await skbReadiness()).breaker.state !== 'open', PAUSE_MS + 5_000, 'the pause did not end');
  await until(async () => !(await ask()).body.errors, 10_000, 'the SKB was not used again');
});

it('a hung partner costs its own timeout twice, then milliseconds, and is probed again after the pause', async () => {
  expect(await skbReadiness()).toEqual({ status: 'up', breaker: { state: 'closed' } });
  await proxy.setMode('hang');

  for (let i = 0; i < 2; i++) {
    const { body, ms, reached } = await ask();
    expectSkbHole(body, `The skb service did not answer within ${SKB_TIMEOUT_MS} ms`);
    expect(reached).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(SKB_TIMEOUT_MS - 50);
  }
  const open = await skbReadiness();
  expect(open).toMatchObject({ status: 'down', reason: 'no answer within 300 ms', breaker: { state: 'open' } });
  expect(open.breaker.retryInMs).toBeGreaterThan(0);
  expect(open.breaker.retryInMs).toBeLessThanOrEqual(PAUSE_MS);

  // Open: the SKB is not asked at all, and the answer does not wait for its timeout.
  for (let i = 0; i < 3; i++) {
    const { body, ms, reached } = await ask();
    expectSkbHole(body, /^The skb service is unavailable \(it stopped answering; tried again in \d+ s\)$/);
    expect(reached).toBe(0);
    expect(ms).toBeLessThan(SKB_TIMEOUT_MS);
  }

  // After the pause, one request probes it; still hung, so the circuit opens again.
  await sleep(PAUSE_MS + 100);
  expect((await skbReadiness()).breaker).toEqual({ state: 'half-open' });
  const probe = await ask();
  expectSkbHole(probe.body, `The skb service did not answer within ${SKB_TIMEOUT_MS} ms`);
  expect(probe.reached).toBe(1);
  expect((await skbReadiness()).breaker.state).toBe('open');

  // Back: after the next pause the probe gets its answer and the circuit closes.
  await proxy.setMode('pass');
  await sleep(PAUSE_MS + 100);
  expect((await ask()).body).toEqual(full);
  expect(await skbReadiness()).toEqual({ status: 'up', breaker: { state: 'closed' } });
});

it('a refusing partner opens the circuit too, and the other partners answer throughout', async () => {
  await proxy.setMode('refuse');
  for (let i = 0; i < 2; i++) expectSkbHole((await ask()).body, 'The skb service is unavailable');
  expect(await skbReadiness()).toMatchObject({ status: 'down', reason: 'unreachable', breaker: { state: 'open' } });
  expectSkbHole((await ask()).body, /stopped answering/);

  await proxy.setMode('pass');
  await sleep(PAUSE_MS + 100);
  expect((await ask()).body).toEqual(full);
  expect((await skbReadiness()).breaker).toEqual({ state: 'closed' });
});

it('a partner that answers again before the circuit opens keeps it closed (failures in a row only)', async () => {
  await proxy.setMode('refuse');
  expectSkbHole((await ask()).body, 'The skb service is unavailable');
  await proxy.setMode('pass');
  expect((await ask()).body).toEqual(full);
  await proxy.setMode('refuse');
  expectSkbHole((await ask()).body, 'The skb service is unavailable');
  expect((await skbReadiness()).breaker).toEqual({ state: 'closed' });
});
