import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { builtScript, ServiceProcess, waitUntilReady } from '@mitra/cli';
import { findFreePort } from '@mitra/devtools';
import { SUBGRAPH_NAMES, type SubgraphName } from '@mitra/runtime';
import { countFetches, depthOf, treeFromPlan, treeFromTiming, type PlanNode } from './plan-tree';

/**
 * "The same work sent directly to the owning subgraphs" is taken from the
 * gateway itself: a second gateway, used only for this, reaches the
 * subgraphs through a recording proxy. For each operation the proxy keeps
 * the subgraph requests the gateway's query plan made (bodies and headers,
 * including the gateway's secret for `_entities`), and the gateway shows
 * the plan itself: which requests ran one after another and which in
 * parallel. Replaying them that way is what a client would send without a
 * gateway.
 */

export interface RecordedFetch {
  subgraph: SubgraphName;
  url: string;
  headers: Record<string, string>;
  body: string;
  start: number;
  end: number;
}

/** How the recorded requests depend on each other: the gateway's query plan, reduced to what ran. */
export type ReplayNode = { kind: 'fetch'; fetch: RecordedFetch } | { kind: 'sequence' | 'parallel'; nodes: ReplayNode[] };

export interface RecordedPlan {
  fetches: RecordedFetch[];
  tree: ReplayNode;
  /** Requests one after another on the longest path through the plan. */
  depth: number;
  /** Where the structure came from: the gateway's query plan, or (when it does not show it) the timing of the requests. */
  source: 'query plan' | 'timing';
}

/** Headers that belong to one connection or one request, not to the work. */
const NOT_REPLAYED = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'x-request-id',
  'accept-encoding',
]);

export class PlanRecorder {
  private log: RecordedFetch[] = [];
  private server: http.Server | undefined;
  private gateway: ServiceProcess | undefined;
  gatewayUrl = '';

  constructor(private readonly subgraphUrls: Record<SubgraphName, string>) {}

  /** Starts the proxy and the recording gateway (with the hub's environment). */
  async start(root: string, env: NodeJS.ProcessEnv, readyTimeoutMs = 60_000): Promise<void> {
    this.server = this.proxy();
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const proxyPort = (this.server.address() as AddressInfo).port;
    const port = await findFreePort();
    const proxied = Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${proxyPort}/${name}/graphql`]),
    );
    this.gateway = new ServiceProcess({
      label: 'gateway (recording)',
      script: builtScript(root, 'gateway/dist/index.js'),
      cwd: root,
      // Not production: only then does @apollo/gateway show its query plan (Apollo-Query-Plan-Experimental).
      env: { ...env, ...proxied, GATEWAY_PORT: String(port), NODE_ENV: 'test' },
    });
    this.gatewayUrl = `http://127.0.0.1:${port}/graphql`;
    await waitUntilReady(this.gateway, port, readyTimeoutMs);
    if (!this.gateway.running) throw new Error(`the recording gateway exited:\n${this.gateway.tail()}`);
  }

  /** A proxy in front of the subgraphs (`/<subgraph>/graphql`) that forwards every request and keeps the GraphQL ones. */
  private proxy(): http.Server {
    const agent = new http.Agent({ keepAlive: true });
    return http.createServer((req, res) => {
      const [, prefix, ...rest] = (req.url ?? '/').split('/');
      const subgraph = prefix as SubgraphName;
      const target = this.subgraphUrls[subgraph];
      if (!target) {
        res.writeHead(404).end();
        return;
      }
      const url = new URL(`/${rest.join('/')}`, target);
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const start = performance.now();
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && !NOT_REPLAYED.has(k)) as Array<[string, string]>,
        );
        const forward = http.request(
          url,
          { method: req.method, headers: { ...headers, 'content-length': String(body.length) }, agent },
          (answer) => {
            const out: Buffer[] = [];
            answer.on('data', (c: Buffer) => out.push(c));
            answer.on('end', () => {
              if (req.method === 'POST' && url.pathname.endsWith('/graphql')) {
                this.log.push({ subgraph, url: url.toString(), headers, body: body.toString('utf8'), start, end: performance.now() });
              }
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              res.end(Buffer.concat(out));
            });
          },
        );
        forward.on('error', () => res.writeHead(502).end());
        forward.end(body);
      });
    });
  }

  /** Sends one operation through the recording gateway; returns its answer and the subgraph requests it caused. */
  async record(body: string, headers: Record<string, string>): Promise<{ answer: unknown; plan: RecordedPlan }> {
    this.log = [];
    const response = await fetch(this.gatewayUrl, {
      method: 'POST',
      headers: { ...headers, 'apollo-query-plan-experimental': '1', 'apollo-query-plan-experimental-format': 'internal' },
      body,
    });
    const answer = (await response.json()) as { extensions?: { __queryPlanExperimental?: { node?: PlanNode } } };
    const fetches = this.log.sort((a, b) => a.start - b.start);
    this.log = [];
    const fromPlan = answer.extensions?.__queryPlanExperimental?.node
      ? treeFromPlan(answer.extensions.__queryPlanExperimental.node, fetches)
      : undefined;
    const tree = fromPlan && countFetches(fromPlan) === fetches.length ? fromPlan : treeFromTiming(fetches);
    delete answer.extensions;
    return { answer, plan: { fetches, tree, depth: depthOf(tree), source: tree === fromPlan ? 'query plan' : 'timing' } };
  }

  async stop(): Promise<void> {
    await this.gateway?.stop();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }
}
