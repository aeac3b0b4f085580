/**
 * The one list of partner subgraphs. Everything that needs to know which
 * partners exist (configuration, composition, the gateway, the CLI, the
 * databases `npm start` creates, the test harness) reads it from here.
 * Adding a partner is one entry below plus its package under subgraphs/:
 * docs/architecture.md walks through it, and a test fails if the names are
 * listed anywhere else.
 */
export const PARTNERS = [
  {
    name: 'schools',
    /** Default port (SCHOOLS_PORT overrides it). */
    port: 4001,
    /** Its workspace package: `subgraph.ts` is its definition, `index.ts` its service, `seed.ts` its seeding. */
    package: '@mitra/schools',
    /** Embedded PostgreSQL database `npm start` creates for it (SCHOOLS_DATABASE_URL names an external one). */
    database: 'mitra_schools',
    /** The organisation kinds whose rows it holds (the `org` claim's prefix). */
    orgKinds: ['school'],
  },
  // Universities' PAUD study programs and training providers (LPDs): the same powers over their own programs.
  { name: 'university', port: 4002, package: '@mitra/university', database: 'mitra_university', orgKinds: ['university', 'provider'] },
  { name: 'skb', port: 4003, package: '@mitra/skb', database: 'mitra_skb', orgKinds: ['skb'] },
] as const;

export type Partner = (typeof PARTNERS)[number];
export type SubgraphName = Partner['name'];
export type ServiceName = SubgraphName | 'gateway';

export const SUBGRAPH_NAMES: readonly SubgraphName[] = PARTNERS.map((p) => p.name);
export const GATEWAY_PORT = 4000;
export const DEFAULT_PORTS = Object.fromEntries([['gateway', GATEWAY_PORT], ...PARTNERS.map((p) => [p.name, p.port])]) as Record<
  ServiceName,
  number
>;
/** Every service `npm start` runs, the gateway first. */
export const SERVICE_NAMES: readonly ServiceName[] = ['gateway', ...SUBGRAPH_NAMES];

export function partner(name: SubgraphName): Partner {
  const found = PARTNERS.find((p) => p.name === name);
  if (!found) throw new Error(`Unknown partner subgraph: ${name}`);
  return found;
}

export function isSubgraphName(value: string): value is SubgraphName {
  return PARTNERS.some((p) => p.name === value);
}

/**
 * The environment variable names of one partner: `<NAME>_URL`, `<NAME>_PORT`, `<NAME>_DATABASE_URL`,
 * and `<NAME>_TIMEOUT_MS` (the gateway's deadline for its fetches, over SUBGRAPH_TIMEOUT_MS).
 */
export function partnerEnv(name: SubgraphName): { url: string; port: string; databaseUrl: string; timeoutMs: string } {
  const upper = name.toUpperCase();
  return { url: `${upper}_URL`, port: `${upper}_PORT`, databaseUrl: `${upper}_DATABASE_URL`, timeoutMs: `${upper}_TIMEOUT_MS` };
}

/** `{ SCHOOLS_URL: …, … }`: the environment that tells the gateway (or router) where each partner is. */
export function subgraphUrlEnv(urls: Readonly<Record<SubgraphName, string>>): Record<string, string> {
  return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [partnerEnv(name).url, urls[name]]));
}

/** One value per partner, computed from its name: `bySubgraph((name) => …)`. */
export function bySubgraph<T>(valueOf: (name: SubgraphName) => T): Record<SubgraphName, T> {
  return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, valueOf(name)])) as Record<SubgraphName, T>;
}

/** `{ SCHOOLS_DATABASE_URL: …, … }`: the environment that gives each partner its database. */
export function databaseUrlEnv(urls: Readonly<Record<SubgraphName, string>>): Record<string, string> {
  return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [partnerEnv(name).databaseUrl, urls[name]]));
}
