import { randomBytes } from 'node:crypto';
import { DEMO_IDS, buildDemoWorld } from '@mitra/fixtures';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../harness/otlp-receiver';
import { startOwnHub, type OwnHub } from '../harness/own-hub';
import { CALLERS } from '../harness/tokens';
import { until } from '../harness/wait';

/**
 * Issue 16: traces across institutions. A hub of its own exports its spans
 * over OTLP/HTTP to a receiver on loopback (OTEL_EXPORTER_OTLP_ENDPOINT,
 * nothing else). One request that needs the schools and the university,
 * sent with a client's traceparent, must come back as one trace: the
 * gateway's request span under the client's, @apollo/gateway's fetch spans
 * under it, each partner's request span under a fetch (W3C traceparent over
 * the federation hop), its root-field resolver spans under that, and its SQL
 * statements under those, with no statement text, value or token in any span.
 */

jest.setTimeout(120_000);

const SERVER = 2;
const CLIENT = 3;
const teacher = buildDemoWorld().teachers.find((t) => t.npsn === DEMO_IDS.firstBalikpapanSchool)!;
const QUERY = 'query TeacherAcross($t: ID!) { teacher(id: $t) { fullName highestCompletedTier school { name partnership { active } } } }';

let receiver: OtlpReceiver;
let own: OwnHub;
let token: string;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  own = await startOwnHub({
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '100' },
    sharedPostgresServer: true,
  });
  token = await own.token(CALLERS['school admin']);
}, 120_000);

afterAll(async () => {
  await own?.close();
  await receiver?.close();
});

/** The chain of spans from `span` up to the root of what was received. */
function ancestors(span: ReceivedSpan, byId: Map<string, ReceivedSpan>): ReceivedSpan[] {
  const chain: ReceivedSpan[] = [];
  for (let parent = byId.get(span.parentSpanId); parent; parent = byId.get(parent.parentSpanId)) chain.push(parent);
  return chain;
}

it('one cross-partner request is one trace, from the client’s span to each partner’s SQL', async () => {
  const traceId = randomBytes(16).toString('hex');
  const clientSpanId = randomBytes(8).toString('hex');
  const response = await fetch(own.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, traceparent: `00-${traceId}-${clientSpanId}-01` },
    body: JSON.stringify({ query: QUERY, variables: { t: teacher.id }, operationName: 'TeacherAcross' }),
  });
  const body = (await response.json()) as { data: { teacher: { fullName: string } }; errors?: unknown };
  expect(body.errors).toBeUndefined();
  expect(body.data.teacher.fullName).toBe(teacher.fullName);

  const trace = () => receiver.spans.filter((s) => s.traceId === traceId);
  const sqlOf = (service: string) => trace().filter((s) => s.service === service && s.attributes['db.system'] === 'postgresql');
  // Batched and exported every 100 ms by each service on its own.
  await until(
    async () =>
      sqlOf('schools').length > 0 && sqlOf('university').length > 0 && trace().some((s) => s.service === 'gateway' && s.kind === SERVER),
    15_000,
    'the spans of the request did not all arrive',
  );
  expect(receiver.refused).toEqual([]);
  const spans = trace();
  const byId = new Map(spans.map((s) => [s.spanId, s]));

  // One tree: every span's parent is in the trace, except the gateway's request span, whose parent is the client's.
  const roots = spans.filter((s) => !byId.has(s.parentSpanId));
  expect(roots.map((s) => ({ service: s.service, name: s.name, kind: s.kind, parent: s.parentSpanId }))).toEqual([
    { service: 'gateway', name: 'POST /graphql', kind: SERVER, parent: clientSpanId },
  ]);
  const [gatewayRequest] = roots;

  for (const [service, rootField] of [
    ['schools', 'resolve Query.teacher'],
    ['university', 'resolve Query._entities'],
  ]) {
    const requests = spans.filter((s) => s.service === service && s.kind === SERVER);
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      // Over the federation hop: the partner's request span is a child of the gateway's fetch span.
      expect({ service, parent: byId.get(request.parentSpanId)?.name }).toEqual({ service, parent: 'gateway.fetch' });
      expect(ancestors(request, byId)).toContain(gatewayRequest);
    }
    const resolvers = spans.filter((s) => s.service === service && s.name === rootField);
    expect({ service, resolvers: resolvers.length > 0 }).toEqual({ service, resolvers: true });
    for (const resolver of resolvers) expect(requests).toContain(byId.get(resolver.parentSpanId));
    const sql = sqlOf(service);
    for (const statement of sql) {
      expect(statement.kind).toBe(CLIENT);
      expect(ancestors(statement, byId).some((a) => requests.includes(a))).toBe(true);
    }
  }
  // The schools' root field reads the teacher itself: that statement hangs under its resolver's span. (The
  // university's SQL here is its fields' below the entities, under its request span, as checked above.)
  const teacherField = spans.find((s) => s.service === 'schools' && s.name === 'resolve Query.teacher')!;
  expect(sqlOf('schools').some((statement) => ancestors(statement, byId).includes(teacherField))).toBe(true);

  // Names and operations only: no statement text, no variable value, no token.
  const text = JSON.stringify(spans);
  expect(text).not.toContain(teacher.id);
  expect(text).not.toContain(token);
  expect(text).not.toMatch(/\b(from|where)\b|db\.statement|db\.query\.text/i);
});
