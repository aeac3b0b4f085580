import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { findFreePort } from '@mitra/devtools';
import { SUBGRAPH_NAMES, type SubgraphName } from '@mitra/runtime';
import { builtScript } from './repo';
import { ServiceProcess } from './services';

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
const NOT_REPLAYED = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'x-request-id', 'accept-encoding']);

export class PlanRecorder {
  private log: RecordedFetch[] = [];
  private server: http.Server | undefined;
  private gateway: ServiceProcess | undefined;
  gatewayUrl = '';

  constructor(private readonly subgraphUrls: Record<SubgraphName, string>) {}

  /** Starts the proxy and the recording gateway (with the hub's environment). */
  async start(root: string, env: NodeJS.ProcessEnv, readyTimeoutMs = 60_000): Promise<void> {
    const agent = new http.Agent({ keepAlive: true });
    this.server = http.createServer((req, res) => {
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
        const forward = http.request(url, { method: req.method, headers: { ...headers, 'content-length': String(body.length) }, agent }, (answer) => {
          const out: Buffer[] = [];
          answer.on('data', (c: Buffer) => out.push(c));
          answer.on('end', () => {
            if (req.method === 'POST' && url.pathname.endsWith('/graphql')) {
              this.log.push({ subgraph, url: url.toString(), headers, body: body.toString('utf8'), start, end: performance.now() });
            }
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(out));
          });
        });
        forward.on('error', () => res.writeHead(502).end());
        forward.end(body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const proxyPort = (this.server.address() as AddressInfo).port;
    const port = await findFreePort();
    const proxied = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${proxyPort}/${name}/graphql`]));
    this.gateway = new ServiceProcess({
      label: 'gateway (recording)',
      script: builtScript(root, 'gateway/dist/index.js'),
      cwd: root,
      // Not production: only then does @apollo/gateway show its query plan (Apollo-Query-Plan-Experimental).
      env: { ...env, ...proxied, GATEWAY_PORT: String(port), NODE_ENV: 'test' },
    });
    this.gatewayUrl = `http://127.0.0.1:${port}/graphql`;
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      if (!this.gateway.running) throw new Error(`the recording gateway exited:\n${this.gateway.tail()}`);
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`the recording gateway was not ready within ${readyTimeoutMs / 1000} s:\n${this.gateway.tail()}`);
      await new Promise((r) => setTimeout(r, 150));
    }
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
    const fromPlan = answer.extensions?.__queryPlanExperimental?.node ? treeFromPlan(answer.extensions.__queryPlanExperimental.node, fetches) : undefined;
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

/** The parts of @apollo/query-planner's plan nodes used here. */
interface PlanNode {
  kind: string;
  nodes?: PlanNode[];
  node?: PlanNode;
  operation?: string;
}

const queryOf = (f: RecordedFetch): string => (JSON.parse(f.body) as { query?: string }).query ?? '';

/**
 * The plan's Sequence/Parallel/Flatten/Fetch tree with each Fetch replaced
 * by the request it caused (matched by its operation text). Fetches the
 * gateway skipped (nothing to ask for) drop out. Undefined for kinds this
 * does not know (Condition, Defer): the timing is used instead.
 */
function treeFromPlan(node: PlanNode, fetches: RecordedFetch[]): ReplayNode | null | undefined {
  const byQuery = new Map<string, RecordedFetch[]>();
  for (const f of fetches) byQuery.set(queryOf(f), [...(byQuery.get(queryOf(f)) ?? []), f]);
  let unknown = false;
  const walk = (n: PlanNode): ReplayNode | null => {
    switch (n.kind) {
      case 'Fetch': {
        const fetch = byQuery.get(n.operation ?? '')?.shift();
        return fetch ? { kind: 'fetch', fetch } : null;
      }
      case 'Flatten':
        return n.node ? walk(n.node) : null;
      case 'Sequence':
      case 'Parallel': {
        const nodes = (n.nodes ?? []).map(walk).filter((x): x is ReplayNode => x !== null);
        if (!nodes.length) return null;
        return nodes.length === 1 ? nodes[0] : { kind: n.kind === 'Sequence' ? 'sequence' : 'parallel', nodes };
      }
      default:
        unknown = true;
        return null;
    }
  };
  const tree = walk(node);
  return unknown ? undefined : tree;
}

/** Without a plan: a request depends on every request that had finished before it started. */
function treeFromTiming(fetches: RecordedFetch[]): ReplayNode {
  const stage = new Map<RecordedFetch, number>();
  for (const f of fetches) stage.set(f, 1 + Math.max(-1, ...fetches.filter((g) => g !== f && g.end <= f.start).map((g) => stage.get(g) ?? 0)));
  const stages: RecordedFetch[][] = [];
  for (const f of fetches) (stages[stage.get(f)!] ??= []).push(f);
  return {
    kind: 'sequence',
    nodes: stages.filter(Boolean).map((list) => ({ kind: 'parallel', nodes: list.map((fetch) => ({ kind: 'fetch', fetch }) as ReplayNode) })),
  };
}

function countFetches(node: ReplayNode): number {
  return node.kind === 'fetch' ? 1 : node.nodes.reduce((n, child) => n + countFetches(child), 0);
}

function depthOf(node: ReplayNode): number {
  if (node.kind === 'fetch') return 1;
  const depths = node.nodes.map(depthOf);
  return node.kind === 'sequence' ? depths.reduce((a, b) => a + b, 0) : Math.max(...depths);
}

/** One replay of a recorded plan, as the gateway ran it. Null when every request answered well. */
async function replayOnce(node: ReplayNode, agent: http.Agent): Promise<string | null> {
  if (node.kind === 'fetch') return post(node.fetch, agent);
  if (node.kind === 'parallel') return (await Promise.all(node.nodes.map((n) => replayOnce(n, agent)))).find((r) => r !== null) ?? null;
  let failure: string | null = null;
  for (const n of node.nodes) failure ??= await replayOnce(n, agent);
  return failure;
}

/** Null for a 200 answer without errors; otherwise what went wrong. */
function post(f: RecordedFetch, agent: http.Agent): Promise<string | null> {
  return new Promise((resolve) => {
    const body = Buffer.from(f.body);
    const req = http.request(f.url, { method: 'POST', agent, headers: { ...f.headers, 'content-length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        // Parsed, as the gateway parses every subgraph answer.
        let errors = true;
        try {
          errors = Boolean((JSON.parse(text) as { errors?: unknown[] }).errors?.length);
        } catch {
          errors = true;
        }
        resolve(res.statusCode === 200 && !errors ? null : `${f.subgraph}: HTTP ${res.statusCode} ${text.slice(0, 300)}`);
      });
    });
    req.on('error', (error) => resolve(`${f.subgraph}: ${error.message}`));
    req.end(body);
  });
}

/** `connections` clients replaying the plan back to back for `seconds`: latency of each whole replay, in ms. */
export async function loadReplay(
  plan: RecordedPlan,
  connections: number,
  seconds: number,
): Promise<{ latencies: number[]; seconds: number; errors: number; firstError?: string }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections * plan.fetches.length });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < deadline) {
          const t0 = performance.now();
          const failure = await replayOnce(plan.tree, agent);
          if (failure === null) latencies.push(performance.now() - t0);
          else {
            errors += 1;
            firstError ??= failure;
          }
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  return { latencies, seconds: (performance.now() - started) / 1000, errors, firstError };
}
