import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PlanNode } from '@apollo/query-planner';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { REPO_ROOT, SUPERGRAPH_PATH } from '../src/paths';
import { SupergraphPlanner, sequentialFetches } from '../src/query-plans';
import { TEACHER_PAGE_QUERY, TEACHER_QUERY } from '../src/reference-operations';

/**
 * Round trips between institutions, per operation: the sequential fetches of
 * the gateway's query plan over the committed supergraph. Each one costs a
 * network round trip from the gateway to a partner far away, so a schema
 * change that adds one fails here, and one that saves one updates the table
 * (and docs/benchmarks.md, whose `--rtt` figures follow it).
 *
 * District statistics: schools (the district, its teacher keys) → skb and
 * university at once (both resolve District.training and each @requires the
 * teacher keys) → one more to the skb when `suppressed` is asked, which needs
 * both partners' suppression. Without `suppressed`: schools → (skb ∥ university).
 */
const BUDGET: Record<string, number> = {
  DistrictStatistics: 3,
  DistrictTrainingByYear: 3,
  DistrictTrainingNeeds: 1,
  DistrictsOverview: 1,
  ProgramOutcomes: 2,
  ProvinceQualifications: 1,
  Teacher: 2,
  TeacherPage: 2,
};

const MANIFEST = path.join(REPO_ROOT, 'dashboard', 'src', 'gql', 'persisted-documents.json');

function operationName(document: string): string {
  const operation = parse(document).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation?.name) throw new Error(`An operation without a name: ${document.slice(0, 80)}`);
  return operation.name.value;
}

describe('sequential fetches of the query plans', () => {
  const planner = new SupergraphPlanner(readFileSync(SUPERGRAPH_PATH, 'utf8'));
  const dashboard = Object.values(JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>);
  const documents = [...dashboard, TEACHER_QUERY, TEACHER_PAGE_QUERY];

  it('has a budget for every operation of the dashboard (its persisted-query manifest) and the teacher pages', () => {
    expect(dashboard.length).toBeGreaterThan(0);
    expect(documents.map(operationName).filter((name) => !(name in BUDGET))).toEqual([]);
  });

  it('plans each operation in exactly its budget of sequential fetches', () => {
    const measured = Object.fromEntries(documents.map((d) => [operationName(d), planner.shape(d).sequentialFetches]));
    expect(measured).toEqual(Object.fromEntries(Object.keys(measured).map((name) => [name, BUDGET[name]])));
  });

  it('district statistics: the skb and the university are asked at the same time, right after the schools', () => {
    const plan = planner.plan(
      `query Coverage { district(code: "64.71") { name training { teachersTrained byHighestTier { tier count } meanGain } } }`,
    );
    expect(planner.shape(`query Coverage { district(code: "64.71") { training { teachersTrained meanGain } } }`)).toEqual({
      sequentialFetches: 2,
      fetches: 3,
      services: ['schools', 'skb', 'university'],
    });
    const root = plan.node as PlanNode & { kind: 'Sequence' };
    expect(root.nodes.map((n) => n.kind)).toEqual(['Fetch', 'Parallel']);
  });
});

describe('sequentialFetches', () => {
  const fetch = (serviceName: string): PlanNode => ({ kind: 'Fetch', serviceName }) as PlanNode;
  const flatten = (node: PlanNode): PlanNode => ({ kind: 'Flatten', path: [], node }) as PlanNode;

  it('adds a sequence, takes the deepest branch of a parallel, and sees through Flatten', () => {
    const node = {
      kind: 'Sequence',
      nodes: [
        fetch('schools'),
        {
          kind: 'Parallel',
          nodes: [flatten(fetch('skb')), { kind: 'Sequence', nodes: [flatten(fetch('university')), flatten(fetch('skb'))] }],
        },
      ],
    } as PlanNode;
    expect(sequentialFetches(node)).toBe(3);
    expect(sequentialFetches(undefined)).toBe(0);
  });

  it('refuses a kind of node it does not know, rather than counting it as nothing', () => {
    expect(() => sequentialFetches({ kind: 'Subscription' } as unknown as PlanNode)).toThrow(/Subscription/);
  });
});
