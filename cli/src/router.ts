import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '@mitra/devtools';
import { GATEWAY_SECRET_HEADER, subgraphUrlEnv, SUBGRAPH_NAMES, type SubgraphName } from '@mitra/runtime';

/** The committed router configuration (router/grafbase.toml). */
export const ROUTER_CONFIG = path.resolve(__dirname, '..', '..', 'router', 'grafbase.toml'); // from cli/src and cli/dist alike

/** Grafbase's CLI, installed by npm as a dependency of this workspace (`@grafbase/cli-x86_64-unknown-linux-musl`). */
export function grafbaseBinary(): string {
  let manifest: string;
  try {
    manifest = require.resolve('@grafbase/cli-x86_64-unknown-linux-musl/package.json');
  } catch {
    throw new Error(
      'The Grafbase CLI is not installed: @grafbase/cli-x86_64-unknown-linux-musl is an optional dependency of @mitra/cli (x86-64 Linux only); run `npm install` on such a machine.',
    );
  }
  const binary = path.join(path.dirname(manifest), 'grafbase');
  try {
    fs.accessSync(binary, fs.constants.X_OK);
  } catch {
    throw new Error(`${binary} is missing or not executable: reinstall @grafbase/cli-x86_64-unknown-linux-musl (\`npm install\`).`);
  }
  return binary;
}

/** A subgraph's own SDL (`_service { sdl }`), which each subgraph serves only to the holder of the gateway secret. */
export async function fetchSubgraphSdl(url: string, gatewaySecret: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [GATEWAY_SECRET_HEADER]: gatewaySecret },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let sdl: unknown;
  try {
    sdl = (JSON.parse(text) as { data?: { _service?: { sdl?: unknown } } }).data?._service?.sdl;
  } catch {
    sdl = undefined;
  }
  if (typeof sdl !== 'string' || !sdl.includes('type Query')) {
    throw new Error(`No SDL from ${url} (HTTP ${response.status}): ${text.slice(0, 300)}`);
  }
  return sdl;
}

export interface RouterOptions {
  /** Where the router sends each subgraph's requests (<NAME>_URL, from the registry). */
  subgraphUrls: Record<SubgraphName, string>;
  /** Sent to every subgraph as x-mitra-gateway-secret (GATEWAY_SECRET). */
  gatewaySecret: string;
  /**
   * Where each subgraph's SDL is read, when not at its `subgraphUrls` entry:
   * a router whose subgraph is down still needs that subgraph's schema.
   */
  sdlFrom?: Partial<Record<SubgraphName, string>>;
  /** Default: the committed router/grafbase.toml. */
  configPath?: string;
  /** How long the router may take to answer its first query; default 30 s. */
  readyTimeoutMs?: number;
}

export interface RunningRouter {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** <origin>/graphql */
  url: string;
  /** What the binary printed so far (colours removed). */
  output(): string;
  /** SIGTERM (SIGKILL after 5 s), then removes its scratch folder. Idempotent. */
  stop(): Promise<void>;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/**
 * Starts Grafbase's federation router (`grafbase dev`) with the committed
 * configuration on a free port of 127.0.0.1, against the given subgraphs,
 * and resolves once it answers a query. The subgraphs' SDLs are read from
 * the running subgraphs (with the gateway secret) into a scratch folder,
 * which is also the binary's HOME: it unpacks its explorer assets into
 * ~/.grafbase and must write nothing into the real home. Its environment
 * holds only what the configuration reads (plus PATH), so no Grafbase
 * access token or OpenTelemetry setting of the caller's shell reaches it:
 * it calls nothing but the subgraphs. Fails with the binary's output.
 */
export async function startRouter(options: RouterOptions): Promise<RunningRouter> {
  const binary = grafbaseBinary();
  const configPath = options.configPath ?? ROUTER_CONFIG;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-router-'));
  const home = path.join(scratch, 'home');
  const sdlDir = path.join(scratch, 'sdl');
  fs.mkdirSync(home);
  fs.mkdirSync(sdlDir);
  const removeScratch = () => fs.rmSync(scratch, { recursive: true, force: true });

  let port: number;
  try {
    await Promise.all(
      SUBGRAPH_NAMES.map(async (name) => {
        const sdl = await fetchSubgraphSdl(options.sdlFrom?.[name] ?? options.subgraphUrls[name], options.gatewaySecret);
        fs.writeFileSync(path.join(sdlDir, `${name}.graphql`), sdl);
      }),
    );
    port = await findFreePort();
  } catch (error) {
    removeScratch();
    throw error;
  }

  const child = spawn(binary, ['dev', '--config', configPath, '--port', String(port)], {
    cwd: scratch,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      GRAFBASE_HOME: home,
      XDG_CONFIG_HOME: path.join(home, '.config'),
      XDG_DATA_HOME: path.join(home, '.local', 'share'),
      XDG_CACHE_HOME: path.join(home, '.cache'),
      XDG_STATE_HOME: path.join(home, '.local', 'state'),
      NO_COLOR: '1',
      ...subgraphUrlEnv(options.subgraphUrls),
      GATEWAY_SECRET: options.gatewaySecret,
      SUBGRAPH_SDL_DIR: sdlDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const remember = (chunk: Buffer) => {
    output = (output + chunk.toString().replace(ANSI, '')).slice(-8_000);
  };
  child.stdout.on('data', remember);
  child.stderr.on('data', remember);
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  // Never outlive the test run, whatever happens to it.
  const killNow = () => child.kill('SIGKILL');
  process.once('exit', killNow);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null && !spawnError) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      if (!spawnError) await exited;
      clearTimeout(timer);
      process.removeListener('exit', killNow);
      removeScratch();
    })();
    return stopping;
  };

  const origin = `http://127.0.0.1:${port}`;
  const url = `${origin}/graphql`;
  const timeoutMs = options.readyTimeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let lastAnswer = 'no answer yet';
  for (;;) {
    if (spawnError) {
      await stop();
      throw new Error(`The router (${binary}) could not be started: ${spawnError.message}`);
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      const how = child.exitCode !== null ? `code ${child.exitCode}` : `signal ${child.signalCode}`;
      await stop();
      throw new Error(`The router exited (${how}) before answering; its output:\n${output}`);
    }
    try {
      // Answers only once the graph is composed and served; `{ __typename }` needs no subgraph.
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
        signal: AbortSignal.timeout(2_000),
      });
      const text = await response.text();
      if (response.status === 200 && text.includes('"__typename":"Query"')) break;
      lastAnswer = `HTTP ${response.status}: ${text.slice(0, 200)}`;
    } catch (error) {
      lastAnswer = (error as Error).message;
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The router did not answer within ${timeoutMs / 1000} s (last: ${lastAnswer}); its output:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { origin, url, output: () => output, stop };
}
