import { findFreePort } from '@mitra/devtools';
import { partner, partnerEnv, type SubgraphName } from '@mitra/runtime';
import { hubUrls } from './env';
import { harnessEnv, startServiceProcess, type ServiceProcess, type TlsClient } from './extra-service';

export interface ExtraSubgraph extends ServiceProcess {
  port: number;
  /** Its GraphQL endpoint: http(s)://127.0.0.1:<port>/graphql */
  url: string;
}

/**
 * A second process of one partner's subgraph on a free port, over that
 * partner's database of the shared hub (or `env`'s), with settings of its
 * own: https, a listen address, tracing. `tls`: how its readiness is polled
 * when it serves https.
 */
export async function startExtraSubgraph(name: SubgraphName, env: Record<string, string>, tls?: TlsClient): Promise<ExtraSubgraph> {
  const port = await findFreePort();
  const names = partnerEnv(name);
  const urls = hubUrls();
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}/graphql`;
  const service = await startServiceProcess({
    label: `extra ${name} subgraph`,
    script: `subgraphs/${partner(name).package.replace('@mitra/', '')}/dist/index.js`,
    env: { ...harnessEnv(), [names.port]: String(port), [names.databaseUrl]: urls.databases[name], GATEWAY_URL: urls.gateway, ...env },
    readyUrl: url.replace(/\/graphql$/, '/readyz'),
    tls,
  });
  return { ...service, port, url };
}
