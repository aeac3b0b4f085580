import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayServer } from '../src/server';
import { useFakeHub, type GraphQLBody } from './fake-hub';

// What a client sees of a subgraph's error, a subgraph that is slow, unreachable, or behind a proxy.

const hub = useFakeHub();

describe('errors', () => {
  it('keeps a subgraph error that has a code', async () => {
    const { body } = await hub.query('{ schoolsRejects(code: "xx") }');
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({
      message: 'code: xx is not a district code',
      path: ['schoolsRejects'],
      extensions: { code: 'BAD_USER_INPUT', field: 'code' },
    });
    expect(body.errors?.[0].extensions.stacktrace).toBeUndefined();
  });

  it('drops what a subgraph error carries beyond its code and field (stack, SQL) outside development', async () => {
    const { body } = await hub.query('{ schoolsRejects(code: "xx") }');
    const { extensions } = body.errors?.[0] ?? { extensions: {} };
    expect(Object.keys(extensions).sort()).toEqual(['code', 'field', 'serviceName']);
    expect(JSON.stringify(body)).not.toMatch(/select|exception/);
  });

  it('masks an uncoded subgraph error outside development', async () => {
    const { body } = await hub.query('{ schoolsBroken }');
    expect(body.errors).toEqual([
      expect.objectContaining({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
    ]);
    expect(JSON.stringify(body)).not.toContain('relation');
  });

  it('names a subgraph that does not answer in time, and still returns the other data', async () => {
    const { body } = await hub.query('{ slowVenues { id } district(code: "64.71") { code } }');
    expect(body.data?.district).toEqual({ code: '64.71' });
    expect(body.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', serviceName: 'skb' }) }),
    ]);
    expect(body.errors?.[0].message).toMatch(/skb service did not answer within 300 ms/);
    // Where the hole is: the root field the failed fetch was for.
    expect(body.errors?.[0].path).toEqual(['slowVenues']);
  });

  it('puts the path of the entity a failed fetch was for on its error', async () => {
    const unreachable = await (await createGatewayServer(hub.configFor({ SKB_URL: 'http://127.0.0.1:9/graphql' }))).listen();
    try {
      const response = await fetch(`http://127.0.0.1:${unreachable.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ district(code: "64.71") { name trainedCount } }' }),
      });
      const body = (await response.json()) as GraphQLBody;
      expect(body.data).toEqual({ district: { name: 'Kota Balikpapan', trainedCount: null } });
      expect(body.errors).toEqual([
        { message: 'The skb service is unavailable', path: ['district'], extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'skb' } },
      ]);
    } finally {
      await unreachable.stop();
    }
  });

  it.each([
    [404, 'text/html', '<html><body>Not Found</body></html>'],
    [502, 'text/html', '<html><body>Bad Gateway</body></html>'],
    [200, 'text/html', '<html>a captive portal</html>'],
    [403, 'text/plain', 'denied by the proxy'],
  ])('calls a partner behind a proxy that answers HTTP %i (%s) unavailable, naming it, with the path', async (status, type, text) => {
    const proxy = http.createServer((_req, res) => res.writeHead(status, { 'content-type': type }).end(text));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const port = (proxy.address() as AddressInfo).port;
    const behindProxy = await (await createGatewayServer(hub.configFor({ SKB_URL: `http://127.0.0.1:${port}/graphql` }))).listen();
    try {
      const response = await fetch(`http://127.0.0.1:${behindProxy.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ district(code: "64.71") { code } slowVenues { id } }' }),
      });
      const body = (await response.json()) as GraphQLBody;
      expect(body.data).toEqual({ district: { code: '64.71' }, slowVenues: null });
      expect(body.errors).toEqual([
        expect.objectContaining({ path: ['slowVenues'], extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'skb' } }),
      ]);
      expect(JSON.stringify(body)).not.toMatch(/html|proxy|127\.0\.0\.1/i);
    } finally {
      await behindProxy.stop();
      proxy.close();
    }
  });

  it('names a subgraph that cannot be reached, without its URL', async () => {
    const unreachable = await (await createGatewayServer(hub.configFor({ SKB_URL: 'http://127.0.0.1:9/graphql' }))).listen();
    try {
      const response = await fetch(`http://127.0.0.1:${unreachable.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ venues { id } }' }),
      });
      const body = (await response.json()) as GraphQLBody;
      expect(body.errors).toEqual([
        expect.objectContaining({
          message: 'The skb service is unavailable',
          extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }),
        }),
      ]);
      expect(JSON.stringify(body)).not.toContain('127.0.0.1');
    } finally {
      await unreachable.stop();
    }
  });
});
