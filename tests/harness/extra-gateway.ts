import { spawn } from 'node:child_process';
import path from 'node:path';
import { findFreePort } from '@mitra/devtools';
import { subgraphUrlEnv } from '@mitra/runtime';
import { hubSecrets, hubUrls } from './env';
import { until } from './wait';

export interface ExtraGateway {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** <origin>/graphql */
  url: string;
  stop(): Promise<void>;
}

const GATEWAY_SCRIPT = path.resolve(__dirname, '..', '..', 'gateway', 'dist', 'index.js');

/**
 * A second gateway process over the harness's subgraphs, with settings of
 * its own (PERSISTED_QUERIES=required, NODE_ENV=development, ...): for the
 * modes the shared hub does not run in. Same secrets as the hub, so the
 * tests' tokens work and the subgraphs accept it as their gateway.
 */
export async function startExtraGateway(env: Record<string, string>): Promise<ExtraGateway> {
  const port = await findFreePort();
  const urls = hubUrls();
  const { jwtSecret, gatewaySecret } = hubSecrets();
  const { JWKS_URL: _jwks, JWT_ISSUER: _issuer, JWT_AUDIENCE: _audience, ...inherited } = process.env;
  const child = spawn(process.execPath, [GATEWAY_SCRIPT], {
    env: {
      ...inherited,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      APOLLO_TELEMETRY_DISABLED: 'true',
      HOST: '127.0.0.1',
      GATEWAY_PORT: String(port),
      ...subgraphUrlEnv(urls.subgraphs),
      JWT_SECRET: jwtSecret,
      GATEWAY_SECRET: gatewaySecret,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const remember = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout.on('data', remember);
  child.stderr.on('data', remember);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Never outlive the test run, whatever happens to it.
  const killNow = () => child.kill('SIGKILL');
  process.once('exit', killNow);
  void exited.then(() => process.removeListener('exit', killNow));

  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const readyz = async (): Promise<boolean> => {
    if (child.exitCode !== null) throw new Error(`The extra gateway exited (code ${child.exitCode}):\n${output}`);
    try {
      return (await fetch(`${origin}/readyz`, { signal: AbortSignal.timeout(2_000) })).status === 200;
    } catch {
      return false; // not listening yet
    }
  };
  try {
    await until(readyz, 30_000, 'The extra gateway was not ready');
  } catch (error) {
    // Exited by itself: the error says so, with its output.
    if (child.exitCode !== null) throw error;
    await stop();
    throw new Error(`${(error as Error).message}:\n${output}`);
  }
  return { origin, url: `${origin}/graphql`, stop };
}
