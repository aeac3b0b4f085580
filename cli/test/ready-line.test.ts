import { readyLine } from '../src/ready-line';

describe('the ready line of npm start', () => {
  const processStartedAt = 1_800_000_000_000;

  it('gives build and start times apart', () => {
    expect(readyLine({ buildStartedAt: String(processStartedAt - 38_420), processStartedAt, now: processStartedAt + 7_810 })).toBe(
      'Mitra Graph is ready: built in 38.4 s, started in 7.8 s',
    );
  });

  it.each([
    ['run directly, without the variable', undefined],
    ['empty', ''],
    ['not a number', 'yesterday'],
    ['in the future', String(processStartedAt + 5_000)],
    ['more than a day old (left in a shell)', String(processStartedAt - 25 * 3600 * 1000)],
  ])('gives the start time only when the build timestamp is %s', (_case, buildStartedAt) => {
    expect(readyLine({ buildStartedAt, processStartedAt, now: processStartedAt + 5_300 })).toBe('Mitra Graph is ready: started in 5.3 s');
  });
});
