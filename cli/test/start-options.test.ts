import { demoDataNote, parseStartArgs } from '../src/start-options';

describe('npm start arguments', () => {
  it('reload the demo data with --reset, and keep what is loaded by default', () => {
    expect(parseStartArgs(['--reset'])).toEqual({ seed: 'reset', help: false });
    expect(parseStartArgs([])).toEqual({ seed: 'if-empty', help: false });
    expect(parseStartArgs(['--help']).help).toBe(true);
  });

  it.each([
    [['--rest'], /Unknown option\(s\): --rest[\s\S]*--reset/],
    [['--reset', '--if-empty'], /Choose one of --reset and --if-empty/],
  ])('refuses %j, naming the options that exist', (argv, message) => {
    expect(() => parseStartArgs(argv)).toThrow(message);
  });

  it('name the command that reloads the demo data, in the one line said when the hub is ready', () => {
    expect(demoDataNote('if-empty')).toContain('npm start -- --reset');
    expect(demoDataNote('reset')).toMatch(/reloaded/);
  });
});
