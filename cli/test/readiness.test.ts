import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { getReadyz, waitUntilReady } from '../src/readiness';

/**
 * Ports of the WHATWG fetch "bad port" list above 1024, which fetch refuses
 * without connecting (issue 15: GATEWAY_PORT=6000 made npm start wait 60 s).
 * The test takes the first one free here, and first shows that fetch does
 * refuse it, so it cannot pass on a port fetch would have reached.
 */
const FETCH_BAD_PORTS = [6000, 6665, 6666, 6667, 6668, 6669, 6697, 10080, 5060, 5061, 6566, 4190, 6679, 1719, 1720, 3659, 4045];

type Handler = Parameters<typeof createServer>[1];

function listen(handler: Handler, port = 0): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

async function listenOnFetchBadPort(handler: Handler): Promise<Server> {
  for (const port of FETCH_BAD_PORTS) {
    try {
      return await listen(handler, port);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  throw new Error(`Every port of ${FETCH_BAD_PORTS.join(', ')} is taken here`);
}

const portOf = (server: Server): number => (server.address() as AddressInfo).port;
const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));
const service = { running: true, label: 'gateway', tail: () => '[gateway] last line' };

describe('the hub readiness check', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(close));
  });

  it('finds a service ready on a port that fetch refuses', async () => {
    const server = await listenOnFetchBadPort((req, res) => res.writeHead(req.url === '/readyz' ? 200 : 404).end('{"status":"ready"}'));
    servers.push(server);
    const url = `http://127.0.0.1:${portOf(server)}/readyz`;
    await expect(fetch(url)).rejects.toMatchObject({ cause: { message: 'bad port' } });

    await expect(getReadyz(portOf(server), 2_000)).resolves.toEqual({ status: 200, body: '{"status":"ready"}' });
    await expect(waitUntilReady(service, portOf(server), 5_000)).resolves.toBeUndefined();
  });

  it('gives up after its timeout, quoting the last answer and the service output', async () => {
    const server = await listen((_req, res) => res.writeHead(503).end('{"status":"unavailable","database":"down"}'));
    servers.push(server);
    await expect(waitUntilReady(service, portOf(server), 300)).rejects.toThrow(
      /^gateway was not ready within 0\.3 s \(GET http:\/\/127\.0\.0\.1:\d+\/readyz: 503 \{"status":"unavailable","database":"down"\}\); last output:\n\[gateway\] last line$/,
    );
  });

  it('says why there was no answer: nothing listening, or a server that never answers', async () => {
    const closed = await listen(() => undefined);
    const port = portOf(closed);
    await close(closed);
    await expect(getReadyz(port, 1_000)).resolves.toEqual({ error: 'ECONNREFUSED' });

    const hung = await listen(() => undefined);
    servers.push(hung);
    await expect(getReadyz(portOf(hung), 200)).resolves.toEqual({ error: 'no answer within 200 ms' });
  });

  it('stops waiting when the service exits or the caller cancels', async () => {
    const server = await listen((_req, res) => res.writeHead(503).end());
    servers.push(server);
    await expect(waitUntilReady({ ...service, running: false }, portOf(server), 60_000)).resolves.toBeUndefined();
    await expect(waitUntilReady(service, portOf(server), 60_000, () => true)).resolves.toBeUndefined();
  });
});
