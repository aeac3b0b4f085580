import { type SubgraphName } from '@mitra/runtime';
import type { LooseBody } from './client';

/** One query of a fault test's mixed run, with the partners its plan fetches from. */
export interface Probe {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** The subgraphs its plan fetches from. */
  needs: SubgraphName[];
  /** The answer with every partner up, taken at the start. */
  full?: LooseBody;
}

export interface Answer {
  status: number;
  body: LooseBody;
}

/**
 * Sends `probe` (its name is the operation's) to the gateway at `url`, with
 * the client's own deadline: the gateway must have answered well before
 * it, whatever a partner does.
 */
export async function askProbe(url: string, token: string, probe: Probe, deadlineMs: number): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: probe.query, variables: probe.variables, operationName: probe.name }),
    signal: AbortSignal.timeout(deadlineMs),
  });
  return { status: response.status, body: await response.json() };
}

/** `degraded` is `full` with some values replaced by null (what a missing partner does), nothing else changed. */
export function isPrunedFrom(full: unknown, degraded: unknown): boolean {
  if (degraded === null) return true;
  if (Array.isArray(full))
    return Array.isArray(degraded) && full.length === degraded.length && full.every((f, i) => isPrunedFrom(f, degraded[i]));
  if (full && typeof full === 'object') {
    if (!degraded || typeof degraded !== 'object') return false;
    const keys = Object.keys(full);
    return (
      keys.length === Object.keys(degraded).length && keys.every((k) => isPrunedFrom((full as LooseBody)[k], (degraded as LooseBody)[k]))
    );
  }
  return full === degraded;
}

/**
 * What an answer may be while `down` are unavailable: the full answer when
 * the probe needs none of them; otherwise the full answer pruned to nulls,
 * with only SERVICE_UNAVAILABLE errors that name one of them.
 */
export function problemsWith(probe: Probe, answer: Answer, down: ReadonlySet<SubgraphName>): string[] {
  const problems: string[] = [];
  if (answer.status !== 200) problems.push(`HTTP ${answer.status}`);
  const errors: LooseBody[] = answer.body.errors ?? [];
  if (!probe.needs.some((s) => down.has(s))) {
    if (JSON.stringify(answer.body) !== JSON.stringify(probe.full))
      problems.push('differs from the full answer although it needs no missing partner');
    return problems;
  }
  for (const e of errors) {
    if (e.extensions?.code !== 'SERVICE_UNAVAILABLE' || !down.has(e.extensions?.serviceName))
      problems.push(`unexpected error ${JSON.stringify(e)}`);
  }
  if (!errors.length && JSON.stringify(answer.body) !== JSON.stringify(probe.full)) problems.push('no error, yet not the full answer');
  if (answer.body.data !== null && !isPrunedFrom(probe.full.data, answer.body.data))
    problems.push(`data is not the full answer with nulls: ${JSON.stringify(answer.body.data)}`);
  return problems;
}

/** GET /readyz of the service whose GraphQL endpoint is `graphqlUrl`. */
export async function readyz(graphqlUrl: string): Promise<Answer> {
  const response = await fetch(graphqlUrl.replace(/\/graphql$/, '/readyz'), { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: await response.json() };
}
