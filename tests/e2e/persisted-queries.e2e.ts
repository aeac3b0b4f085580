import fs from 'node:fs';
import path from 'node:path';
import { expectNoErrors, gql } from '../harness/client';
import { hubUrls } from '../harness/env';
import { startExtraGateway, type ExtraGateway } from '../harness/extra-gateway';
import { CALLERS, tokenFor } from '../harness/tokens';

// What GraphQL Code Generator wrote for the dashboard (npm run build): sha256 → document.
const MANIFEST = path.resolve(__dirname, '..', '..', 'dashboard', 'src', 'gql', 'persisted-documents.json');

let required: ExtraGateway;
let token: string;
let manifest: Record<string, string>;

function documentNamed(operation: string): { hash: string; document: string } {
  const entry = Object.entries(manifest).find(([, document]) => new RegExp(`query ${operation}\\b`).test(document));
  if (!entry) throw new Error(`No ${operation} in ${MANIFEST}`);
  return { hash: entry[0].replace(/^sha256:/, ''), document: entry[1] };
}

async function post(url: string, body: unknown) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

beforeAll(async () => {
  manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8'));
  token = await tokenFor(CALLERS['government analyst']);
  required = await startExtraGateway({ PERSISTED_QUERIES: 'required' });
}, 60_000);

afterAll(async () => {
  await required?.stop();
});

describe('PERSISTED_QUERIES=required', () => {
  it("answers a document of the dashboard's manifest by its hash, as the same query in full", async () => {
    const { hash, document } = documentNamed('DistrictStatistics');
    const byHash = await post(required.url, {
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
      variables: { code: '64.71' },
    });
    expect(byHash.status).toBe(200);
    expectNoErrors(byHash.body);
    expect(byHash.body.data.district.name).toBe('Kota Balikpapan');
    const inFull = await gql(document, { code: '64.71' }, { token });
    expect(byHash.body).toEqual(inFull.body);
  });

  it('takes the hash as documentId too', async () => {
    const { hash } = documentNamed('DistrictsOverview');
    const { status, body } = await post(required.url, { documentId: `sha256:${hash}` });
    expect(status).toBe(200);
    expectNoErrors(body);
    expect(body.data.districts.map((d: any) => d.code)).toContain('64.71');
  });

  it('refuses a document that is not in the manifest, and an unknown hash, with a clear coded error', async () => {
    for (const request of [
      { query: '{ districts { code name } }' },
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } },
    ]) {
      const { status, body } = await post(required.url, request);
      expect({ status, code: body.errors?.[0]?.extensions?.code }).toEqual({ status: 400, code: 'PERSISTED_QUERY_NOT_ALLOWED' });
      expect(body.errors[0].message).toMatch(/PERSISTED_QUERIES=required and answers only the documents of its manifest/);
      expect(body.data).toBeUndefined();
    }
  });
});

describe('PERSISTED_QUERIES=optional (the default)', () => {
  it('answers a manifest hash and any other document', async () => {
    const { hash } = documentNamed('ProgramOutcomes');
    const byHash = await post(hubUrls().gateway, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expectNoErrors(byHash.body);
    expect(byHash.body.data.trainingPrograms.length).toBeGreaterThan(0);
    const free = await post(hubUrls().gateway, { query: '{ districts { code } }' });
    expectNoErrors(free.body);
  });
});
