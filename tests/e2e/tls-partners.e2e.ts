import fs from 'node:fs';
import path from 'node:path';
import { DEMO_IDS } from '@mitra/fixtures';
import { findFreePort } from '@mitra/devtools';
import { makeCertificates, type Certificates } from '../harness/certificates';
import { gql, type LooseBody } from '../harness/client';
import { sql } from '../harness/db';
import { startExtraGateway, type ExtraGateway } from '../harness/extra-gateway';
import { httpRequest, type TlsClient } from '../harness/extra-service';
import { startExtraSubgraph, type ExtraSubgraph } from '../harness/extra-subgraph';
import { makeDataDir } from '../harness/hub';
import { CREATE } from '../harness/skb-writes';
import { CALLERS, tokenFor } from '../harness/tokens';
import { dayFromToday } from '../harness/writes';

/**
 * Issue 16: TLS where partners meet, with certificates the harness makes.
 * An SKB subgraph serves https and requires a client certificate; a gateway
 * serves https itself and reaches the SKB with the CA and client
 * certificate it is given; the SKB's key checks for writes go back to that
 * gateway over https (NODE_EXTRA_CA_CERTS). Gateways given the wrong CA, or
 * no client certificate, report the SKB unavailable, coded, at its path.
 */

jest.setTimeout(90_000);

const QUERY = 'query VenuesAndSchool { venues { name } school(npsn: "64710001") { name } }';

let dir: string;
let certs: Certificates;
let skb: ExtraSubgraph;
let gateway: ExtraGateway;
let token: string;
let clientTls: TlsClient;
const created: string[] = [];

async function post(url: string, query: string, variables: Record<string, unknown>, tls?: TlsClient, bearer = token) {
  const answer = await httpRequest(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query, variables }),
    tls,
    timeoutMs: 20_000,
  });
  return { status: answer.status, body: JSON.parse(answer.text) as LooseBody };
}

beforeAll(async () => {
  dir = makeDataDir('mitra-tls-');
  certs = makeCertificates(path.join(dir, 'certs'));
  clientTls = { ca: certs.read(certs.ca.cert) };
  token = await tokenFor(CALLERS['school admin']);
  const gatewayPort = await findFreePort();
  const gatewayClient = { ca: certs.read(certs.ca.cert), cert: certs.read(certs.client.cert), key: certs.read(certs.client.key) };
  skb = await startExtraSubgraph(
    'skb',
    {
      TLS_CERT_FILE: certs.server.cert,
      TLS_KEY_FILE: certs.server.key,
      TLS_CLIENT_CA_FILE: certs.ca.cert,
      // Writes check other partners' keys through the gateway, which serves https with the test CA's certificate.
      GATEWAY_URL: `https://127.0.0.1:${gatewayPort}/graphql`,
      NODE_EXTRA_CA_CERTS: certs.ca.cert,
    },
    gatewayClient,
  );
  gateway = await startExtraGateway(
    {
      GATEWAY_WORKERS: '1',
      SKB_URL: skb.url,
      SUBGRAPH_CA_FILE: certs.ca.cert,
      SUBGRAPH_CLIENT_CERT_FILE: certs.client.cert,
      SUBGRAPH_CLIENT_KEY_FILE: certs.client.key,
      TLS_CERT_FILE: certs.server.cert,
      TLS_KEY_FILE: certs.server.key,
    },
    { tls: clientTls, port: gatewayPort },
  );
});

afterAll(async () => {
  if (created.length) await sql('skb', 'delete from training_event where id = any($1::uuid[])', [created]);
  await gateway?.stop();
  await skb?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('answers over https end to end as the plain hub does, and /readyz checks the partner over TLS', async () => {
  const plain = await gql(QUERY, {}, { token });
  expect(plain.body.errors).toBeUndefined();
  const secured = await post(gateway.url, QUERY, {}, clientTls);
  expect(secured).toEqual({ status: 200, body: plain.body });
  const ready = JSON.parse((await httpRequest(`${gateway.origin}/readyz`, { tls: clientTls })).text) as LooseBody;
  expect(ready.subgraphs.skb).toEqual({ status: 'up', breaker: { state: 'closed' } });
});

it('the subgraph lets no one in without a client certificate its CA signed', async () => {
  const healthz = skb.url.replace('/graphql', '/healthz');
  const withCa = { ca: certs.read(certs.ca.cert) };
  expect(
    (await httpRequest(healthz, { tls: { ...withCa, cert: certs.read(certs.client.cert), key: certs.read(certs.client.key) } })).status,
  ).toBe(200);
  await expect(httpRequest(healthz, { tls: withCa })).rejects.toThrow(/certificate|socket hang up|ECONNRESET/i);
  const stranger = { ...withCa, cert: certs.read(certs.strangerClient.cert), key: certs.read(certs.strangerClient.key) };
  await expect(httpRequest(healthz, { tls: stranger })).rejects.toThrow(/certificate|socket hang up|ECONNRESET/i);
  // Plain http to an https port is no way round it.
  await expect(httpRequest(healthz.replace('https:', 'http:'))).rejects.toThrow();
});

it('a write whose key check goes back to the gateway over https: checked, then written', async () => {
  const admin = await tokenFor({ ...CALLERS['skb admin'], sub: 'tls-test:skb-admin' });
  const input = {
    title: 'Pelatihan Uji TLS',
    programId: DEMO_IDS.programs.advanced,
    venueId: DEMO_IDS.venues.hall,
    startsOn: dayFromToday(400),
    endsOn: dayFromToday(402),
    capacity: 30,
  };
  const { body } = await post(gateway.url, CREATE, { input }, clientTls, admin);
  expect(body.errors).toBeUndefined();
  created.push(body.data.createTrainingEvent.id);
  expect(body.data.createTrainingEvent.program).toEqual({ id: DEMO_IDS.programs.advanced, code: expect.any(String) });
  const rows = await sql('skb', 'select title, program_id from training_event where id = $1', [body.data.createTrainingEvent.id]);
  expect(rows).toEqual([{ title: 'Pelatihan Uji TLS', program_id: DEMO_IDS.programs.advanced }]);

  // The check really asks the university through the gateway: an unknown program is refused, nothing written.
  const unknown = await post(
    gateway.url,
    CREATE,
    { input: { ...input, programId: '00000000-0000-4000-8000-00000000beef' } },
    clientTls,
    admin,
  );
  expect(unknown.body.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.programId' });
  expect(await sql('skb', "select 1 from training_event where title = 'Pelatihan Uji TLS'")).toHaveLength(1);
  // Both checks were answered by this https gateway (the only one the SKB knows).
  const metrics = (await httpRequest(`${gateway.origin}/metrics`, { tls: clientTls })).text;
  const checks = metrics
    .split('\n')
    .filter((line) => line.startsWith('mitra_graphql_requests_total{') && line.includes('operation="PartnerKeyCheck"'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
  expect(checks).toBe(2);
});

describe.each([
  ['the wrong CA', { SUBGRAPH_CA_FILE: 'otherCa', SUBGRAPH_CLIENT_CERT_FILE: 'client.cert', SUBGRAPH_CLIENT_KEY_FILE: 'client.key' }],
  ['no client certificate', { SUBGRAPH_CA_FILE: 'ca' }],
])('a gateway with %s', (_label, files) => {
  it('reports the SKB unavailable, coded, at its path, and the schools’ part arrives', async () => {
    const file = (name: string) =>
      ({ otherCa: certs.otherCa.cert, ca: certs.ca.cert, 'client.cert': certs.client.cert, 'client.key': certs.client.key })[name]!;
    const env = Object.fromEntries(Object.entries(files).map(([setting, name]) => [setting, file(name)]));
    const other = await startExtraGateway({ GATEWAY_WORKERS: '1', SKB_URL: skb.url, ...env }, { waitFor: 'healthz' });
    try {
      const { status, body } = await post(other.url, QUERY, {});
      expect(status).toBe(200);
      expect(body.data).toEqual({ venues: null, school: { name: expect.any(String) } });
      expect(body.errors).toEqual([
        expect.objectContaining({ path: ['venues'], extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'skb' } }),
      ]);
      const ready = JSON.parse((await httpRequest(`${other.origin}/readyz`)).text) as LooseBody;
      expect(ready.subgraphs.skb).toMatchObject({ status: 'down', reason: 'unreachable' });
    } finally {
      await other.stop();
    }
  });
});
