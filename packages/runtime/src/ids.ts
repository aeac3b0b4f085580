import { createHash, randomUUID } from 'node:crypto';

const NAMESPACE = 'mitra-graph';

/**
 * A deterministic UUID (version 5 layout, SHA-1 of a namespace and a name).
 * Demo and synthetic data use it so that every partner derives the same key
 * for the same teacher, school or event without reading another's database.
 */
export function stableUuid(kind: string, name: string | number): string {
  const hash = createHash('sha1').update(`${NAMESPACE}:${kind}:${name}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function newId(): string {
  return randomUUID();
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}
