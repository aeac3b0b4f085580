import { STATUS_CODES } from 'node:http';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, request, type Dispatcher } from 'undici';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/**
 * How long an idle connection to a subgraph stays open. Partners see
 * traffic in bursts; a new connection costs a handshake at every hop, so the
 * gateway keeps them for ten minutes (a subgraph may close them sooner: its
 * own keep-alive timeout is 65 s).
 */
const KEEP_ALIVE_MS = 600_000;

/** The part of a fetch Response that RemoteGraphQLDataSource reads. */
class SubgraphResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly redirected = false;
  readonly headers: Headers;

  constructor(
    readonly url: string,
    private readonly answer: Dispatcher.ResponseData,
  ) {
    this.status = answer.statusCode;
    this.ok = this.status >= 200 && this.status < 300;
    this.statusText = STATUS_CODES[this.status] ?? '';
    this.headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined) this.headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
  }

  get bodyUsed(): boolean {
    return this.answer.body.bodyUsed;
  }

  text(): Promise<string> {
    return this.answer.body.text();
  }

  json(): Promise<unknown> {
    return this.answer.body.json();
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.answer.body.arrayBuffer();
  }
}

/**
 * The gateway's HTTP client for subgraph fetches: undici's request API on a
 * keep-alive connection pool, with a deadline per fetch (a hung subgraph
 * fails that fetch after `timeoutMs` instead of holding the client's request
 * open). Node's global fetch is the same library behind the WHATWG Request,
 * Response and stream objects, which took about a fifth of the gateway's CPU
 * on a page of 100 teachers (`npm run bench`, docs/benchmarks.md).
 */
export function subgraphFetcher(timeoutMs: number, link: SubgraphLinkOptions = {}): Fetcher {
  const dispatcher = link.dispatcher ?? subgraphDispatcher();
  const guard = link.guard ?? ((fetch) => fetch());
  return (async (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => {
    const answer = await guard(() =>
      request(url, {
        method: (init?.method ?? 'GET') as Dispatcher.HttpMethod,
        headers: init?.headers,
        body: init?.body,
        signal: AbortSignal.timeout(timeoutMs),
        dispatcher,
      }),
    );
    return new SubgraphResponse(url, answer);
  }) as unknown as Fetcher;
}

export interface SubgraphLinkOptions {
  /** The partner's connection pool (subgraphDispatcher), shared with its readiness check. */
  dispatcher?: Dispatcher;
  /** Runs each fetch, e.g. through the partner's circuit breaker (circuit-breaker.ts). */
  guard?: <T>(fetch: () => Promise<T>) => Promise<T>;
}

/** A keep-alive connection pool for one partner; `connect` carries its TLS settings (CA, client certificate). */
export function subgraphDispatcher(connect?: Agent.Options['connect']): Agent {
  return new Agent({ keepAliveTimeout: KEEP_ALIVE_MS, keepAliveMaxTimeout: KEEP_ALIVE_MS, ...(connect ? { connect } : {}) });
}
