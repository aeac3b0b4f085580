import { findFreePort } from '@mitra/devtools';
import { subgraphUrlEnv } from '@mitra/runtime';
import { hubUrls } from './env';
import { harnessEnv, startServiceProcess, type TlsClient } from './extra-service';

export interface ExtraGateway {
  /** http://127.0.0.1:<port> (https with TLS_CERT_FILE) */
  origin: string;
  /** <origin>/graphql */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export interface ExtraGatewayOptions {
  /** It serves https (TLS_CERT_FILE in `env`): its readiness is polled trusting this CA. */
  tls?: TlsClient;
  /** A port chosen beforehand (a subgraph's GATEWAY_URL names it); a free one otherwise. */
  port?: number;
  /** What "started" means: ready (every subgraph answers), or merely up (a test of an unreachable partner). */
  waitFor?: 'readyz' | 'healthz';
}

/**
 * A second gateway process over the harness's subgraphs, with settings of
 * its own (PERSISTED_QUERIES=required, NODE_ENV=development, ...): for the
 * modes the shared hub does not run in. Same secrets as the hub, so the
 * tests' tokens work and the subgraphs accept it as their gateway.
 */
export async function startExtraGateway(env: Record<string, string>, options: ExtraGatewayOptions = {}): Promise<ExtraGateway> {
  const port = options.port ?? (await findFreePort());
  const origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const service = await startServiceProcess({
    label: 'extra gateway',
    script: 'gateway/dist/index.js',
    env: { ...harnessEnv(), HOST: '127.0.0.1', GATEWAY_PORT: String(port), ...subgraphUrlEnv(hubUrls().subgraphs), ...env },
    readyUrl: `${origin}/${options.waitFor ?? 'readyz'}`,
    tls: options.tls,
  });
  return { origin, url: `${origin}/graphql`, pid: service.pid, stop: service.stop };
}
