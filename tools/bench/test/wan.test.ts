import { SyntheticOptionsError } from '@mitra/fixtures';
import { parseOptions } from '../src/options';
import type { OperationResult } from '../src/report';
import { wanRows, wanTargets } from '../src/wan';

const measured = (name: string, depth: number, p50: number): OperationResult => ({
  name,
  title: name,
  viewer: 'partner',
  status: 'measured',
  plan: { fetches: depth + 1, depth, subgraphs: ['schools', 'skb'], source: 'query plan' },
  floorStatus: 'none',
  runs: [{ connections: 1, gateway: { requests: 10, rps: 5, p50, p95: p50, p99: p50, errors: 0, tool: 'test' } }],
});

describe('npm run bench -- --rtt', () => {
  it('measures the gateway only, behind proxies of that round trip', () => {
    expect(parseOptions(['--rtt', '50'])).toMatchObject({ rttMs: 50, targets: ['gateway'] });
    expect(parseOptions(['--rtt', '0']).rttMs).toBe(0);
    expect(parseOptions([]).rttMs).toBeUndefined();
  });

  it('refuses a negative or missing round trip, and targets that would not cross the proxies', () => {
    expect(() => parseOptions(['--rtt', '-5'])).toThrow(SyntheticOptionsError);
    expect(() => parseOptions(['--rtt', 'far'])).toThrow(/--rtt must be 0 or more milliseconds/);
    expect(() => parseOptions(['--rtt'])).toThrow(/--rtt needs a value/);
    expect(() => parseOptions(['--rtt', '50', '--targets', 'gateway,router'])).toThrow(/gateway only/);
  });

  it('relates p50 to sequential fetches × RTT + 30 ms, for district statistics and the teacher page', () => {
    const ops = [measured('district-statistics', 3, 175), measured('teacher', 2, 120), measured('teachers-100', 2, 140)];
    expect(wanRows(ops, 50)).toEqual([
      ['district-statistics', '1', '3', '4', '5.0', '175', '175', '180', 'yes'],
      ['teacher', '1', '2', '3', '5.0', '120', '120', '130', 'yes'],
      ['teachers-100', '1', '2', '3', '5.0', '140', '140', '130', 'no (+10.0)'],
    ]);
    expect(wanTargets(ops, 50).map((t) => t.met)).toEqual([true, true, false]);
    expect(wanTargets([], 50).map((t) => t.reached)).toEqual(['not measured', 'not measured', 'not measured']);
  });
});
