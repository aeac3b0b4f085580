import { getReadyz } from '@mitra/cli';
import type { SubgraphName } from '@mitra/runtime';

/** `/readyz`'s `statistics` of a subgraph (SubgraphDefinition.warmUp); anything else counts as not warming. */
async function statisticsOf(graphqlUrl: string): Promise<string> {
  const answer = await getReadyz(Number(new URL(graphqlUrl).port), 5_000);
  if (!('status' in answer)) return 'unanswered';
  try {
    const body = JSON.parse(answer.body) as { statistics?: unknown };
    return typeof body.statistics === 'string' ? body.statistics : 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Waits until every partner has built the protected statistics of its data
 * version, which each starts when it listens (schools: 4 to 5 s of a core at
 * 100,000 teachers): measured meanwhile, the first operations would share
 * the cores with that work. Gives up after `timeoutMs`, saying so, and
 * measures anyway; a partner whose warm-up failed is named.
 */
export async function partnersWarmedUp(
  subgraphUrls: Record<SubgraphName, string>,
  log: (line: string) => void,
  { timeoutMs = 180_000, intervalMs = 250, signal }: { timeoutMs?: number; intervalMs?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const started = performance.now();
  const pending = new Map(Object.entries(subgraphUrls));
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  while (pending.size) {
    for (const [name, url] of [...pending]) {
      const state = await statisticsOf(url);
      if (state === 'warming' || state === 'unanswered') continue;
      pending.delete(name);
      if (state === 'failed')
        log(`Hub: ${name} could not build its protected statistics at start; its first statistics request builds them`);
    }
    if (!pending.size) break;
    if (performance.now() - started > timeoutMs || signal?.aborted) {
      log(`Hub: ${[...pending.keys()].join(', ')} still building protected statistics after ${seconds()} s; measuring anyway`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  log(`Hub: every partner's protected statistics ready (waited ${seconds()} s, so that no measurement shares the cores with that work)`);
}
