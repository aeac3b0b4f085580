import { readFileSync } from 'node:fs';
import { DEMO_IDS, buildDemoWorld } from '@mitra/fixtures';
import { type SubgraphName } from '@mitra/runtime';
import { SUPERGRAPH_PATH, SupergraphPlanner } from '@mitra/schema';
import { type LooseBody } from '../harness/client';
import { askProbe, problemsWith, readyz as readyzOf, type Answer, type Probe } from '../harness/faults';
import { metricValue, scrape } from '../harness/metrics';
import { requestLines, startOwnHub, type OwnHub } from '../harness/own-hub';
import { CALLERS } from '../harness/tokens';
import { until } from '../harness/wait';

/**
 * Issue 7, subgraph faults: each subgraph in turn is stopped (SIGTERM, as a
 * deployment would) while clients keep sending a mix of queries, then
 * started again; one is frozen (SIGSTOP) so that it accepts and never
 * answers. The gateway must answer every query: in full when it does not
 * need the missing partner, otherwise with the other partners' data as far
 * as the schema's nullability lets it survive, and a SERVICE_UNAVAILABLE
 * error naming the partner, within its timeout; and use the partner again
 * once it is back, without a restart. A stopped service finishes what it
 * was doing and exits 0; one that crashes is started again by the hub
 * while the others keep serving. On a hub of its own
 * (harness/own-hub.ts). Graceful shutdown (SIGTERM with a write in flight)
 * is faults-shutdown.e2e.ts.
 */

jest.setTimeout(120_000);

const SUBGRAPH_TIMEOUT_MS = 1_500;
const SUBGRAPHS: SubgraphName[] = ['schools', 'university', 'skb'];
const world = buildDemoWorld();
const teacher = world.teachers.find((t) => t.npsn === DEMO_IDS.firstBalikpapanSchool)!;

let own: OwnHub;
let partnerToken: string;

const PROBES: Probe[] = [
  {
    name: 'Roots',
    query: `query Roots($v: ID!, $p: ID!) { district(code: "64.71") { name } venue(id: $v) { name capacity } trainingProgram(id: $p) { code tier } }`,
    variables: { v: DEMO_IDS.venues.hall, p: DEMO_IDS.programs.basic },
    needs: ['schools', 'skb', 'university'],
  },
  {
    name: 'SchoolsOnly',
    query: 'query SchoolsOnly { school(npsn: "64710001") { name district { name } } districts { code } }',
    needs: ['schools'],
  },
  {
    name: 'SkbOnly',
    query: 'query SkbOnly($e: ID!) { venues { name capacity } trainingEvent(id: $e) { title status } }',
    variables: { e: DEMO_IDS.events.balikpapan2022 },
    needs: ['skb'],
  },
  {
    name: 'UniversityOnly',
    query: 'query UniversityOnly { lecturers { fullName } trainingPrograms { code tier } }',
    needs: ['university'],
  },
  {
    name: 'TeacherAcross',
    query: 'query TeacherAcross($t: ID!) { teacher(id: $t) { fullName highestCompletedTier school { name partnership { active } } } }',
    variables: { t: teacher.id },
    needs: ['schools', 'university'],
  },
  {
    // The SKB answers the program's code and the district's name itself (mirrored catalogue, @provides):
    // hours and provinceCode are what only the university and the schools answer.
    name: 'EventAcross',
    query:
      'query EventAcross($e: ID!) { trainingEvent(id: $e) { title program { code hours } venue { name district { name provinceCode } } } }',
    variables: { e: DEMO_IDS.events.balikpapan2022 },
    needs: ['skb', 'university', 'schools'],
  },
];

const TEACHER_SKB_PART: Probe = {
  name: 'TeacherSkbPart',
  query: 'query TeacherSkbPart($t: ID!) { teacher(id: $t) { fullName trainingHistory { status } assessments { passed } } venues { name } }',
  variables: { t: teacher.id },
  needs: ['schools', 'skb', 'university'],
};

describe('the probes', () => {
  it("each declares the partners its query plan fetches from (the gateway's planner over the committed supergraph)", () => {
    const planner = new SupergraphPlanner(readFileSync(SUPERGRAPH_PATH, 'utf8'));
    for (const probe of [...PROBES, TEACHER_SKB_PART]) {
      const planned = planner.shape(probe.query, probe.name).services.sort();
      expect({ probe: probe.name, needs: [...probe.needs].sort() }).toEqual({ probe: probe.name, needs: planned });
    }
  });
});

const ask = (probe: Probe): Promise<Answer> => askProbe(own.gatewayUrl, partnerToken, probe, SUBGRAPH_TIMEOUT_MS + 5_000);
const readyz = (): Promise<Answer> => readyzOf(own.gatewayUrl);

beforeAll(async () => {
  // As `npm start` runs it: a service that crashes is started again while the others keep serving.
  own = await startOwnHub({
    // No circuit breaker here (breaker.e2e.ts tests it): every fetch reaches the partner, so each outage shows as it happens.
    env: { SUBGRAPH_TIMEOUT_MS: String(SUBGRAPH_TIMEOUT_MS), READINESS_TIMEOUT_MS: '500', SUBGRAPH_BREAKER_FAILURES: '1000' },
    restartCrashed: true,
    sharedPostgresServer: true,
  });
  partnerToken = await own.token(CALLERS['school admin']);
  for (const probe of PROBES) {
    const answer = await ask(probe);
    expect({ probe: probe.name, errors: answer.body.errors }).toEqual({ probe: probe.name, errors: undefined });
    probe.full = answer.body;
  }
}, 120_000);

afterAll(async () => {
  await own?.close();
});

describe('a subgraph stopped, then started again, under a run of mixed queries', () => {
  /** When each subgraph was missing: an answer may lack a partner only if its request overlapped that partner's outage. */
  const outages: Array<{ subgraph: SubgraphName; from: number; to: number }> = [];
  const seen = { answers: 0, degraded: 0, problems: [] as string[] };
  let running = true;
  const CLIENTS = [0, 1, 2, 3];
  /** When the request each client last had answered was sent. */
  const lastSent: number[] = CLIENTS.map(() => 0);

  async function client(offset: number): Promise<void> {
    for (let i = offset; running; i++) {
      const probe = PROBES[i % PROBES.length];
      const started = Date.now();
      const answer = await ask(probe);
      const ended = Date.now();
      const down = new Set(outages.filter((o) => o.from <= ended && o.to >= started).map((o) => o.subgraph));
      seen.answers += 1;
      if (answer.body.errors) seen.degraded += 1;
      for (const problem of problemsWith(probe, answer, down))
        seen.problems.push(`${probe.name} (down: ${[...down].join(',') || 'none'}): ${problem}`);
      lastSent[offset] = started;
    }
  }

  /** Until every client has had an answer to a request it sent at `since` or later. */
  const everyClientAnsweredSince = (since: number, what: string): Promise<void> =>
    until(async () => lastSent.every((sent) => sent >= since), 10_000, `not every client had an answer ${what}`, 20);

  it.each(SUBGRAPHS)(
    '%s: the other partners keep answering, the missing part is a coded error, and it is used again once back',
    async (name) => {
      const runStarted = Date.now();
      const clients = CLIENTS.map((offset) => client(offset));
      try {
        // The mixed run is under way before the outage.
        await everyClientAnsweredSince(runStarted, 'before the outage');
        const outage = { subgraph: name, from: Date.now(), to: Number.POSITIVE_INFINITY };
        outages.push(outage);
        // Graceful: SIGTERM, in-flight requests finish, the pool closes, exit code 0.
        expect(await own.hub.stopService(name)).toEqual({ code: 0, signal: null });

        const ready = await readyz();
        expect(ready.status).toBe(503);
        expect(ready.body).toMatchObject({
          status: 'unavailable',
          unavailable: [name],
          subgraphs: { [name]: { status: 'down', reason: 'unreachable' } },
        });

        // Every probe once more while it is down, each checked against its full answer.
        const down = new Set([name]);
        for (const probe of PROBES) {
          const answer = await ask(probe);
          expect({ probe: probe.name, problems: problemsWith(probe, answer, down) }).toEqual({ probe: probe.name, problems: [] });
          if (probe.needs.includes(name)) {
            expect(answer.body.errors.length).toBeGreaterThan(0);
            expect(answer.body.errors[0].message).toBe(`The ${name} service is unavailable`);
          }
        }
        // What survives is what the schema lets survive: nullable fields of the missing partner are null, the rest is there.
        const roots = await ask(PROBES[0]);
        const rootOf: Record<SubgraphName, string> = { schools: 'district', skb: 'venue', university: 'trainingProgram' };
        expect(roots.body.data).toEqual({ ...PROBES[0].full.data, [rootOf[name]]: null });
        if (name === 'university') {
          const across = await ask(PROBES[4]);
          expect(across.body.data.teacher).toEqual({
            ...PROBES[4].full.data.teacher,
            highestCompletedTier: null,
            school: { ...PROBES[4].full.data.teacher.school, partnership: null },
          });
        }

        await own.hub.startService(name);
        await until(async () => (await readyz()).status === 200, 20_000, `the gateway did not see ${name} again`);
        outage.to = Date.now();
        for (const probe of PROBES)
          expect({ probe: probe.name, body: (await ask(probe)).body }).toEqual({ probe: probe.name, body: probe.full });
        // And goes on once the partner is back.
        await everyClientAnsweredSince(outage.to, `after ${name} was back`);
      } finally {
        running = false;
        await Promise.all(clients);
        running = true;
      }
      expect(own.crash.error).toBeUndefined();
    },
  );

  it('checked every answer of the mixed run: complete, or degraded only by a partner that was missing at the time', () => {
    expect(seen.problems.slice(0, 10)).toEqual([]);
    expect(seen.degraded).toBeGreaterThan(0);
    expect(seen.answers).toBeGreaterThan(seen.degraded);
    console.log(`subgraph faults: ${seen.answers} answers in the mixed run, ${seen.degraded} degraded while a partner was stopped`);
  });
});

describe('a subgraph that accepts connections and never answers (frozen)', () => {
  it('costs a query that needs it no more than the timeout, names it, and is used again once it runs', async () => {
    own.hub.pauseService('university');
    try {
      for (const probe of PROBES.filter((p) => p.name === 'UniversityOnly' || p.name === 'SchoolsOnly' || p.name === 'TeacherAcross')) {
        const answer = await ask(probe);
        expect(problemsWith(probe, answer, new Set(['university']))).toEqual([]);
        if (probe.needs.includes('university')) {
          expect(answer.body.errors[0].message).toBe(`The university service did not answer within ${SUBGRAPH_TIMEOUT_MS} ms`);
        }
      }
      const ready = await readyz();
      expect(ready.body).toMatchObject({
        unavailable: ['university'],
        subgraphs: { university: { status: 'down', reason: 'no answer within 500 ms' } },
      });
    } finally {
      own.hub.resumeService('university');
    }
    await until(async () => (await readyz()).status === 200, 20_000, 'the gateway did not see university again');
    for (const probe of PROBES) expect((await ask(probe)).body).toEqual(probe.full);
  });
});

describe('an outage nulls only the missing partner’s part (contract v2 nullability)', () => {
  it('keeps a teacher, her school’s data and her assessments when the SKB is down, with a coded error at the hole', async () => {
    const probe = TEACHER_SKB_PART;
    const full = (await ask(probe)).body;
    expect(full.errors).toBeUndefined();
    expect(full.data.teacher.trainingHistory.length).toBeGreaterThan(0);
    expect(await own.hub.stopService('skb')).toEqual({ code: 0, signal: null });
    try {
      const { status, body } = await ask(probe);
      expect(status).toBe(200);
      expect(body.data).toEqual({ teacher: { ...full.data.teacher, trainingHistory: null }, venues: null });
      expect(
        body.errors
          .map((e: LooseBody) => ({ path: e.path, code: e.extensions.code, serviceName: e.extensions.serviceName }))
          .sort((a: LooseBody, b: LooseBody) => a.path[0].localeCompare(b.path[0])),
      ).toEqual([
        { path: ['teacher'], code: 'SERVICE_UNAVAILABLE', serviceName: 'skb' },
        { path: ['venues'], code: 'SERVICE_UNAVAILABLE', serviceName: 'skb' },
      ]);
    } finally {
      await own.hub.startService('skb');
    }
    await until(async () => (await readyz()).status === 200, 20_000, 'the gateway did not see skb again');
    expect((await ask(probe)).body).toEqual(full);
  });
});

describe('a subgraph that crashes (SIGKILL) under npm start', () => {
  it.each(['skb', 'university', 'schools'] as const)('%s comes back by itself, and meanwhile the others keep serving', async (name) => {
    const pid = own.hub.pids()[name]!;
    const before = own.hubLines.length;
    process.kill(pid, 'SIGKILL');
    await until(
      async () =>
        own.hubLines.slice(before).some((l) => l.startsWith(`${name} exited unexpectedly (killed by SIGKILL); starting it again in 0.5 s`)),
      5_000,
      'no restart was announced',
    );
    // While it is away or starting: the partners that do not need it answer in full.
    for (const probe of PROBES.filter((p) => !p.needs.includes(name))) expect((await ask(probe)).body).toEqual(probe.full);
    await until(async () => own.hubLines.slice(before).includes(`${name} is back`), 30_000, `${name} did not come back`);
    expect(own.hub.pids()[name]).not.toBe(pid);
    await until(async () => (await readyz()).status === 200, 20_000, `the gateway did not see ${name} again`);
    for (const probe of PROBES) expect((await ask(probe)).body).toEqual(probe.full);
    expect(own.crash.error).toBeUndefined();
  });
});

describe('request logs and metrics of the faults', () => {
  it('logs one line per request in each service with the request id the gateway forwarded', async () => {
    const requestId = `faults-log-${Date.now()}`;
    const response = await fetch(own.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${partnerToken}`, 'x-request-id': requestId },
      body: JSON.stringify({ query: PROBES[4].query, variables: PROBES[4].variables, operationName: 'TeacherAcross' }),
    });
    expect(response.status).toBe(200);
    // The gateway's line is written when its answer is done, after the subgraphs' lines.
    await until(
      async () => requestLines(own.lines).some((l) => l.requestId === requestId && l.service === 'gateway'),
      5_000,
      'the request lines did not appear',
    );
    const lines = requestLines(own.lines).filter((l) => l.requestId === requestId);
    // One line per request: one at the gateway, one per fetch of its plan (the teacher and her school at the university).
    expect(lines.filter((l) => l.service === 'gateway')).toHaveLength(1);
    expect([...new Set(lines.map((l) => l.service))].sort()).toEqual(['gateway', 'schools', 'university']);
    expect(lines.find((l) => l.service === 'gateway')).toMatchObject({
      operation: 'TeacherAcross',
      status: 200,
      outcome: 'ok',
      durationMs: expect.any(Number),
    });
    for (const line of lines.filter((l) => l.service !== 'gateway')) {
      expect(line).toMatchObject({ operation: expect.stringMatching(/^TeacherAcross__/), status: 200, outcome: 'ok' });
    }
  });

  it('logged the degraded answers as unavailable, and no token or secret anywhere', () => {
    const gatewayLines = requestLines(own.lines).filter((l) => l.service === 'gateway');
    expect(gatewayLines.some((l) => l.outcome === 'unavailable' && JSON.stringify(l.errors) === '["SERVICE_UNAVAILABLE"]')).toBe(true);
    const text = own.lines.map((l) => l.line).join('\n');
    for (const secret of [partnerToken, own.secrets.jwtSecret, own.secrets.gatewaySecret]) expect(text).not.toContain(secret);
  });

  it("counts each subgraph fetch's outcome at the gateway", async () => {
    const { samples } = await scrape(own.gatewayUrl);
    const fetches = (subgraph: string, outcome: string): number =>
      metricValue(samples, 'mitra_subgraph_fetch_duration_seconds_count', { subgraph, outcome });
    for (const name of SUBGRAPHS) {
      expect({ name, ok: fetches(name, 'ok') > 0, unavailable: fetches(name, 'unavailable') > 0 }).toEqual({
        name,
        ok: true,
        unavailable: true,
      });
    }
    expect(fetches('university', 'timeout')).toBeGreaterThan(0);
    expect(metricValue(samples, 'mitra_graphql_requests_total', { operation: 'Roots', outcome: 'unavailable' })).toBeGreaterThan(0);
    expect(metricValue(samples, 'mitra_graphql_requests_total', { operation: 'SchoolsOnly', outcome: 'ok' })).toBeGreaterThan(0);
  });
});
