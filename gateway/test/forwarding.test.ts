import { GATEWAY_SECRET_HEADER, loadAuthConfig, signToken } from '@mitra/runtime';
import { createGatewayServer } from '../src/server';
import { useFakeHub, type GraphQLBody } from './fake-hub';
import { GATEWAY_SECRET, JWT_SECRET } from './test-gateway';

// What the gateway sends the subgraphs it asks, and the SQL statement counts they send back.

const auth = loadAuthConfig({ NODE_ENV: 'test', JWT_SECRET, GATEWAY_SECRET });
const hub = useFakeHub();

describe('routing and forwarding', () => {
  it('joins root fields of two subgraphs and forwards the caller headers to each, with the gateway secret', async () => {
    const token = await signToken(auth, { org: 'school:64710001', roles: ['admin'] });
    const { response, body } = await hub.query('{ district(code: "64.71") { name } venues { name } }', {
      authorization: `Bearer ${token}`,
      'x-request-id': 'trace-42',
      'x-mitra-debug': 'sql',
    });
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ district: { name: 'Kota Balikpapan' }, venues: [{ name: 'Aula SKB Balikpapan Selatan' }] });
    expect(response.headers.get('x-request-id')).toBe('trace-42');
    // No ETag: nobody revalidates an answer to POST, and hashing 130 KB pages cost each of them.
    expect(response.headers.get('etag')).toBeNull();
    for (const subgraph of [hub.schools, hub.skb]) {
      expect(subgraph.received).toHaveLength(1);
      expect(subgraph.received[0]).toMatchObject({
        authorization: `Bearer ${token}`,
        'x-request-id': 'trace-42',
        'x-mitra-debug': 'sql',
        [GATEWAY_SECRET_HEADER]: GATEWAY_SECRET,
      });
    }
    expect(hub.university.received).toHaveLength(0);
  });

  it('generates a request id when the client sends none or an unusable one', async () => {
    const { response } = await hub.query('{ venues { id } }', { 'x-request-id': 'no spaces <allowed>' });
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(hub.skb.received[0]['x-request-id']).toBe(id);
  });
});

describe('SQL statement counts', () => {
  it('sums each subgraph over the request and names untouched ones with 0', async () => {
    const { body } = await hub.query('{ district(code: "64.71") { code } venues { id } }', { 'x-mitra-debug': 'sql' });
    expect(body.extensions).toEqual({ sqlStatements: { schools: 2, university: 0, skb: 3 } });
  });

  it('add up every fetch from the same subgraph', async () => {
    // skb is fetched twice: once for venues, once for the District entity it extends.
    const { body } = await hub.query('{ district(code: "64.71") { name trainedCount } venues { id } }', { 'x-mitra-debug': 'sql' });
    expect(body.data).toEqual({ district: { name: 'Kota Balikpapan', trainedCount: 7 }, venues: [{ id: 'v1' }] });
    expect(hub.skb.received).toHaveLength(2);
    expect(body.extensions).toEqual({ sqlStatements: { schools: 2, university: 0, skb: 6 } });
  });

  it('are absent unless the client asks for them', async () => {
    const { body } = await hub.query('{ venues { id } }');
    expect(body.extensions?.sqlStatements).toBeUndefined();
    expect(hub.skb.received[0]['x-mitra-debug']).toBeUndefined();
  });

  it('are never reported in production', async () => {
    const production = await (await createGatewayServer(hub.configFor({ NODE_ENV: 'production' }))).listen();
    try {
      const response = await fetch(`http://127.0.0.1:${production.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-mitra-debug': 'sql' },
        body: JSON.stringify({ query: '{ venues { id } }' }),
      });
      const body = (await response.json()) as GraphQLBody;
      expect(body.extensions?.sqlStatements).toBeUndefined();
    } finally {
      await production.stop();
    }
  });
});
