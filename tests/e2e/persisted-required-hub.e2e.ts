import fs from 'node:fs';
import path from 'node:path';
import { expectNoErrors } from '../harness/client';
import { startOwnHub, type OwnHub } from '../harness/own-hub';
import { CALLERS } from '../harness/tokens';

// A whole hub with PERSISTED_QUERIES=required: the partners' own questions to the gateway (the university's district
// partition for training outcomes, need-to-know reach, key checks) are in no client's manifest, and must still be answered.
const MANIFEST = path.resolve(__dirname, '..', '..', 'dashboard', 'src', 'gql', 'persisted-documents.json');

let hub: OwnHub;
let manifest: Record<string, string>;

function hashOf(operation: string): string {
  const entry = Object.entries(manifest).find(([, document]) => new RegExp(`query ${operation}\\b`).test(document));
  if (!entry) throw new Error(`No ${operation} in ${MANIFEST}`);
  return entry[0].replace(/^sha256:/, '');
}

async function post(body: unknown, headers: Record<string, string> = {}) {
  const token = await hub.token(CALLERS['government analyst']);
  const response = await fetch(hub.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

beforeAll(async () => {
  manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8'));
  hub = await startOwnHub({ env: { PERSISTED_QUERIES: 'required' }, sharedPostgresServer: true });
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

describe('a hub whose gateway answers only persisted documents', () => {
  it("answers the dashboard's district statistics whole: the university's own question for the district partition passes", async () => {
    const { status, body } = await post({ documentId: `sha256:${hashOf('DistrictStatistics')}`, variables: { code: '64.71' } });
    expect(status).toBe(200);
    expectNoErrors(body);
    const outcomes = body.data.district.trainingOutcomes as Array<{ tier: string; outcomes: Record<string, unknown> }>;
    // One row per tier, and the row of all tiers (null).
    expect(outcomes.map((o) => o.tier)).toEqual(['BASIC', 'INTERMEDIATE', 'ADVANCED', null]);
    expect(body.data.district.training.teachersTrained).toBeGreaterThan(0);
    // The partition was asked of this hub's gateway, under a request id of the university's own.
    const probes = hub.lines.filter(({ service, line }) => service === 'gateway' && line.includes('statistics-partition-'));
    expect(probes.length).toBeGreaterThan(0);
  });

  it('still refuses a client document outside the manifest, and a client that sends a wrong gateway secret', async () => {
    for (const headers of [{}, { 'x-mitra-gateway-secret': 'not-the-secret-of-this-hub-at-all' }] as Array<Record<string, string>>) {
      const { status, body } = await post({ query: '{ districts { code trainingOutcomes { tier } } }' }, headers);
      expect({ status, code: body.errors?.[0]?.extensions?.code }).toEqual({ status: 400, code: 'PERSISTED_QUERY_NOT_ALLOWED' });
    }
  });
});
