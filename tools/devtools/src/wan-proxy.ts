import net from 'node:net';

/**
 * A wide-area link on loopback: a TCP proxy on 127.0.0.1 in front of a
 * port of this machine that delays every byte by half the round trip each
 * way, and a new connection by one more round trip before its first byte
 * (the TCP handshake a far partner costs), so that each sequential request
 * over it costs what it would between institutions. Plain sockets and
 * timers: no kernel feature (tc, netem, namespaces), no other address.
 *
 * Modes: `pass` forwards; `hang` keeps connections open and answers nothing
 * (a frozen partner, a firewall that drops packets); `refuse` resets every
 * connection (a partner that is down). Switching drops the open connections,
 * so pooled keep-alive connections do not carry on past a change.
 */
export type WanMode = 'pass' | 'hang' | 'refuse';

export interface WanProxyOptions {
  /** The port on 127.0.0.1 to forward to. */
  targetPort: number;
  /** Round trip added, in milliseconds (0: none). */
  rttMs: number;
}

export interface WanTraffic {
  connections: number;
  /** Bytes from the caller to the target, and back. */
  bytesUp: number;
  bytesDown: number;
}

/**
 * Timers fire up to a millisecond late (whole milliseconds, rounded up), so
 * a delay is waited with a timer that wakes this much early, and the rest
 * turn by turn of the event loop: each chunk arrives at its due time, not
 * 0.5 to 1.5 ms after it, which over the four legs of two sequential
 * requests added 2 to 4 ms to every operation measured (and 1 ms per leg at
 * 0 ms).
 */
const EARLY_MS = 2;

/** One direction of a connection: chunks (and the end, null) delivered in order, each at its due time. */
class DelayedPipe {
  private readonly queue: Array<{ due: number; chunk: Buffer | null }> = [];
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;

  constructor(private readonly to: net.Socket) {}

  private ended = false;

  push(chunk: Buffer | null, due: number): void {
    if (this.ended) return;
    if (chunk === null) this.ended = true;
    const last = this.queue.at(-1)?.due ?? 0;
    this.queue.push({ due: Math.max(due, last), chunk });
    this.schedule();
  }

  clear(): void {
    clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
    this.queue.length = 0;
  }

  private schedule(): void {
    if (this.timer || this.immediate || !this.queue.length) return;
    const wait = this.queue[0].due - performance.now();
    if (wait > EARLY_MS) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.schedule();
      }, wait - EARLY_MS);
    } else {
      this.immediate = setImmediate(() => {
        this.immediate = undefined;
        this.flush();
      });
    }
  }

  private flush(): void {
    const now = performance.now();
    while (this.queue.length && this.queue[0].due <= now) {
      const { chunk } = this.queue.shift()!;
      if (this.to.destroyed) return this.clear();
      if (chunk) this.to.write(chunk);
      else this.to.end();
    }
    this.schedule();
  }
}

export class WanProxy {
  private mode: WanMode = 'pass';
  private readonly open = new Set<net.Socket>();
  private readonly counts: WanTraffic = { connections: 0, bytesUp: 0, bytesDown: 0 };

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
    private readonly targetPort: number,
    /** Round trip added from now on, in milliseconds. */
    public rttMs: number,
  ) {
    server.on('connection', (client) => this.accept(client));
  }

  static async start(options: WanProxyOptions): Promise<WanProxy> {
    const server = net.createServer({ noDelay: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new WanProxy(server, (server.address() as net.AddressInfo).port, options.targetPort, options.rttMs);
  }

  /** http://127.0.0.1:<port><path> */
  url(path = '/graphql'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  get traffic(): WanTraffic {
    return { ...this.counts };
  }

  setMode(mode: WanMode): void {
    for (const socket of this.open) socket.destroy();
    this.mode = mode;
  }

  async close(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private track(socket: net.Socket): void {
    this.open.add(socket);
    socket.on('close', () => this.open.delete(socket));
    socket.on('error', () => socket.destroy());
  }

  private accept(client: net.Socket): void {
    this.counts.connections += 1;
    this.track(client);
    if (this.mode === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    if (this.mode === 'hang') {
      client.resume();
      return;
    }
    const oneWay = this.rttMs / 2;
    // Nothing crosses before the handshake's round trip.
    const open = performance.now() + this.rttMs;
    const upstream = net.connect({ port: this.targetPort, host: '127.0.0.1', noDelay: true });
    this.track(upstream);
    const up = new DelayedPipe(upstream);
    const down = new DelayedPipe(client);
    client.on('data', (chunk: Buffer) => {
      this.counts.bytesUp += chunk.length;
      up.push(chunk, Math.max(performance.now(), open) + oneWay);
    });
    upstream.on('data', (chunk: Buffer) => {
      this.counts.bytesDown += chunk.length;
      down.push(chunk, performance.now() + oneWay);
    });
    client.on('end', () => up.push(null, Math.max(performance.now(), open) + oneWay));
    upstream.on('end', () => down.push(null, performance.now() + oneWay));
    client.on('close', () => {
      up.clear();
      upstream.destroy();
    });
    // The target's last bytes still arrive, late like the rest; then the caller's end.
    upstream.on('close', () => down.push(null, performance.now() + oneWay));
  }
}
