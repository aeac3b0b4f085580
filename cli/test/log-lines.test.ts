import path from 'node:path';
import { formatLogLine, LineTail } from '../src/log-lines';
import { findRepoRoot } from '../src/repo';

describe('formatLogLine', () => {
  it('prints a pino line as level, message and fields', () => {
    const line = JSON.stringify({
      level: 30,
      time: 1,
      pid: 7,
      hostname: 'h',
      service: 'schools',
      name: 'schools',
      msg: 'ready',
      url: 'http://localhost:4001/graphql',
    });
    expect(formatLogLine(line)).toBe('info ready url=http://localhost:4001/graphql');
  });

  it('quotes strings with spaces, prints objects as JSON and an error with its stack', () => {
    const line = JSON.stringify({
      level: 50,
      msg: 'failed',
      note: 'two words',
      extra: { a: 1 },
      err: { message: 'boom', stack: 'Error: boom\n    at f (x.js:1:1)' },
    });
    expect(formatLogLine(line)).toBe('error failed note="two words" extra={"a":1} err=boom\n    Error: boom\n    at f (x.js:1:1)');
  });

  it('passes anything else through unchanged', () => {
    expect(formatLogLine('[schools] demo data loaded')).toBe('[schools] demo data loaded');
    expect(formatLogLine('{ not json')).toBe('{ not json');
    expect(formatLogLine('[1,2]')).toBe('[1,2]');
  });
});

describe('LineTail', () => {
  it('keeps the last lines only', () => {
    const tail = new LineTail(2);
    for (const line of ['a', 'b', 'c']) tail.push(line);
    expect(tail.text('> ')).toBe('> b\n> c');
  });
});

describe('findRepoRoot', () => {
  it('finds the checkout from below it', () => {
    const root = findRepoRoot(__dirname);
    expect(root).toBe(path.resolve(__dirname, '..', '..'));
  });
});
