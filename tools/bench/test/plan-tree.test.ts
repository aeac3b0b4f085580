import { countFetches, depthOf, treeFromPlan, treeFromTiming } from '../src/plan-tree';
import type { RecordedFetch } from '../src/record';

const request = (query: string, start: number, end: number): RecordedFetch => ({
  subgraph: 'skb',
  url: 'http://127.0.0.1:1/graphql',
  headers: {},
  body: JSON.stringify({ query }),
  start,
  end,
});

describe('the replay of a recorded plan', () => {
  const first = request('{ a }', 0, 10);
  const second = request('{ b }', 11, 20);
  const third = request('{ c }', 11, 25);

  it('follows the gateway query plan: a sequence of a fetch and a parallel pair', () => {
    const tree = treeFromPlan(
      {
        kind: 'Sequence',
        nodes: [
          { kind: 'Fetch', operation: '{ a }' },
          {
            kind: 'Parallel',
            nodes: [
              { kind: 'Flatten', node: { kind: 'Fetch', operation: '{ b }' } },
              { kind: 'Fetch', operation: '{ c }' },
            ],
          },
        ],
      },
      [first, second, third],
    )!;
    expect(countFetches(tree)).toBe(3);
    expect(depthOf(tree)).toBe(2);
  });

  it('gives up on plan nodes it does not know', () => {
    expect(treeFromPlan({ kind: 'Defer', nodes: [] }, [first])).toBeUndefined();
  });

  it('without a plan, orders the requests by what had finished before each started', () => {
    const tree = treeFromTiming([first, second, third]);
    expect(countFetches(tree)).toBe(3);
    expect(depthOf(tree)).toBe(2);
  });
});
