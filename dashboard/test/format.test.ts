import { figure, formatGain, formatScore, formatShare, NONE, SUPPRESSED } from '../src/format';
import { niceMax } from '../src/scale';

describe('figure', () => {
  it('tells a suppressed figure from a missing one; zero stays zero', () => {
    expect(figure(null, true)).toEqual(SUPPRESSED);
    expect(figure(null, false)).toEqual(NONE);
    expect(figure(0, true)).toEqual({ kind: 'value', value: 0 });
  });
});

describe('formats', () => {
  it('writes shares and scores the Indonesian way and the English way', () => {
    expect(formatShare('id', 0.7083)).toBe('70,8%');
    expect(formatShare('en', 0.7083)).toBe('70.8%');
    expect(formatScore('id', 61.25)).toBe('61,3');
    expect(formatGain('en', 12.04)).toBe('+12.0');
    expect(formatGain('id', -3.5)).toBe('-3,5');
  });
});

describe('niceMax', () => {
  it('rounds the top of a count axis up, above the largest value', () => {
    expect(niceMax([24, 3])).toBe(50);
    expect(niceMax([9])).toBe(10);
    expect(niceMax([45])).toBe(50);
    expect(niceMax([])).toBe(10);
  });
});
