import fc from 'fast-check';

// The random choices the fuzz test's generators (fuzz-values.ts, fuzz-documents.ts) are made of: fast-check's `fc.gen()`, so that every choice shrinks.

export type Gen = fc.GeneratorValue;

/** Text an injection or a template engine might choke on; none of it looks like SQL text a server leaks. */
const HOSTILE_TEXT = [
  "' OR '1'='1",
  "'; DROP TABLE teacher; --",
  "Robert'); --",
  '$1',
  '%s%s%s%n',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '\\',
  '"',
  '\u0000',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '\ud83d\udc69\u200d\ud83c\udfeb',
  'Z\u0351\u0351\u0351\u0351\u0351',
  '\uffff\ufffe',
  ' ',
  '',
];

// Unbiased: fast-check's bias towards extremes would otherwise make every rare choice (a wrong value, an unknown argument) frequent.
// (fc.double would not do: it is uniform over representable doubles, which crowd near zero.)
const RESOLUTION = 1_000_000;
const unit = fc.noBias(fc.integer({ min: 0, max: RESOLUTION - 1 })).map((n) => n / RESOLUTION);

export function pick<T>(g: Gen, items: readonly T[]): T {
  return items[Math.floor(g(() => unit) * items.length)];
}

export function chance(g: Gen, p: number): boolean {
  return g(() => unit) < p;
}

/** 0..n-1, uniformly. */
export function choose(g: Gen, n: number): number {
  return Math.floor(g(() => unit) * n);
}

/** A string: ordinary, unicode, hostile, or huge (some beyond the gateway's body limit). */
export function randomString(g: Gen): string {
  switch (choose(g, 10)) {
    case 0:
      return g(fc.string, { unit: 'grapheme', maxLength: 40 });
    case 1:
      return g(fc.string, { unit: 'binary', maxLength: 40 });
    case 2:
      return pick(g, HOSTILE_TEXT);
    case 3:
      return pick(g, ['Siti Rahmawati', 'Kota Balikpapan', 'TK Pertiwi', 'Diklat Berjenjang', 'x']) + g(fc.string, { maxLength: 5 });
    case 4:
      return 'A'.repeat(g(fc.integer, { min: 150, max: 5_000 }));
    case 5:
      return pick(g, ['\u00e9', '\ud83d\ude00', 'Ω', '\u0000', ' ']).repeat(g(fc.integer, { min: 1, max: 2_000 }));
    case 6:
      return pick(g, ['x', '\ud83d\ude00']).repeat(g(fc.integer, { min: 50_000, max: 120_000 }));
    case 7:
      return pick(g, [
        '2023-02-29',
        '2024-02-29',
        '1990-04-12',
        '0000-00-00',
        '9999-12-31',
        '2024-13-01',
        '2024-01-01T00:00:00Z',
        '64.71',
        '64710001',
        '1234567890123456',
      ]);
    default:
      return g(fc.string, { maxLength: 12 });
  }
}

export function randomNumber(g: Gen): number {
  switch (choose(g, 6)) {
    case 0:
      return g(fc.integer, { min: -5, max: 120 });
    case 1:
      return pick(g, [0, -1, 1, 20, 100, 101, 2147483647, 2147483648, -2147483649, 1e21, Number.MAX_SAFE_INTEGER + 2]);
    case 2:
      return g(fc.double, { noNaN: true, noDefaultInfinity: true });
    case 3:
      return g(fc.integer);
    default:
      return g(fc.integer, { min: 1, max: 10 });
  }
}

/** A JSON value of any shape, sometimes deeply nested. */
export function randomJson(g: Gen, depth = 0): unknown {
  const kind = choose(g, depth > 3 ? 5 : 8);
  if (kind === 0) return null;
  if (kind === 1) return g(fc.boolean);
  if (kind === 2) return randomNumber(g);
  if (kind === 3 || kind === 4) return randomString(g);
  if (kind === 5) return Array.from({ length: g(fc.nat, { max: 3 }) }, () => randomJson(g, depth + 1));
  if (kind === 6) {
    // One deep run per value, around a leaf: runs inside runs reached 3,000 levels and overflowed the literal printer's stack.
    let nested: unknown = randomJson(g, 4);
    for (let i = g(fc.integer, { min: 10, max: 800 }); i > 0; i--) nested = [nested];
    return nested;
  }
  return Object.fromEntries(
    Array.from({ length: g(fc.nat, { max: 3 }) }, () => [g(fc.string, { maxLength: 8 }), randomJson(g, depth + 1)]),
  );
}
