import { GraphQLError } from 'graphql';
import { GATEWAY_SECRET_HEADER, postJson } from '@mitra/runtime';

/**
 * Public catalogue names that another partner owns (a program's code and
 * title, a district's name, an event's title), kept by a partner that
 * references them so that it can answer them itself (`@provides`): the
 * gateway then needs no extra round trip to the owner after this partner's
 * answer. They are read the way any client reads them, anonymously through
 * the gateway's public API, never from the owner's database (with the
 * gateway's secret, which lets a partner's own question through a gateway
 * with PERSISTED_QUERIES=required, as its other questions).
 *
 * Fresh: an id not seen yet is asked for before answering (one round trip
 * to the gateway, once per id and service); an entry older than `maxAgeMs`
 * is still answered and asked for again in the background, so a change of
 * the owner shows within `maxAgeMs` plus one read. Programs and districts
 * cannot change through the API; an event's title can (updateTrainingEvent).
 */
export class CatalogueMirror<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();
  private readonly refreshing = new Set<string>();

  constructor(
    private readonly fetchMany: (ids: string[]) => Promise<ReadonlyMap<string, V>>,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The values of `ids`, in their order; null for an id the owner does not know. */
  async getMany(ids: readonly string[]): Promise<Array<V | null>> {
    const now = this.now();
    const missing = [...new Set(ids.filter((id) => !this.entries.has(id)))];
    const stale = [...new Set(ids.filter((id) => !this.refreshing.has(id) && now - (this.entries.get(id)?.at ?? now) > this.maxAgeMs))];
    if (stale.length) {
      for (const id of stale) this.refreshing.add(id);
      // Answered from the entry meanwhile; a failed refresh is tried again on the next read.
      void this.refresh(stale)
        .catch(() => undefined)
        .finally(() => stale.forEach((id) => this.refreshing.delete(id)));
    }
    if (missing.length) await this.refresh(missing);
    return ids.map((id) => this.entries.get(id)?.value ?? null);
  }

  /**
   * The value of `id` if the mirror holds it, at once (an old entry is
   * answered and asked for again in the background, as by `getMany`);
   * undefined when it must be asked for first.
   */
  peek(id: string): V | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.maxAgeMs) void this.getMany([id]);
    return entry.value;
  }

  private async refresh(ids: string[]): Promise<void> {
    const found = await this.fetchMany(ids);
    const at = this.now();
    for (const [id, value] of found) this.entries.set(id, { value, at });
  }
}

/** SERVICE_UNAVAILABLE: the owner's public catalogue does not hold `id` (its mirror answered null). */
export function notInCatalogue(what: string, id: string): GraphQLError {
  return new GraphQLError(`${what} ${id} is not in its owner's public catalogue`, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
}

/**
 * A mirrored value for a field: at once when the mirror holds it (`held`,
 * from `CatalogueMirror.peek`: almost always, and a promise per field cost
 * more than the name), otherwise through the request's loader; an id its
 * owner does not know is `notInCatalogue`.
 */
export function mirrored<V>(held: V | undefined, load: () => Promise<V | null>, what: string, id: string): V | Promise<V> {
  if (held !== undefined) return held;
  return load().then((value) => {
    if (value === null) throw notInCatalogue(what, id);
    return value;
  });
}

/**
 * The gateway as a partner reaches it with questions of its own (catalogue
 * reads, key checks, reach): its URL, and the secret the partners share with
 * it, which a gateway with PERSISTED_QUERIES=required needs to answer
 * questions that are in no client's manifest. A bare URL sends no secret.
 */
export type GatewayAccess = string | { url: string; secret?: string };

export const gatewayAccess = (gateway: GatewayAccess): { url: string; headers: Record<string, string> } =>
  typeof gateway === 'string'
    ? { url: gateway, headers: {} }
    : { url: gateway.url, headers: gateway.secret ? { [GATEWAY_SECRET_HEADER]: gateway.secret } : {} };

/**
 * One anonymous read of the gateway's public API, for a mirror: the data, or
 * SERVICE_UNAVAILABLE naming what could not be read (the owner's or the
 * gateway's own errors stay in the log of whoever made them). node:http, not
 * fetch (runtime http-client.ts): a gateway on a port of fetch's "bad port"
 * list stays readable.
 */
export async function readPublicCatalogue<T>(
  gateway: GatewayAccess,
  what: string,
  query: string,
  variables: Record<string, unknown> = {},
  timeoutMs = 5000,
): Promise<T> {
  const { url, headers } = gatewayAccess(gateway);
  const unavailable = (): GraphQLError =>
    new GraphQLError(`The catalogue's ${what} could not be read through the gateway`, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
  let body: { data?: T | null; errors?: unknown[] };
  try {
    const answer = await postJson(url, JSON.stringify({ query, variables }), headers, timeoutMs);
    body = JSON.parse(answer.text) as typeof body;
  } catch {
    throw unavailable();
  }
  if (!body?.data || body.errors?.length) throw unavailable();
  return body.data;
}

/**
 * Reads `root(id:)` for many ids in as few requests as the gateway's limits
 * allow (`chunk` ids per request, each an aliased root field: within the
 * default MAX_ROOT_FIELDS of 15 and MAX_QUERY_ALIASES of 30): one request
 * per chunk, all at once.
 */
export async function readPublicByIds<V>(
  gateway: GatewayAccess,
  what: string,
  root: string,
  selection: string,
  ids: readonly string[],
  chunk = 10,
): Promise<Map<string, V>> {
  const found = new Map<string, V>();
  const requests: Array<Promise<void>> = [];
  // Always `chunk` fields (the last id repeated): one fixed document per root, which a manifest of persisted queries can list.
  const query = `query CatalogueMirror(${Array.from({ length: chunk }, (_, i) => `$i${i}: ID!`).join(', ')}) { ${Array.from(
    { length: chunk },
    (_, i) => `a${i}: ${root}(id: $i${i}) { ${selection} }`,
  ).join(' ')} }`;
  for (let start = 0; start < ids.length; start += chunk) {
    const part = ids.slice(start, start + chunk);
    const variables = Object.fromEntries(Array.from({ length: chunk }, (_, i) => [`i${i}`, part[Math.min(i, part.length - 1)]]));
    requests.push(
      readPublicCatalogue<Record<string, V | null>>(gateway, what, query, variables).then((data) =>
        part.forEach((id, i) => {
          const value = data[`a${i}`];
          if (value) found.set(id, value);
        }),
      ),
    );
  }
  await Promise.all(requests);
  return found;
}

/** `make(config)` once per running service (its config object), for state that outlives requests, such as mirrors. */
export function oncePerService<C extends object, T>(make: (config: C) => T): (config: C) => T {
  const made = new WeakMap<C, T>();
  return (config) => {
    let value = made.get(config);
    if (value === undefined) made.set(config, (value = make(config)));
    return value;
  };
}
