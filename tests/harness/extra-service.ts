import { spawn } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { hubSecrets } from './env';
import { until } from './wait';

export const ROOT = path.resolve(__dirname, '..', '..');

/** What a client presents over https: the CA it trusts, and optionally its own certificate. */
export interface TlsClient {
  ca: string;
  cert?: string;
  key?: string;
}

export interface HttpAnswer {
  status: number;
  text: string;
}

/** One request over http, or https trusting `tls.ca` (and presenting `tls.cert`): what fetch cannot do without undici. */
export function httpRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; tls?: TlsClient; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const { tls } = options;
    const request = (url.startsWith('https:') ? https : http).request(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        timeout: options.timeoutMs ?? 10_000,
        ...(tls ? { ca: tls.ca, cert: tls.cert, key: tls.key } : {}),
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
    request.end(options.body);
  });
}

/** GET's status. */
export async function getStatus(url: string, tls?: TlsClient, timeoutMs = 2_000): Promise<number> {
  return (await httpRequest(url, { tls, timeoutMs })).status;
}

/**
 * The environment the harness gives a service it starts by itself: the
 * shell's, less the developer's identity settings, with the hub's secrets
 * (the tests' tokens work, the subgraphs accept it as their gateway).
 */
export function harnessEnv(): Record<string, string | undefined> {
  const { jwtSecret, gatewaySecret } = hubSecrets();
  const { JWKS_URL: _jwks, JWT_ISSUER: _issuer, JWT_AUDIENCE: _audience, ...inherited } = process.env;
  return {
    ...inherited,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    APOLLO_TELEMETRY_DISABLED: 'true',
    JWT_SECRET: jwtSecret,
    GATEWAY_SECRET: gatewaySecret,
  };
}

export interface ServiceProcess {
  pid: number;
  /** The last 4,000 characters it wrote. */
  output(): string;
  stop(): Promise<void>;
}

export interface ServiceProcessOptions {
  label: string;
  /** A built service, relative to the repository: `gateway/dist/index.js`. */
  script: string;
  env: Record<string, string | undefined>;
  /** Polled until it answers 200. */
  readyUrl: string;
  /** For an https readyUrl. */
  tls?: TlsClient;
}

/** Starts a built service as a child process and waits for its /readyz; it never outlives the test run. */
export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, options.script)], { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const remember = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout.on('data', remember);
  child.stderr.on('data', remember);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killNow = () => child.kill('SIGKILL');
  process.once('exit', killNow);
  void exited.then(() => process.removeListener('exit', killNow));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const ready = async (): Promise<boolean> => {
    if (child.exitCode !== null) throw new Error(`The ${options.label} exited (code ${child.exitCode}):\n${output}`);
    try {
      return (await getStatus(options.readyUrl, options.tls)) === 200;
    } catch {
      return false; // not listening yet
    }
  };
  try {
    await until(ready, 30_000, `The ${options.label} was not ready`);
  } catch (error) {
    // Exited by itself: the error says so, with its output.
    if (child.exitCode !== null) throw error;
    await stop();
    throw new Error(`${(error as Error).message}:\n${output}`);
  }
  return { pid: child.pid!, output: () => output, stop };
}
