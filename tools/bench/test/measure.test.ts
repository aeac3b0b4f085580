import type { RawRun } from '../src/load';
import { measure, type MeasurementTarget } from '../src/measure';

/** A target whose every load returns `run` and is counted. */
function target(what: MeasurementTarget['what'], run: RawRun): MeasurementTarget & { calls: number[] } {
  const calls: number[] = [];
  return {
    what,
    tool: 'test',
    calls,
    load: (seconds) => {
      calls.push(seconds);
      return Promise.resolve(run);
    },
  };
}

const good: RawRun = { latencies: [1, 2], seconds: 1, errors: 0 };
const refused: RawRun = {
  latencies: [],
  seconds: 1,
  errors: 40,
  firstError: 'HTTP 200 {"errors":[{"message":"Query is nested too deep."}]}',
};

describe('measure', () => {
  it('gives every target a warm-up and a slice per round, in turns', async () => {
    const a = target('gateway', good);
    const b = target('gateway-1', good);
    const slices = await measure([a, b], { duration: 10, warmup: 2, rounds: 5 });
    expect(a.calls).toEqual([2, 2, 2, 2, 2, 2]);
    expect(b.calls).toEqual([2, 2, 2, 2, 2, 2]);
    expect(slices.get('gateway')).toHaveLength(5);
  });

  it('reports a target that answered only errors while warming up with those errors, and leaves it out of the rounds', async () => {
    const router = target('router', refused);
    const gateway = target('gateway', good);
    const slices = await measure([router, gateway], { duration: 10, warmup: 2, rounds: 5 });
    expect(router.calls).toEqual([2]);
    expect(slices.get('router')).toEqual([refused]);
    expect(gateway.calls).toHaveLength(6);
  });

  it('keeps measuring a target whose warm-up had some good answers among the errors', async () => {
    const flaky = target('direct', { latencies: [3], seconds: 1, errors: 2 });
    const slices = await measure([flaky], { duration: 10, warmup: 2, rounds: 5 });
    expect(flaky.calls).toHaveLength(6);
    expect(slices.get('direct')).toHaveLength(5);
  });
});
