import type { RecordedFetch, ReplayNode } from './record';

/** The parts of @apollo/query-planner's plan nodes used here. */
export interface PlanNode {
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
export function treeFromPlan(node: PlanNode, fetches: RecordedFetch[]): ReplayNode | null | undefined {
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
export function treeFromTiming(fetches: RecordedFetch[]): ReplayNode {
  const stage = new Map<RecordedFetch, number>();
  for (const f of fetches)
    stage.set(f, 1 + Math.max(-1, ...fetches.filter((g) => g !== f && g.end <= f.start).map((g) => stage.get(g) ?? 0)));
  const stages: RecordedFetch[][] = [];
  for (const f of fetches) (stages[stage.get(f)!] ??= []).push(f);
  return {
    kind: 'sequence',
    nodes: stages
      .filter(Boolean)
      .map((list) => ({ kind: 'parallel', nodes: list.map((fetch) => ({ kind: 'fetch', fetch }) as ReplayNode) })),
  };
}

export function countFetches(node: ReplayNode): number {
  return node.kind === 'fetch' ? 1 : node.nodes.reduce((n, child) => n + countFetches(child), 0);
}

export function depthOf(node: ReplayNode): number {
  if (node.kind === 'fetch') return 1;
  const depths = node.nodes.map(depthOf);
  return node.kind === 'sequence' ? depths.reduce((a, b) => a + b, 0) : Math.max(...depths);
}
