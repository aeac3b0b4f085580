import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { ConfigError, GATEWAY_SECRET_HEADER, createLogger } from '@mitra/runtime';
import { loadGatewayConfig } from '../src/config';
import { loadPersistedDocuments, persistedQueries, PersistedQueriesError, type PersistedQueryMode } from '../src/persisted-queries';

const DOC = 'query Districts { districts { code name } }';
const HASH = createHash('sha256').update(DOC).digest('hex');
const documents = new Map([[HASH, DOC]]);
const logger = createLogger('test', 'silent');
const GATEWAY_SECRET = 'a-test-gateway-secret-of-some-length';

/** The middleware in front of a handler that echoes what Apollo would receive. */
async function withApp(mode: PersistedQueryMode, run: (base: string) => Promise<void>): Promise<void> {
  const app = express();
  app.use('/graphql', express.json(), persistedQueries(mode, documents, logger, GATEWAY_SECRET), (req, res) => {
    res.json({
      passed: true,
      body: req.method === 'POST' ? req.body : null,
      search: req.url.includes('?') ? Object.fromEntries(new URLSearchParams(req.url.split('?')[1])) : null,
    });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
};
const apq = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

describe('persisted queries, required', () => {
  it('puts the manifest document in place of its hash, and drops the APQ extension', () =>
    withApp('required', async (url) => {
      const { status, body } = await post(url, { extensions: { ...apq(HASH), other: 1 }, variables: { a: 1 } });
      expect(status).toBe(200);
      expect(body.body).toEqual({ query: DOC, variables: { a: 1 }, extensions: { other: 1 } });
    }));

  it('accepts documentId with or without the sha256: prefix', () =>
    withApp('required', async (url) => {
      expect((await post(url, { documentId: `sha256:${HASH}` })).body.body.query).toBe(DOC);
      expect((await post(url, { documentId: HASH })).body.body.query).toBe(DOC);
    }));

  it('accepts the exact text of a manifest document', () =>
    withApp('required', async (url) => {
      expect((await post(url, { query: DOC })).body.passed).toBe(true);
    }));

  it('refuses any other document, an unknown hash and a batch, with a coded error', () =>
    withApp('required', async (url) => {
      for (const request of [{ query: '{ districts { code } }' }, { extensions: apq('0'.repeat(64)) }, [{ query: DOC }], {}]) {
        const { status, body } = await post(url, request);
        expect({ request, status, code: body.errors?.[0]?.extensions?.code }).toEqual({
          request,
          status: 400,
          code: 'PERSISTED_QUERY_NOT_ALLOWED',
        });
        expect(body.errors[0].message).toMatch(/PERSISTED_QUERIES=required/);
      }
    }));

  it("lets a partner's own question through (it carries the gateway's secret), and nobody's with another secret", () =>
    withApp('required', async (url) => {
      const question = { query: '{ myReach { partnerSchoolNpsns } }', variables: {} };
      const asked = await post(url, question, { [GATEWAY_SECRET_HEADER]: GATEWAY_SECRET });
      expect([asked.status, asked.body.body]).toEqual([200, question]);
      for (const secret of ['a-wrong-gateway-secret-of-some-length', '']) {
        const refused = await post(url, question, { [GATEWAY_SECRET_HEADER]: secret });
        expect([refused.status, refused.body.errors?.[0]?.extensions?.code]).toEqual([400, 'PERSISTED_QUERY_NOT_ALLOWED']);
      }
      // A hash still stands for its document.
      expect((await post(url, { documentId: HASH }, { [GATEWAY_SECRET_HEADER]: GATEWAY_SECRET })).body.body.query).toBe(DOC);
    }));

  it('refuses a query sent with the hash of another document', () =>
    withApp('required', async (url) => {
      const { status, body } = await post(url, { query: '{ __typename }', extensions: apq(HASH) });
      expect([status, body.errors[0].extensions.code]).toEqual([400, 'PERSISTED_QUERY_HASH_MISMATCH']);
    }));

  it('answers GET requests by hash too, rewriting the query string', () =>
    withApp('required', async (url) => {
      const response = await fetch(`${url}?extensions=${encodeURIComponent(JSON.stringify(apq(HASH)))}&variables=%7B%7D`);
      const body = (await response.json()) as any;
      expect(body.search).toEqual({ query: DOC, variables: '{}' });
      const refused = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`);
      expect(refused.status).toBe(400);
    }));
});

describe('persisted queries, optional', () => {
  it('still resolves manifest hashes, and lets every other request through to Apollo (APQ included)', () =>
    withApp('optional', async (url) => {
      expect((await post(url, { extensions: apq(HASH) })).body.body).toEqual({ query: DOC });
      expect((await post(url, { query: '{ __typename }' })).body.body).toEqual({ query: '{ __typename }' });
      expect((await post(url, { extensions: apq('1'.repeat(64)) })).body.body).toEqual({ extensions: apq('1'.repeat(64)) });
    }));
});

describe('loadPersistedDocuments', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-pq-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reads codegen's manifest, keyed by sha256:<hash>", () => {
    const file = path.join(dir, 'persisted-documents.json');
    fs.writeFileSync(file, JSON.stringify({ [`sha256:${HASH}`]: DOC }));
    expect(loadPersistedDocuments(file, true)).toEqual(new Map([[HASH, DOC]]));
  });

  it('refuses an entry whose hash is not that of its document', () => {
    const file = path.join(dir, 'persisted-documents.json');
    fs.writeFileSync(file, JSON.stringify({ [`sha256:${HASH}`]: '{ __typename }' }));
    expect(() => loadPersistedDocuments(file, false)).toThrow(PersistedQueriesError);
  });

  it('is empty without a manifest when optional, and says how to make one when required', () => {
    const missing = path.join(dir, 'none.json');
    expect(loadPersistedDocuments(missing, false).size).toBe(0);
    expect(() => loadPersistedDocuments(missing, true)).toThrow(/npm run build/);
  });
});

describe('PERSISTED_QUERIES in the configuration', () => {
  it('is optional by default, and refuses a value it does not know', () => {
    expect(loadGatewayConfig({}).persistedQueries.mode).toBe('optional');
    expect(loadGatewayConfig({ PERSISTED_QUERIES: 'required' }).persistedQueries.mode).toBe('required');
    expect(() => loadGatewayConfig({ PERSISTED_QUERIES: 'sometimes' })).toThrow(ConfigError);
    expect(loadGatewayConfig({}).persistedQueries.manifestPath).toMatch(/dashboard[\\/]src[\\/]gql[\\/]persisted-documents\.json$/);
  });
});
