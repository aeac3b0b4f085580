import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleAll, type CircuitBreakerPolicy } from 'cockatiel';
import type { Logger } from '@mitra/runtime';

export interface BreakerSettings {
  /** SUBGRAPH_BREAKER_FAILURES: fetches in a row that got no answer before the partner is skipped. */
  failures: number;
  /** SUBGRAPH_BREAKER_PAUSE_MS: how long it is skipped before one request tries it again. */
  pauseMs: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

/** What /readyz says of one partner's breaker. */
export interface BreakerReport {
  state: BreakerState;
  /** While open: when the next request will try the partner again. */
  retryInMs?: number;
}

/** Thrown instead of fetching while the breaker is open: the partner is not asked at all. */
export class CircuitOpenError extends Error {
  override readonly name = 'CircuitOpenError';
  constructor(readonly retryInMs: number) {
    super(`circuit open; the partner is tried again in ${retryInMs} ms`);
  }
}

/**
 * One partner's circuit breaker (cockatiel's consecutive-failure breaker).
 * A fetch that gets no answer (refused, reset, timed out) counts as a
 * failure; `failures` of them in a row open the circuit, and for `pauseMs`
 * every fetch fails at once instead of waiting for the timeout. Then one
 * fetch is let through as a probe (half-open): an answer closes the circuit,
 * another failure opens it for another pause. While the probe is out, other
 * fetches fail at once too, rather than queue behind it.
 *
 * Each gateway worker keeps its own breakers: each learns of an outage by
 * itself, at the cost of `failures` timeouts per worker.
 */
export class PartnerBreaker {
  private readonly policy: CircuitBreakerPolicy;
  private openedAt = 0;

  constructor(
    readonly name: string,
    private readonly settings: BreakerSettings,
    logger: Logger,
  ) {
    this.policy = circuitBreaker(handleAll, { halfOpenAfter: settings.pauseMs, breaker: new ConsecutiveBreaker(settings.failures) });
    this.policy.onBreak(() => {
      this.openedAt = Date.now();
      logger.warn({ subgraph: name, pauseMs: settings.pauseMs }, 'circuit opened: subgraph skipped until the pause is over');
    });
    this.policy.onHalfOpen(() => logger.info({ subgraph: name }, 'circuit half-open: one request tries the subgraph again'));
    this.policy.onReset(() => logger.info({ subgraph: name }, 'circuit closed: subgraph answers again'));
  }

  /** Runs one fetch through the breaker; throws CircuitOpenError without running it while the circuit is open. */
  async run<T>(fetch: () => Promise<T>): Promise<T> {
    // cockatiel queues callers behind a half-open probe; a caller here should not wait out a hung partner's timeout.
    if (this.policy.state === CircuitState.HalfOpen) throw new CircuitOpenError(0);
    try {
      return await this.policy.execute(fetch);
    } catch (error) {
      if (error instanceof BrokenCircuitError) throw new CircuitOpenError(this.retryInMs());
      throw error;
    }
  }

  private retryInMs(): number {
    return Math.max(0, this.openedAt + this.settings.pauseMs - Date.now());
  }

  report(): BreakerReport {
    switch (this.policy.state) {
      case CircuitState.Closed:
        return { state: 'closed' };
      case CircuitState.HalfOpen:
        return { state: 'half-open' };
      default: {
        // cockatiel moves to half-open on the first request after the pause: until then it is due.
        const retryInMs = this.retryInMs();
        return retryInMs > 0 ? { state: 'open', retryInMs } : { state: 'half-open' };
      }
    }
  }
}
