import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { postJson } from '../src/http-client';

describe('postJson', () => {
  it('sends a question once more on a new connection when the kept-alive one was closed under it, and only then', async () => {
    // A server that answers one request per connection and drops the connection at the next one, unanswered:
    // what a client meets when the gateway restarted or closed an idle connection between two questions.
    const served = new WeakSet<object>();
    let connections = 0;
    let requests = 0;
    const server = http.createServer((req, res) => {
      requests += 1;
      if (served.has(req.socket)) {
        req.socket.destroy();
        return;
      }
      served.add(req.socket);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { n: requests } }));
    });
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    try {
      expect(JSON.parse((await postJson(url, '{}', {}, 2000)).text)).toEqual({ data: { n: 1 } });
      // Sent on the kept-alive connection (dropped), then on a new one (answered).
      expect(JSON.parse((await postJson(url, '{}', {}, 2000)).text)).toEqual({ data: { n: 3 } });
      expect({ connections, requests }).toEqual({ connections: 2, requests: 3 });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('does not send again when a new connection fails', async () => {
    const server = http.createServer((req) => req.socket.destroy());
    let requests = 0;
    server.on('request', () => (requests += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    try {
      await expect(postJson(url, '{}', {}, 2000)).rejects.toMatchObject({ code: 'ECONNRESET' });
      expect(requests).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
