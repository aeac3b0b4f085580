import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PartnerApi } from '../src/partner-api';

/**
 * The partner API asks the gateway with node:http (runtime http-client.ts):
 * fetch refuses the ports of the WHATWG "bad port" list without connecting,
 * so a gateway on one of them could never check a key. A server on such a
 * port shows it, and that fetch indeed refuses the same port.
 */
const FETCH_BAD_PORTS = [6000, 6665, 6666, 6667, 6668, 6669, 6697, 10080, 5060, 5061, 6566, 4190, 6679, 1719, 1720, 3659, 4045];

type Handler = (req: IncomingMessage, body: string) => { status: number; body: string };

async function gatewayOnBadPort(
  handler: Handler,
): Promise<{ server: Server; url: string; seen: Array<{ headers: IncomingMessage['headers']; body: string }> }> {
  const seen: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      const answer = handler(req, body);
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  for (const port of FETCH_BAD_PORTS) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      });
      return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, seen };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  throw new Error(`Every port of ${FETCH_BAD_PORTS.join(', ')} is taken here`);
}

const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

describe('PartnerApi: questions to the gateway', () => {
  it('reaches a gateway on a port fetch refuses, with the caller token, request id and JSON body', async () => {
    const { server, url, seen } = await gatewayOnBadPort(() => ({
      status: 200,
      body: JSON.stringify({ data: { school: { npsn: '64710001' } } }),
    }));
    try {
      await expect(fetch(url, { method: 'POST' })).rejects.toMatchObject({ cause: { message: 'bad port' } });
      const api = new PartnerApi({ url, secret: 'the-gateway-secret-shared-by-partners' }, 'Bearer abc', 'req-1');
      await expect(api.fetchExisting('school', 'School', '64710001', 'input.npsn', 'npsn')).resolves.toEqual({ npsn: '64710001' });
      expect(seen).toHaveLength(1);
      // The gateway's secret: a gateway with PERSISTED_QUERIES=required answers the partners' own questions.
      expect(seen[0].headers).toMatchObject({
        authorization: 'Bearer abc',
        'x-request-id': 'req-1',
        'content-type': 'application/json',
        'x-mitra-gateway-secret': 'the-gateway-secret-shared-by-partners',
      });
      await api.withRequestId('req-1b').fetchExisting('school', 'School', '64710001', 'input.npsn', 'npsn');
      expect(seen[1].headers['x-mitra-gateway-secret']).toBe('the-gateway-secret-shared-by-partners');
      expect(JSON.parse(seen[0].body)).toEqual({ query: expect.stringContaining('school(id: $id)'), variables: { id: '64710001' } });
    } finally {
      await close(server);
    }
  });

  it('answers NOT_FOUND for an unknown key, and SERVICE_UNAVAILABLE for an HTML page, a partner error or no server', async () => {
    let answer = { status: 200, body: JSON.stringify({ data: { school: null } }) };
    const { server, url } = await gatewayOnBadPort(() => answer);
    try {
      const api = new PartnerApi(url, undefined, 'req-2');
      await expect(api.requireExisting('school', 'School', '99999999', 'input.npsn')).rejects.toMatchObject({
        extensions: { code: 'NOT_FOUND' },
      });
      answer = { status: 502, body: '<html>Bad Gateway</html>' };
      await expect(api.requireExisting('school', 'School', '64710001', 'input.npsn')).rejects.toMatchObject({
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
      answer = { status: 200, body: JSON.stringify({ errors: [{ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }) };
      await expect(api.requireExisting('school', 'School', '64710001', 'input.npsn')).rejects.toMatchObject({
        message: 'A partner could not check a key; nothing was written',
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
      // A question that writes nothing says so; a refusal of the partner stays what it was.
      await expect(api.ask('{ districts { code } }', {})).rejects.toMatchObject({
        message: 'A partner could not answer through the gateway; try again',
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
      answer = { status: 200, body: JSON.stringify({ errors: [{ message: 'no token', extensions: { code: 'UNAUTHENTICATED' } }] }) };
      await expect(api.ask('{ districts { code } }', {})).rejects.toMatchObject({
        message: 'no token',
        extensions: { code: 'UNAUTHENTICATED' },
      });
      answer = { status: 200, body: JSON.stringify({ data: { districts: [{ code: '64.71' }] } }) };
      await expect(api.ask('{ districts { code } }', {})).resolves.toEqual({ districts: [{ code: '64.71' }] });
    } finally {
      await close(server);
    }
    await expect(new PartnerApi(url, undefined, 'req-3', 500).requireExisting('school', 'School', '1', 'x')).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
  });
});
