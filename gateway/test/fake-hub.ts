import type { RunningService } from '@mitra/runtime';
import type { GatewayConfig } from '../src/config';
import { createGatewayServer } from '../src/server';
import { startFakeSubgraph, type FakeSubgraph } from './fake-subgraph';
import { testGatewayConfig } from './test-gateway';

/** An answer of the gateway, as the tests read it. */
export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: unknown[]; extensions: Record<string, unknown> }>;
  extensions?: Record<string, unknown>;
}

/** The gateway in process, in front of the three fake subgraphs. */
export interface FakeHub {
  schools: FakeSubgraph;
  university: FakeSubgraph;
  skb: FakeSubgraph;
  /** http://127.0.0.1:<port> of the gateway. */
  base: string;
  /** The gateway's configuration in front of these subgraphs (readiness checks time out after 300 ms); `env` overrides. */
  configFor(env?: Record<string, string>): GatewayConfig;
  /** POSTs `source` to the gateway's /graphql. */
  query(source: string, headers?: Record<string, string>): Promise<{ response: Response; body: GraphQLBody }>;
}

/**
 * Called once at the top of a test file: starts the fake subgraphs (2, 5
 * and 3 SQL statements per request) and a gateway before its tests, stops
 * them after, and before each test forgets what the subgraphs received and
 * makes them ready again.
 */
export function useFakeHub(): FakeHub {
  let gateway: RunningService | undefined;
  const hub = {
    base: '',
    configFor: (env: Record<string, string> = {}) => testGatewayConfig(hub, { READINESS_TIMEOUT_MS: '300', ...env }),
    async query(source: string, headers: Record<string, string> = {}) {
      const response = await fetch(`${hub.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: source }),
      });
      return { response, body: (await response.json()) as GraphQLBody };
    },
  } as FakeHub;

  beforeAll(async () => {
    [hub.schools, hub.university, hub.skb] = await Promise.all([
      startFakeSubgraph('schools', 2),
      startFakeSubgraph('university', 5),
      startFakeSubgraph('skb', 3),
    ]);
    gateway = await (await createGatewayServer(hub.configFor())).listen();
    hub.base = `http://127.0.0.1:${gateway.port}`;
  });

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all([hub.schools, hub.university, hub.skb].map((subgraph) => subgraph?.close()));
  });

  beforeEach(() => {
    for (const subgraph of [hub.schools, hub.university, hub.skb]) {
      subgraph.received.length = 0;
      subgraph.ready = true;
    }
  });

  return hub;
}
