import http from 'node:http';
import type { RecordedFetch, RecordedPlan, ReplayNode } from './record';

/** One replay of a recorded plan, as the gateway ran it. Null when every request answered well. */
async function replayOnce(node: ReplayNode, agent: http.Agent): Promise<string | null> {
  if (node.kind === 'fetch') return post(node.fetch, agent);
  if (node.kind === 'parallel') return (await Promise.all(node.nodes.map((n) => replayOnce(n, agent)))).find((r) => r !== null) ?? null;
  let failure: string | null = null;
  for (const n of node.nodes) failure ??= await replayOnce(n, agent);
  return failure;
}

/** Null for a 200 answer without errors; otherwise what went wrong. */
function post(f: RecordedFetch, agent: http.Agent): Promise<string | null> {
  return new Promise((resolve) => {
    const body = Buffer.from(f.body);
    const req = http.request(f.url, { method: 'POST', agent, headers: { ...f.headers, 'content-length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        // Parsed, as the gateway parses every subgraph answer.
        let errors = true;
        try {
          errors = Boolean((JSON.parse(text) as { errors?: unknown[] }).errors?.length);
        } catch {
          errors = true;
        }
        resolve(res.statusCode === 200 && !errors ? null : `${f.subgraph}: HTTP ${res.statusCode} ${text.slice(0, 300)}`);
      });
    });
    req.on('error', (error) => resolve(`${f.subgraph}: ${error.message}`));
    req.end(body);
  });
}

/** `connections` clients replaying the plan back to back for `seconds`: latency of each whole replay, in ms. */
export async function loadReplay(
  plan: RecordedPlan,
  connections: number,
  seconds: number,
): Promise<{ latencies: number[]; seconds: number; errors: number; firstError?: string }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections * plan.fetches.length });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < deadline) {
          const t0 = performance.now();
          const failure = await replayOnce(plan.tree, agent);
          if (failure === null) latencies.push(performance.now() - t0);
          else {
            errors += 1;
            firstError ??= failure;
          }
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  return { latencies, seconds: (performance.now() - started) / 1000, errors, firstError };
}
