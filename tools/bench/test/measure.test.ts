import type { RawRun } from '../src/load';
import { measure, type MeasurementTarget } from '../src/measure';
import { MAX_WARMUP_SECONDS, warmUpText } from '../src/report';

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
    const slices = await measure([a, b], { duration: 10, warmup: 2, warmupRequests: 0, rounds: 5 });
    expect(a.calls).toEqual([2, 2, 2, 2, 2, 2]);
    expect(b.calls).toEqual([2, 2, 2, 2, 2, 2]);
    expect(slices.get('gateway')).toHaveLength(5);
  });

  it('reports a target that answered only errors while warming up with those errors, and leaves it out of the rounds', async () => {
    const router = target('router', refused);
    const gateway = target('gateway', good);
    const slices = await measure([router, gateway], { duration: 10, warmup: 2, warmupRequests: 0, rounds: 5 });
    expect(router.calls).toEqual([2]);
    expect(slices.get('router')).toEqual([refused]);
    expect(gateway.calls).toHaveLength(6);
  });

  it('keeps measuring a target whose warm-up had some good answers among the errors', async () => {
    const flaky = target('direct', { latencies: [3], seconds: 1, errors: 2 });
    const slices = await measure([flaky], { duration: 10, warmup: 2, warmupRequests: 0, rounds: 5 });
    expect(flaky.calls).toHaveLength(6);
    expect(slices.get('direct')).toHaveLength(5);
  });

  describe('a warm-up that goes on until enough requests have been answered (--warmup-requests)', () => {
    /** A target answering `perSecond` requests a second, or only errors. */
    function paced(perSecond: number, errorsOnly = false): MeasurementTarget & { calls: number[] } {
      const calls: number[] = [];
      return {
        what: 'gateway',
        tool: 'test',
        calls,
        load: (seconds) => {
          calls.push(seconds);
          const n = Math.round(perSecond * seconds);
          return Promise.resolve(
            errorsOnly
              ? { latencies: [], seconds, errors: n, firstError: 'HTTP 500' }
              : { latencies: Array.from({ length: n }, () => 10), seconds, errors: 0 },
          );
        },
      };
    }

    it('warms a slow target, 2 s at a time, until it has answered the requests asked for', async () => {
      const slow = paced(6.5); // 13 answers per 2 s
      await measure([slow], { duration: 10, warmup: 2, warmupRequests: 200, rounds: 5 });
      // 16 slices of warm-up (208 answers), then the five rounds.
      expect(slow.calls).toEqual([...Array.from({ length: 16 }, () => 2), 2, 2, 2, 2, 2]);
    });

    it('warms a fast target for the seconds asked for only', async () => {
      const fast = paced(500);
      await measure([fast], { duration: 10, warmup: 2, warmupRequests: 200, rounds: 5 });
      expect(fast.calls).toEqual([2, 2, 2, 2, 2, 2]);
    });

    it('stops at MAX_WARMUP_SECONDS however slow the target', async () => {
      const crawling = paced(0.5);
      await measure([crawling], { duration: 10, warmup: 2, warmupRequests: 200, rounds: 5 });
      const warming = crawling.calls.slice(0, -5);
      expect(warming.reduce((a, b) => a + b, 0)).toBe(MAX_WARMUP_SECONDS);
    });

    it('does not go on warming a target that answers only errors, and reports them', async () => {
      const refusing = paced(100, true);
      const slices = await measure([refusing], { duration: 10, warmup: 2, warmupRequests: 200, rounds: 5 });
      expect(refusing.calls).toEqual([2]);
      expect(slices.get('gateway')).toEqual([{ latencies: [], seconds: 2, errors: 200, firstError: 'HTTP 500' }]);
    });

    it('does no warm-up at all with --warmup 0', async () => {
      const slow = paced(6.5);
      await measure([slow], { duration: 10, warmup: 0, warmupRequests: 200, rounds: 5 });
      expect(slow.calls).toEqual([2, 2, 2, 2, 2]);
    });
  });
});

describe('warmUpText', () => {
  it('says how the measurements were warmed up', () => {
    expect(warmUpText({ warmupSeconds: 2, warmupRequests: 200 })).toBe(
      `2 s of warm-up, going on until 200 requests had been answered (at most ${MAX_WARMUP_SECONDS} s)`,
    );
    expect(warmUpText({ warmupSeconds: 2, warmupRequests: 0 })).toBe('2 s of warm-up');
    expect(warmUpText({ warmupSeconds: 2 })).toBe('2 s of warm-up');
    expect(warmUpText({ warmupSeconds: 0, warmupRequests: 200 })).toBe('no warm-up');
  });
});
