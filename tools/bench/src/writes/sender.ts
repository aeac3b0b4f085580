import { performance } from 'node:perf_hooks';
import { percentile } from '../load';
import type { Caller, Kind, Send } from './client';

interface Tally {
  latencies: number[];
  errors: number;
}

export interface KindFigures {
  kind: string;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
}

/**
 * Sends the load test's requests and checks each answer: any error, any
 * HTTP status but 200, or an answer without the expected data is
 * unexpected. While measuring, every request is timed and tallied by kind;
 * before that (the set-up), an unexpected answer stops the run.
 */
export class Sender {
  measuring = false;
  unexpected = 0;
  firstUnexpected: string | undefined;
  private readonly tallies = new Map<Kind, Tally>();

  constructor(
    private readonly url: string,
    private readonly tokens: Record<Caller, string | undefined>,
  ) {}

  readonly send: Send = async (kind, caller, query, variables) => {
    const started = performance.now();
    const { data, problem } = await this.post(kind, caller, query, variables);
    if (this.measuring) {
      const tally = this.tallies.get(kind) ?? { latencies: [], errors: 0 };
      this.tallies.set(kind, tally);
      tally.latencies.push(performance.now() - started);
      if (problem) {
        tally.errors += 1;
        this.unexpected += 1;
        this.firstUnexpected ??= problem;
      }
    } else if (problem) {
      throw new Error(`set-up failed: ${problem}`);
    }
    return data;
  };

  private async post(
    kind: Kind,
    caller: Caller,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: Record<string, unknown>; problem?: string }> {
    const token = this.tokens[caller];
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: unknown[] };
      if (response.status !== 200 || body.errors?.length || !body.data || Object.values(body.data).some((v) => v === null)) {
        return { problem: `${kind}: HTTP ${response.status} ${text.slice(0, 240)}` };
      }
      return { data: body.data };
    } catch (error) {
      return { problem: `${kind}: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  /** Requests, unexpected answers and latency percentiles (ms) per kind of request, by name. */
  figures(): KindFigures[] {
    return [...this.tallies]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, t]) => {
        const sorted = [...t.latencies].sort((a, b) => a - b);
        return {
          kind,
          requests: sorted.length,
          errors: t.errors,
          p50: percentile(sorted, 0.5),
          p95: percentile(sorted, 0.95),
          p99: percentile(sorted, 0.99),
        };
      });
  }
}
