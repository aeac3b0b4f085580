/** mulberry32: a small deterministic PRNG, so the same seed gives the same rows. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

export function intBetween(rand: () => number, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

export const FIRST_NAMES = [
  'Ayu', 'Budi', 'Citra', 'Dewi', 'Eka', 'Fitri', 'Gita', 'Hana', 'Indah', 'Juwita', 'Kartika', 'Lestari',
  'Maya', 'Nadia', 'Oktavia', 'Putri', 'Ratna', 'Sari', 'Tuti', 'Umi', 'Vina', 'Wulan', 'Yuni', 'Zahra',
  'Agus', 'Rizky', 'Dimas', 'Nurul', 'Siti', 'Anisa', 'Rahma', 'Dian', 'Intan', 'Mega', 'Nina', 'Lina',
];
export const LAST_NAMES = [
  'Pratiwi', 'Handayani', 'Susanti', 'Wahyuni', 'Rahayu', 'Lestari', 'Permata', 'Anggraini', 'Kusuma',
  'Maharani', 'Safitri', 'Rahmawati', 'Puspita', 'Ramadhani', 'Saputri', 'Hidayati', 'Nuraini', 'Wulandari',
  'Utami', 'Fauziah', 'Amalia', 'Setiawati', 'Yulianti', 'Purnamasari',
];
