import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WanProxy } from '../src/wan-proxy';

/** An echo server: answers each POST with its body, so order and integrity show. */
async function echoServer(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => res.end(Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return server;
}

/** One POST on `agent`; its answer and how long it took. */
function post(port: number, body: Buffer, agent: http.Agent, timeoutMs = 10_000): Promise<{ body: Buffer; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ body: Buffer.concat(chunks), ms: performance.now() - started }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer')));
    req.on('error', reject);
    req.end(body);
  });
}

describe('WanProxy', () => {
  let server: http.Server;
  let proxy: WanProxy;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  beforeAll(async () => {
    server = await echoServer();
    proxy = await WanProxy.start({ targetPort: (server.address() as AddressInfo).port, rttMs: 80 });
  });
  afterAll(async () => {
    agent.destroy();
    await proxy.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('adds the round trip to each request, and one more for the handshake of a new connection', async () => {
    const first = await post(proxy.port, Buffer.from('one'), agent);
    const second = await post(proxy.port, Buffer.from('two'), agent);
    expect(first.body.toString()).toBe('one');
    expect(second.body.toString()).toBe('two');
    expect(first.ms).toBeGreaterThanOrEqual(2 * 80 - 2);
    expect(second.ms).toBeGreaterThanOrEqual(80 - 2);
    expect(proxy.traffic.connections).toBe(1);
  });

  it('delivers a large body whole and in order, and counts its bytes', async () => {
    const body = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < body.length; i += 4) body.writeUInt32LE(i, i);
    const before = proxy.traffic;
    const answer = await post(proxy.port, body, agent);
    expect(answer.body.equals(body)).toBe(true);
    expect(proxy.traffic.bytesUp - before.bytesUp).toBeGreaterThan(body.length);
    expect(proxy.traffic.bytesDown - before.bytesDown).toBeGreaterThan(body.length);
  });

  it('hangs: the connection stays open and nothing comes back', async () => {
    proxy.setMode('hang');
    const fresh = new http.Agent({ keepAlive: false });
    await expect(post(proxy.port, Buffer.from('x'), fresh, 300)).rejects.toThrow('no answer');
    proxy.setMode('pass');
    expect((await post(proxy.port, Buffer.from('back'), fresh)).body.toString()).toBe('back');
  });

  it('refuses: every connection is reset, and the target is reached again once it passes', async () => {
    proxy.setMode('refuse');
    const fresh = new http.Agent({ keepAlive: false });
    await expect(post(proxy.port, Buffer.from('x'), fresh)).rejects.toThrow(/ECONNRESET|socket hang up/);
    proxy.setMode('pass');
    proxy.rttMs = 0;
    expect((await post(proxy.port, Buffer.from('again'), fresh)).body.toString()).toBe('again');
  });
});
