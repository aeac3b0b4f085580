import { SyntheticOptionsError } from '@mitra/fixtures';
import { parseOptions } from '../src/options';
import { TARGET_NAMES } from '../src/report';
import { parseWriteLoadOptions, WriteLoadOptionsError } from '../src/writes/options';

describe('npm run bench arguments', () => {
  it('default to 10 s measurements at 1 and 10 connections, every target, the docs updated', () => {
    const options = parseOptions([]);
    expect(options).toMatchObject({
      duration: 10,
      warmup: 2,
      warmupRequests: 200,
      rounds: 5,
      connections: [1, 10],
      skipGenerate: false,
      docs: true,
      memory: false,
      viewerOrg: 'provider:bench',
      loadTool: 'auto',
    });
    expect(options.targets).toEqual([...TARGET_NAMES]);
    expect(options.synthetic.teachers).toBe(100_000);
  });

  it('read lists, switches and the synthetic data set', () => {
    const options = parseOptions([
      '--teachers',
      '1000',
      '--connections',
      '1,4',
      '--operations',
      'teacher,catalogue',
      '--targets',
      'gateway,floor',
      '--no-docs',
      '--memory',
      '--warmup',
      '0',
      '--warmup-requests',
      '50',
    ]);
    expect(options).toMatchObject({
      connections: [1, 4],
      operations: ['teacher', 'catalogue'],
      targets: ['gateway', 'floor'],
      docs: false,
      memory: true,
      warmup: 0,
      warmupRequests: 50,
    });
    expect(options.synthetic.teachers).toBe(1000);
  });

  it('take the load generator by name', () => {
    expect(parseOptions(['--load-tool', 'autocannon']).loadTool).toBe('autocannon');
    expect(parseOptions(['--load-tool', 'wrk']).loadTool).toBe('wrk');
  });

  it('read persons as another organisation, without touching docs/benchmarks.md', () => {
    expect(parseOptions(['--viewer-org', 'university:mulia'])).toMatchObject({ viewerOrg: 'university:mulia', docs: false });
    expect(parseOptions(['--viewer-org', 'provider:bench'])).toMatchObject({ viewerOrg: 'provider:bench', docs: true });
  });

  it.each([
    [['--duration'], /--duration needs a value/],
    [['--viewer-org', 'mulia'], /--viewer-org: the "org" claim "mulia" is malformed/],
    [['--viewer-org', 'government:bench'], /--viewer-org: government:bench reads statistics only/],
    [['--duration', '--no-docs'], /--duration needs a value/],
    [['--duration', '0'], /--duration must be a positive number/],
    [['--warmup', '-1'], /--warmup must be 0 or more/],
    [['--warmup-requests', '-1'], /--warmup-requests must be a whole number/],
    [['--warmup-requests', '2.5'], /--warmup-requests must be a whole number/],
    [['--warmup-requests', 'many'], /--warmup-requests must be a whole number/],
    [['--targets', 'gateway,hive'], /Unknown target\(s\): hive/],
    [['--fast'], /Unknown option --fast/],
    [['--load-tool', 'ab'], /--load-tool must be one of wrk, autocannon \(got ab\)/],
  ])('refuse %j', (argv, message) => {
    expect(() => parseOptions(argv)).toThrow(SyntheticOptionsError);
    expect(() => parseOptions(argv)).toThrow(message);
  });
});

describe('npm run bench -- --writes arguments', () => {
  it('default to 100 clients for 60 s', () => {
    expect(parseWriteLoadOptions(['--writes'])).toEqual({ clients: 100, duration: 60, docs: true });
    expect(parseWriteLoadOptions(['--writes', '--clients', '5', '--duration', '3', '--data-dir', '/tmp/x', '--no-docs'])).toEqual({
      clients: 5,
      duration: 3,
      dataDir: '/tmp/x',
      docs: false,
    });
  });

  it.each([
    [['--clients', '501'], /--clients must be a whole number from 1 to 500/],
    [['--duration', '1.5'], /--duration must be a whole number from 1 to 600/],
    [['--data-dir'], /--data-dir needs a value/],
    [['--memory'], /Unknown option --memory for --writes/],
  ])('refuse %j', (argv, message) => {
    expect(() => parseWriteLoadOptions(argv)).toThrow(WriteLoadOptionsError);
    expect(() => parseWriteLoadOptions(argv)).toThrow(message);
  });
});
