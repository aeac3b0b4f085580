import { isUuid } from './ids';

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
