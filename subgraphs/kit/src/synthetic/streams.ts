import { seededRandom } from '../demo/random';

/**
 * Independent random streams, one per (seed, purpose, index): any teacher,
 * school or event can be generated on its own, in any order and in any
 * process, and come out the same. That is what lets three partners stream
 * their own slices in parallel without sharing state.
 */
export const STREAM = {
  layout: 1,
  school: 2,
  teacher: 3,
  name: 4,
  activity: 5,
  event: 6,
  partnership: 7,
  lecturer: 8,
  guests: 9,
  team: 10,
} as const;

/** murmur3's 32-bit finaliser: a cheap, well-mixed integer hash. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function streamSeed(seed: number, stream: number, index: number): number {
  let h = fmix32((seed ^ 0x9e3779b9) >>> 0);
  h = fmix32((h ^ Math.imul(stream, 0x27d4eb2d)) >>> 0);
  // Indexes go beyond 2^32 never (10 million teachers at most), but keep both halves anyway.
  h = fmix32((h ^ (index >>> 0)) >>> 0);
  h = fmix32((h + Math.floor(index / 4294967296)) >>> 0);
  return h;
}

export function randomFor(seed: number, stream: number, index: number): () => number {
  return seededRandom(streamSeed(seed, stream, index));
}

/** Picks by weight: `weights` need not sum to 1. */
export function weighted<T>(rand: () => number, items: ReadonlyArray<readonly [T, number]>): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let x = rand() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1][0];
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' plus n days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
