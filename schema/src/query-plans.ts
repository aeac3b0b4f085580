import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type PlanNode, type QueryPlan, type SubscriptionNode } from '@apollo/query-planner';
import { parse } from 'graphql';

/**
 * What a query costs between institutions, read from the gateway's own query
 * plan (the same planner @apollo/gateway runs, over the same supergraph):
 * each sequential fetch is one round trip from the gateway to a partner.
 */
export interface PlanShape {
  /** Fetches one after another on the longest path through the plan: round trips a client waits for. */
  sequentialFetches: number;
  /** All fetches, sequential or not. */
  fetches: number;
  /** The subgraphs asked, in plan order, each once. */
  services: string[];
}

/**
 * The critical path of a plan: a Sequence adds its children's depths, a
 * Parallel takes the deepest, Flatten is its fetch. A Condition (@skip and
 * @include on a deferred fragment) may take either branch: the deeper one.
 * A Defer counts its primary part and then its deepest deferred part, which
 * waits for it. Subscriptions have no plan here: the hub refuses them.
 */
export function sequentialFetches(node: PlanNode | SubscriptionNode | undefined): number {
  if (!node) return 0;
  switch (node.kind) {
    case 'Fetch':
      return 1;
    case 'Flatten':
      return sequentialFetches(node.node);
    case 'Sequence':
      return node.nodes.reduce((sum, child) => sum + sequentialFetches(child), 0);
    case 'Parallel':
      return Math.max(0, ...node.nodes.map(sequentialFetches));
    case 'Condition':
      return Math.max(sequentialFetches(node.ifClause), sequentialFetches(node.elseClause));
    case 'Defer':
      return sequentialFetches(node.primary.node) + Math.max(0, ...node.deferred.map((d) => sequentialFetches(d.node)));
    default:
      throw new Error(`A query plan node of kind ${(node as { kind: string }).kind} is not counted here`);
  }
}

function fetchesOf(node: PlanNode | SubscriptionNode | undefined, into: Array<{ serviceName: string }>): void {
  if (!node) return;
  switch (node.kind) {
    case 'Fetch':
      into.push(node);
      return;
    case 'Flatten':
      return fetchesOf(node.node, into);
    case 'Sequence':
    case 'Parallel':
      return node.nodes.forEach((child) => fetchesOf(child, into));
    case 'Condition':
      fetchesOf(node.ifClause, into);
      return fetchesOf(node.elseClause, into);
    case 'Defer':
      fetchesOf(node.primary.node, into);
      return node.deferred.forEach((d) => fetchesOf(d.node, into));
    default:
      return;
  }
}

export function planShape(plan: QueryPlan): PlanShape {
  const fetches: Array<{ serviceName: string }> = [];
  fetchesOf(plan.node, fetches);
  return {
    sequentialFetches: sequentialFetches(plan.node),
    fetches: fetches.length,
    services: [...new Set(fetches.map((f) => f.serviceName))],
  };
}

/** Plans operations over one supergraph (the committed file, or a fresh composition). */
export class SupergraphPlanner {
  private readonly supergraph: Supergraph;
  private readonly planner: QueryPlanner;

  constructor(supergraphSdl: string) {
    this.supergraph = Supergraph.build(supergraphSdl);
    this.planner = new QueryPlanner(this.supergraph);
  }

  /** The plan of `document` (one operation, or the one named), as the gateway would make it. */
  plan(document: string, operationName?: string): QueryPlan {
    const operation = operationFromDocument(this.supergraph.schema, parse(document), { operationName, validate: true });
    return this.planner.buildQueryPlan(operation);
  }

  shape(document: string, operationName?: string): PlanShape {
    return planShape(this.plan(document, operationName));
  }
}
