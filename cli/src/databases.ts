import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '@mitra/devtools';
import { PARTNERS, partnerEnv, SUBGRAPH_NAMES, type SubgraphName } from '@mitra/runtime';

/** The embedded server's database for each partner, from the registry. */
export const DATABASE_NAMES = Object.fromEntries(PARTNERS.map((p) => [p.name, p.database])) as Record<SubgraphName, string>;

export const databaseUrlVariable = (name: SubgraphName): string => partnerEnv(name).databaseUrl;

export interface Databases {
  urls: Record<SubgraphName, string>;
  /** The embedded server, when one was started or reused. */
  postgres?: EmbeddedPostgresServer;
}

/**
 * Each subgraph's database URL: `<NAME>_DATABASE_URL` where set, otherwise a
 * database on an embedded PostgreSQL kept in `<dataDir>/postgres` (a server
 * still running on that folder is reused).
 */
export async function ensureDatabases(options: {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  log: (line: string) => void;
}): Promise<Databases> {
  const given = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, options.env[databaseUrlVariable(name)] || undefined])) as Record<
    SubgraphName,
    string | undefined
  >;
  const missing = SUBGRAPH_NAMES.filter((name) => !given[name]);
  const fromEnv = SUBGRAPH_NAMES.filter((name) => given[name]);
  if (fromEnv.length) options.log(`Databases: ${fromEnv.map(databaseUrlVariable).join(', ')} from the environment`);
  if (!missing.length) return { urls: given as Record<SubgraphName, string> };

  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(path.resolve(options.dataDir), 'postgres'),
    databases: missing.map((name) => DATABASE_NAMES[name]),
    log: options.log,
  });
  const urls = { ...given };
  for (const name of missing) urls[name] = postgres.urlFor(DATABASE_NAMES[name]);
  return { urls: urls as Record<SubgraphName, string>, postgres };
}

/**
 * The frame of a one-shot command on the databases (`npm run seed`, `npm run
 * generate`): the databases of `*_DATABASE_URL` or the embedded server under
 * MITRA_DATA_DIR (reusing one a running `npm start` holds), a signal that
 * Ctrl-C aborts, and the embedded server stopped afterwards unless it belongs
 * to that running hub.
 */
export async function withDatabases<T>(
  root: string,
  work: (context: {
    urls: Record<SubgraphName, string>;
    env: NodeJS.ProcessEnv;
    log: (line: string) => void;
    signal: AbortSignal;
  }) => Promise<T>,
): Promise<T> {
  const env = process.env;
  const interrupted = new AbortController();
  const onSignal = (): void => interrupted.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const log = (line: string): void => console.log(line);
  const { urls, postgres } = await ensureDatabases({ env, dataDir: env.MITRA_DATA_DIR || path.join(root, '.data'), log });
  try {
    return await work({ urls, env, log, signal: interrupted.signal });
  } finally {
    if (postgres && !postgres.reused) await postgres.stop();
  }
}
