import { request } from 'undici';
import type { BreakerReport } from './circuit-breaker';
import type { PartnerLink } from './partner-links';

export interface SubgraphReadiness {
  status: 'up' | 'down';
  /** Why a subgraph counts as down: its HTTP status, a timeout or "unreachable". No URLs. */
  reason?: string;
  /** Its circuit breaker in this gateway process: `open` while GraphQL fetches to it are skipped. */
  breaker: BreakerReport;
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

type Checked = Omit<SubgraphReadiness, 'breaker'>;

/** Over the partner's own pool: an https partner is checked with the CA and client certificate its GraphQL fetches use. */
async function checkOne(link: Pick<PartnerLink, 'url' | 'dispatcher'>, timeoutMs: number): Promise<Checked> {
  try {
    const response = await request(readinessUrl(link.url), { dispatcher: link.dispatcher, signal: AbortSignal.timeout(timeoutMs) });
    // The body is not needed; reading it releases the connection.
    await response.body.dump().catch(() => undefined);
    return response.statusCode === 200 ? { status: 'up' } : { status: 'down', reason: `HTTP ${response.statusCode}` };
  } catch (error) {
    const name = (error as Error | undefined)?.name;
    return {
      status: 'down',
      reason: name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${timeoutMs} ms` : 'unreachable',
    };
  }
}

/** Asks every subgraph's /readyz at once, each with its own deadline, and says where each breaker stands. */
export async function checkSubgraphs(
  links: ReadonlyMap<string, Pick<PartnerLink, 'url' | 'dispatcher' | 'breaker'>>,
  timeoutMs: number,
): Promise<GatewayReadiness> {
  const entries = await Promise.all(
    [...links].map(async ([name, link]) => [name, { ...(await checkOne(link, timeoutMs)), breaker: link.breaker.report() }] as const),
  );
  const subgraphs = Object.fromEntries(entries);
  const unavailable = entries.filter(([, result]) => result.status === 'down').map(([name]) => name);
  return { ready: entries.length > 0 && unavailable.length === 0, unavailable, subgraphs };
}
