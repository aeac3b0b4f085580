import { isUuid } from '@mitra/runtime';

/**
 * Helpers for DataLoader batch functions: a batch answers in the order of
 * its keys, with null (or []) where a key has no row.
 */
export function byKey<K, T>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): Array<T | null> {
  const map = new Map<K, T>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}

export function groupedByKey<K, T>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): T[][] {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    let list = map.get(k);
    if (!list) map.set(k, (list = []));
    list.push(row);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/**
 * A batch function over UUID keys, the one way every partner reads keys that
 * arrive from clients and from other partners' representations: only UUIDs
 * reach PostgreSQL (anything else would be a type error there), each once and
 * in lower case, and keys match case-insensitively, since PostgreSQL prints
 * uuids in lower case (`teacher(id:)` with an upper-case UUID finds her).
 * `load` answers in the order of the ids it is given; every other key gets
 * `empty()`, without a query when no key is a UUID.
 */
export function uuidBatch<V>(empty: () => V, load: (ids: string[]) => Promise<V[]>): (keys: readonly string[]) => Promise<V[]> {
  return async (keys) => {
    const valid = [...new Set(keys.filter(isUuid).map((k) => k.toLowerCase()))];
    if (!valid.length) return keys.map(() => empty());
    const values = await load(valid);
    const byId = new Map(valid.map((id, i) => [id, values[i]]));
    return keys.map((k) => byId.get(k.toLowerCase()) ?? empty());
  };
}

/**
 * Many sets of UUID keys as two parameters for one statement:
 * `unnest(string_to_array(?, ',')::int[], string_to_array(?, ',')::uuid[]) as k(idx, key)`.
 * Arrays travel comma-joined because the driver would spread a JS array
 * into a list; keys that are not UUIDs are dropped before they reach SQL.
 */
export function keySetParams(sets: readonly string[][]): { positions: string; keys: string; count: number } {
  const positions: number[] = [];
  const keys: string[] = [];
  sets.forEach((set, i) => {
    for (const key of set) {
      if (!isUuid(key)) continue;
      positions.push(i);
      keys.push(key.toLowerCase());
    }
  });
  return { positions: positions.join(','), keys: keys.join(','), count: keys.length };
}
