import type { Agent } from 'undici';
import type { Logger, SubgraphName } from '@mitra/runtime';
import type { GatewayConfig } from './config';
import { PartnerBreaker } from './circuit-breaker';
import { subgraphDispatcher } from './subgraph-fetch';

/** Everything the gateway keeps per partner: where it is, its deadline, its connection pool and its breaker. */
export interface PartnerLink {
  name: string;
  url: string;
  /** The deadline of one fetch: `<NAME>_TIMEOUT_MS`, else SUBGRAPH_TIMEOUT_MS. */
  timeoutMs: number;
  /** Its keep-alive pool (with the TLS settings for https partners), shared by GraphQL fetches and readiness checks. */
  dispatcher: Agent;
  breaker: PartnerBreaker;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function isPlainRemote(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol === 'http:' && !LOOPBACK.has(parsed.hostname);
}

/** One link per subgraph of the supergraph, by name. */
export function partnerLinks(
  config: Pick<GatewayConfig, 'subgraphTimeoutMs' | 'subgraphTimeouts' | 'breaker' | 'subgraphTls' | 'isProduction'>,
  subgraphUrls: ReadonlyMap<string, string>,
  logger: Logger,
): Map<string, PartnerLink> {
  const links = new Map<string, PartnerLink>();
  for (const [name, url] of subgraphUrls) {
    if (config.isProduction && isPlainRemote(url))
      logger.warn({ subgraph: name }, 'plain http to a subgraph on another host: tokens and the gateway secret cross that link readable');
    links.set(name, {
      name,
      url,
      timeoutMs: config.subgraphTimeouts[name as SubgraphName] ?? config.subgraphTimeoutMs,
      dispatcher: subgraphDispatcher(config.subgraphTls ?? undefined),
      breaker: new PartnerBreaker(name, config.breaker, logger),
    });
  }
  return links;
}
