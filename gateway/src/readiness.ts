export interface SubgraphReadiness {
  status: 'up' | 'down';
  /** Why a subgraph counts as down: its HTTP status, a timeout or "unreachable". No URLs. */
  reason?: string;
}

export interface GatewayReadiness {
  ready: boolean;
  unavailable: string[];
  subgraphs: Record<string, SubgraphReadiness>;
}

/** `http://host:4001/graphql` → `http://host:4001/readyz`: every service serves both side by side. */
export function readinessUrl(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = url.pathname.replace(/\/+$/, '');
  url.search = '';
  url.hash = '';
  return new URL('readyz', url).toString();
}

async function checkOne(graphqlUrl: string, timeoutMs: number): Promise<SubgraphReadiness> {
  try {
    const response = await fetch(readinessUrl(graphqlUrl), { signal: AbortSignal.timeout(timeoutMs) });
    // The body is not needed; reading it releases the connection.
    await response.arrayBuffer().catch(() => undefined);
    return response.status === 200 ? { status: 'up' } : { status: 'down', reason: `HTTP ${response.status}` };
  } catch (error) {
    const name = (error as Error | undefined)?.name;
    return { status: 'down', reason: name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'unreachable' };
  }
}

/** Asks every subgraph's /readyz at once, each with its own deadline. */
export async function checkSubgraphs(subgraphUrls: ReadonlyMap<string, string>, timeoutMs: number): Promise<GatewayReadiness> {
  const entries = await Promise.all([...subgraphUrls].map(async ([name, url]) => [name, await checkOne(url, timeoutMs)] as const));
  const subgraphs = Object.fromEntries(entries);
  const unavailable = entries.filter(([, result]) => result.status === 'down').map(([name]) => name);
  return { ready: entries.length > 0 && unavailable.length === 0, unavailable, subgraphs };
}
