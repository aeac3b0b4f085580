import { hideAmongParts, type Part } from '../src/complements';

const part = (id: string, counts: number[], extra: Partial<Part> = {}): Part => ({
  id,
  counts,
  primary: counts.some((c) => c > 0 && c < 10),
  published: true,
  cost: counts[0],
  ...extra,
});

describe('hideAmongParts (secondary suppression with protection levels)', () => {
  it('hides nothing when no part is small', () => {
    expect(hideAmongParts([part('a', [12]), part('b', [0]), part('c', [30])], 10)).toEqual(new Set());
  });

  it('hides a small part with the cheapest complements until the others hold the minimum', () => {
    // 3 alone would be the total minus the others; 3 + 4 is not enough for either to reach 10; 12 is the cheapest that is.
    const hidden = hideAmongParts([part('a', [3]), part('b', [4]), part('c', [12]), part('d', [40])], 10);
    expect(hidden).toEqual(new Set(['a', 'b', 'c']));
  });

  it('counts never-published parts as hidden complements, never returns them', () => {
    expect(hideAmongParts([part('a', [3]), part('none', [15], { published: false, primary: false }), part('b', [20])], 10)).toEqual(
      new Set(['a']),
    );
  });

  it('covers every measure: a part small in its second count needs complements there', () => {
    const hidden = hideAmongParts([part('a', [20, 2]), part('b', [11, 0]), part('c', [50, 30])], 10);
    // b holds nothing in the second count: c is the complement.
    expect(hidden).toEqual(new Set(['a', 'c']));
  });

  it('protects a part the caller marks, as if it were small', () => {
    expect(hideAmongParts([part('a', [25], { primary: true, protect: true }), part('b', [12]), part('c', [40])], 10)).toEqual(
      new Set(['a', 'b']),
    );
  });

  it('gives up (null) when no choice protects: the total must be hidden', () => {
    expect(hideAmongParts([part('a', [3]), part('b', [4])], 10)).toBeNull();
  });
});
