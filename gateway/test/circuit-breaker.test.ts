import { createLogger } from '@mitra/runtime';
import { CircuitOpenError, PartnerBreaker } from '../src/circuit-breaker';

const logger = createLogger('gateway', 'silent');
const fail = () => Promise.reject(new Error('connect ECONNREFUSED'));
const answer = () => Promise.resolve('answer');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PartnerBreaker', () => {
  it('opens after the configured failures in a row, skips the partner during the pause, then lets one probe through', async () => {
    const breaker = new PartnerBreaker('skb', { failures: 2, pauseMs: 200 }, logger);
    const calls: string[] = [];
    const failing = () => {
      calls.push('fetch');
      return fail();
    };
    await expect(breaker.run(failing)).rejects.toThrow('ECONNREFUSED');
    expect(breaker.report()).toEqual({ state: 'closed' });
    await expect(breaker.run(failing)).rejects.toThrow('ECONNREFUSED');
    const open = breaker.report();
    expect(open.state).toBe('open');
    expect(open.retryInMs).toBeGreaterThan(0);
    expect(open.retryInMs).toBeLessThanOrEqual(200);

    // Skipped: the fetch is not run at all.
    await expect(breaker.run(failing)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(calls).toHaveLength(2);

    await sleep(250);
    expect(breaker.report()).toEqual({ state: 'half-open' });
    // The probe fails: open for another pause, and the probe was the only fetch.
    await expect(breaker.run(failing)).rejects.toThrow('ECONNREFUSED');
    expect(calls).toHaveLength(3);
    expect(breaker.report().state).toBe('open');
    await expect(breaker.run(answer)).rejects.toBeInstanceOf(CircuitOpenError);

    await sleep(250);
    await expect(breaker.run(answer)).resolves.toBe('answer');
    expect(breaker.report()).toEqual({ state: 'closed' });
  });

  it('fails the other callers at once while a probe is out, instead of queueing them behind it', async () => {
    const breaker = new PartnerBreaker('skb', { failures: 1, pauseMs: 50 }, logger);
    await expect(breaker.run(fail)).rejects.toThrow('ECONNREFUSED');
    await sleep(80);
    let release: (value: string) => void = () => undefined;
    const probe = breaker.run(() => new Promise<string>((resolve) => (release = resolve)));
    expect(breaker.report()).toEqual({ state: 'half-open' });
    await expect(breaker.run(answer)).rejects.toBeInstanceOf(CircuitOpenError);
    release('late answer');
    await expect(probe).resolves.toBe('late answer');
    expect(breaker.report()).toEqual({ state: 'closed' });
  });

  it('a success in between resets the count: only failures in a row open it', async () => {
    const breaker = new PartnerBreaker('skb', { failures: 2, pauseMs: 1_000 }, logger);
    await expect(breaker.run(fail)).rejects.toThrow();
    await breaker.run(answer);
    await expect(breaker.run(fail)).rejects.toThrow();
    expect(breaker.report()).toEqual({ state: 'closed' });
  });
});
