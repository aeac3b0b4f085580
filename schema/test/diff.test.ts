import { describeDifference } from '../src/diff';

describe('describeDifference', () => {
  it('is null for the same text, whatever the line endings', () => {
    expect(describeDifference('a\r\nb\r\n', 'a\nb\n')).toBeNull();
  });

  it('shows a changed line from both sides with its line number', () => {
    const message = describeDifference('a\nb\nc\nd\ne\nf\n', 'a\nb\nc\nD\ne\nf\n');
    expect(message).toContain('-     4 | d');
    expect(message).toContain('+     4 | D');
    expect(message).toContain('      3 | c');
    expect(message).not.toContain('| a');
  });

  it('shows an inserted line as one addition, not as every later line changed', () => {
    const before = Array.from({ length: 50 }, (_, i) => `line ${i}`);
    const after = [...before.slice(0, 10), 'new line', ...before.slice(10)];
    const message = describeDifference(before.join('\n'), after.join('\n')) ?? '';
    expect(message).toMatch(/^0 line\(s\) only in the committed file \(-\), 1 only in a fresh composition \(\+\):/);
    expect(message).toContain('+    11 | new line');
    expect(message.split('\n').filter((line) => /^[-+] /.test(line))).toEqual(['+    11 | new line']);
  });

  it('stays short for a large difference', () => {
    const before = Array.from({ length: 500 }, (_, i) => `old ${i}`).join('\n');
    const after = Array.from({ length: 500 }, (_, i) => `new ${i}`).join('\n');
    const message = describeDifference(before, after, 10) ?? '';
    expect(message.split('\n')).toHaveLength(12);
    expect(message).toContain('… 990 more line(s)');
  });
});
