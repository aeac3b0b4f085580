import net from 'node:net';

/**
 * What the proxy does with the partner behind it: `pass` forwards,
 * `hang` accepts connections and never answers (a frozen partner, a
 * black-holing firewall), `refuse` stops listening (connection refused).
 */
export type ProxyMode = 'pass' | 'hang' | 'refuse';

const REQUEST_LINE = /^(GET|POST|HEAD|PUT|DELETE|OPTIONS|PATCH) \//;

export interface TcpProxy {
  port: number;
  /** HTTP requests that reached it so far, in any mode (a fetch the gateway skipped never does). */
  readonly requests: number;
  setMode(mode: ProxyMode): Promise<void>;
  close(): Promise<void>;
}

/**
 * A TCP proxy on 127.0.0.1 in front of a partner's port, for fault tests:
 * switching mode drops every open connection, so pooled keep-alive
 * connections do not carry on past a change.
 */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  let mode: ProxyMode = 'pass';
  let requests = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    open.add(client);
    // A chunk that starts with a request line: enough for the small requests of a test.
    client.on('data', (chunk: Buffer) => {
      if (REQUEST_LINE.test(chunk.subarray(0, 16).toString('latin1'))) requests += 1;
    });
    client.on('close', () => open.delete(client));
    client.on('error', () => undefined);
    if (mode === 'hang') {
      client.resume();
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1');
    open.add(upstream);
    upstream.on('close', () => open.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  const dropAll = () => {
    for (const socket of open) socket.destroy();
  };
  return {
    port,
    get requests() {
      return requests;
    },
    async setMode(next) {
      dropAll();
      if (next === 'refuse' && server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
      if (next !== 'refuse' && !server.listening) await listen(port);
      mode = next;
    },
    async close() {
      dropAll();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
