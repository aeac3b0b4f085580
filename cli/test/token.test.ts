import { parseTokenArgs } from '../src/token';

describe('npm run token arguments', () => {
  it('reads --org, comma-separated --roles, --sub and --ttl, with or without =', () => {
    expect(parseTokenArgs(['--org', 'school:64710001', '--roles', 'admin, staff', '--sub=ayu', '--ttl', '7d'])).toEqual({
      org: 'school:64710001',
      roles: ['admin', 'staff'],
      sub: 'ayu',
      ttl: '7d',
    });
  });

  it.each([
    [['--roles', 'admin'], /--org is required/],
    [['--org', 'school:64710001'], /--roles is required/],
    [['--org', '--roles', 'admin'], /--org needs a value/],
    [['--org', 'school:64710001', '--roles', 'admin', '--secret', 'x'], /Unknown option "--secret"/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseTokenArgs(argv)).toThrow(message);
  });
});
