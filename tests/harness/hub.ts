import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHub, type Hub, type HubOptions, type ServiceName } from '@mitra/cli';
import { findFreePort } from '@mitra/devtools';
import { databaseUrlEnv, SERVICE_NAMES, type SubgraphName } from '@mitra/runtime';

/**
 * How the harness starts a hub, the shared one (global-setup.ts) and a
 * test file's own (own-hub.ts) alike: free ports, fresh secrets, the
 * developer's identity settings left out, the gateway on two workers, the
 * demo data freshly loaded.
 */

export interface HubSecrets {
  /** Signs the tests' tokens (harness/tokens.ts). */
  jwtSecret: string;
  /** Proves "I am the gateway" to the subgraphs. */
  gatewaySecret: string;
}

export interface TestHubOptions extends Pick<HubOptions, 'quiet' | 'log' | 'onServiceLine' | 'restartCrashed'> {
  /** The hub's folder (makeDataDir); the caller removes it. */
  dataDir: string;
  /** Each partner's PostgreSQL database; without them the hub starts an embedded PostgreSQL in `dataDir`. */
  databases?: Record<SubgraphName, string>;
  /** Settings of this hub's services, over the harness's. */
  env?: Record<string, string>;
}

export interface TestHub {
  hub: Hub;
  secrets: HubSecrets;
}

/** A fresh folder under the system's temp directory, which PostgreSQL can reach. */
export function makeDataDir(prefix: string): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  // mkdtemp makes it 0700; as root PostgreSQL runs as `postgres`, which must traverse it.
  fs.chmodSync(dataDir, 0o755);
  return dataDir;
}

/** Starts PostgreSQL (unless `databases` are given), the demo data, the three subgraphs and the gateway. */
export async function startTestHub(options: TestHubOptions): Promise<TestHub> {
  const ports = {} as Record<ServiceName, number>;
  for (const name of SERVICE_NAMES) ports[name] = await findFreePort();
  // Fresh secrets per hub: tests mint their tokens with them, and a JWKS_URL
  // or issuer from the developer's shell must not change what the hub accepts.
  const secrets: HubSecrets = { jwtSecret: randomBytes(32).toString('base64url'), gatewaySecret: randomBytes(32).toString('base64url') };
  const { JWKS_URL: _jwks, JWT_ISSUER: _issuer, JWT_AUDIENCE: _audience, ...inherited } = process.env;
  const hub = await startHub({
    dataDir: options.dataDir,
    ports,
    env: {
      ...inherited,
      NODE_ENV: 'test',
      // The gateway as it runs on two cores, whatever this machine has: a primary and two workers.
      GATEWAY_WORKERS: '2',
      // Test files share this hub and write relations while others read: each request asks for the
      // caller's reach, so that what a test reads follows what the database holds at that moment. The
      // default (kept 2 s) is tested in subgraphs/kit/test/reach-cache.test.ts.
      REACH_CACHE_MS: '0',
      JWT_SECRET: secrets.jwtSecret,
      GATEWAY_SECRET: secrets.gatewaySecret,
      ...(options.databases ? databaseUrlEnv(options.databases) : {}),
      ...options.env,
    },
    seed: 'reset',
    quiet: options.quiet,
    log: options.log,
    onServiceLine: options.onServiceLine,
    restartCrashed: options.restartCrashed,
  });
  return { hub, secrets };
}
