import path from 'node:path';
import { loadGatewayConfig, type GatewayConfig } from '../src/config';
import type { FakeSubgraph } from './fake-subgraph';

/** The gateway tests' shared settings: the fixture supergraph, fixed secrets, quiet logs, short timeouts. */
export const SUPERGRAPH = path.join(__dirname, 'fixtures', 'supergraph.graphql');
export const JWT_SECRET = 'gateway-test-jwt-secret-0123456789';
export const GATEWAY_SECRET = 'gateway-test-shared-secret-0123456789';

/** A gateway configuration in front of the three fake subgraphs, on a free port of 127.0.0.1; `env` overrides. */
export function testGatewayConfig(
  subgraphs: Record<'schools' | 'university' | 'skb', Pick<FakeSubgraph, 'url'>>,
  env: Record<string, string> = {},
): GatewayConfig {
  return loadGatewayConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    GATEWAY_PORT: '0',
    SUPERGRAPH_PATH: SUPERGRAPH,
    SCHOOLS_URL: subgraphs.schools.url,
    UNIVERSITY_URL: subgraphs.university.url,
    SKB_URL: subgraphs.skb.url,
    SUBGRAPH_TIMEOUT_MS: '300',
    // Production verifies public keys only; these tests send no token in production mode,
    // so the key set is never fetched.
    ...(env.NODE_ENV === 'production' ? { JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json' } : { JWT_SECRET }),
    GATEWAY_SECRET,
    ...env,
  });
}
