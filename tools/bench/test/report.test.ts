import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { figures, percentile } from '../src/load';
import { consoleTable, replaceMarkedSection, updateBenchmarksDoc, writeJson, type BenchReport, type OperationResult } from '../src/report';
import { benchTargets } from '../src/targets';

const run = (p50: number, rps = 100) => ({ requests: 10, rps, p50, p95: p50, p99: p50, errors: 0, tool: 'test' });

function report(date: string, operations: OperationResult[]): BenchReport {
  return {
    date,
    command: 'npm run bench',
    dataset: 'synthetic seed=1 teachers=1000 districts=10',
    subjects: { districtCode: '99.01', districtTeachers: 100, teacherId: 't' },
    partnerOrg: 'provider:bench',
    machine: {
      cpus: 2,
      cpuModel: 'cpu',
      memoryGiB: 4,
      os: 'Linux',
      node: 'v20',
      postgres: 'PostgreSQL 18',
      loadAverage: { start: 0, end: 0 },
    },
    loadGenerator: 'wrk 4.1.0',
    durationSeconds: 10,
    warmupSeconds: 2,
    rounds: 5,
    connections: [1],
    settings: {},
    operations,
    targets: benchTargets(operations),
  };
}

const page: OperationResult = {
  name: 'teachers-100',
  title: 'Page',
  viewer: 'partner',
  status: 'measured',
  floorStatus: 'measured',
  runs: [{ connections: 1, gateway: run(30), direct: run(20), floor: run(10) }],
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-bench-test-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('figures', () => {
  it('take percentiles over every slice of a measurement', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([], 0.5)).toBeNaN();
    const f = figures(
      [
        { latencies: [3, 1], seconds: 1, errors: 0 },
        { latencies: [2, 4], seconds: 1, errors: 1, firstError: 'HTTP 500' },
      ],
      'autocannon',
    );
    expect(f).toEqual({ requests: 4, rps: 2, p50: 2, p95: 4, p99: 4, errors: 1, firstError: 'HTTP 500', tool: 'autocannon' });
  });
});

describe('the targets', () => {
  it('say which were met and which were not measured', () => {
    const [gateway, direct, single] = benchTargets([page]);
    expect(gateway).toMatchObject({ reached: 'p50 30.0 ms', met: true });
    expect(direct).toMatchObject({ reached: '2.00× (20.0 ms vs 10.0 ms)', met: true });
    expect(single).toMatchObject({ reached: 'not measured', met: null });
  });
});

describe('docs/benchmarks.md', () => {
  it('gets a dated section per run, newest first, a rerun replacing its own', () => {
    const file = path.join(dir, 'benchmarks.md');
    updateBenchmarksDoc(file, report('2025-01-01T00:00:00.000Z', [page]));
    updateBenchmarksDoc(file, report('2025-02-01T00:00:00.000Z', [page]));
    updateBenchmarksDoc(file, report('2025-02-01T10:00:00.000Z', [page]));
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith('# Benchmarks')).toBe(true);
    expect(text.match(/^## \d{4}-\d\d-\d\d/gm)).toEqual(['## 2025-02-01', '## 2025-01-01']);
  });

  it('replaces a marked section in place, or adds it at the end', () => {
    const file = path.join(dir, 'benchmarks.md');
    fs.writeFileSync(file, '# Benchmarks\n\n<!-- memory -->\nold\n<!-- /memory -->\n\nafter\n');
    replaceMarkedSection(file, 'memory', '<!-- memory -->\nnew\n<!-- /memory -->');
    replaceMarkedSection(file, 'load-writes', '<!-- load-writes -->\nwrites\n<!-- /load-writes -->');
    expect(fs.readFileSync(file, 'utf8')).toBe(
      '# Benchmarks\n\n<!-- memory -->\nnew\n<!-- /memory -->\n\nafter\n\n<!-- load-writes -->\nwrites\n<!-- /load-writes -->\n',
    );
  });

  it('prints one table row per operation and concurrency, and writes the JSON beside', () => {
    const r = report('2025-01-01T00:00:00.000Z', [page]);
    expect(consoleTable(r).split('\n')).toHaveLength(3);
    expect(path.basename(writeJson(dir, r, 'writes-'))).toBe('writes-2025-01-01T00-00-00-000Z.json');
  });
});
