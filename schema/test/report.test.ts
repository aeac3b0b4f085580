import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { apiSdlOf } from '../src/api-schema';
import { compareSchemas, formatReport, readCommittedFile } from '../src/report';
import { SUPERGRAPH_PATH } from '../src/paths';

const before = buildSchema(`
  type Query { district(code: ID!): District districts: [District!]! }
  type District { code: ID! name: String! teacherCount: Int }
  enum Tier { BASIC ADVANCED }
`);

describe('compareSchemas (graphql-inspector)', () => {
  it('finds nothing between a schema and itself', async () => {
    expect(await compareSchemas(before, before)).toEqual({ breaking: [], dangerous: [], safe: [] });
  });

  it('calls a removed field and a new required argument breaking, an added field safe', async () => {
    const after = buildSchema(`
      type Query { district(code: ID!, year: Int!): District districts: [District!]! }
      type District { code: ID! name: String! province: String }
      enum Tier { BASIC ADVANCED }
    `);
    const report = await compareSchemas(before, after);
    expect(report.breaking.map((c) => c.path).sort()).toEqual(['District.teacherCount', 'Query.district.year']);
    expect(report.safe.map((c) => c.path)).toEqual(['District.province']);
    const text = formatReport('test', report);
    expect(text).toMatch(/^test: 2 breaking, 0 dangerous, 1 safe change\(s\)/);
    expect(text).toContain("Field 'teacherCount' was removed from object type 'District'");
  });

  it('calls a new enum value dangerous (a client switch may not handle it)', async () => {
    const after = buildSchema(`
      type Query { district(code: ID!): District districts: [District!]! }
      type District { code: ID! name: String! teacherCount: Int }
      enum Tier { BASIC INTERMEDIATE ADVANCED }
    `);
    const report = await compareSchemas(before, after);
    expect(report.dangerous.map((c) => c.path)).toEqual(['Tier.INTERMEDIATE']);
    expect(report.breaking).toEqual([]);
  });
});

describe('apiSdlOf', () => {
  it('prints what clients see of the committed supergraph: no join metadata, no @inaccessible field', () => {
    const sdl = apiSdlOf(fs.readFileSync(SUPERGRAPH_PATH, 'utf8'));
    expect(sdl).toContain('type District {');
    expect(sdl).not.toContain('join__');
    expect(sdl).not.toContain('teacherKeys');
  });
});

describe('readCommittedFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-report-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      stdio: 'pipe',
    });

  it('says so outside a git checkout', () => {
    const file = path.join(dir, 'supergraph.graphql');
    fs.writeFileSync(file, 'type Query { a: Int }\n');
    expect(readCommittedFile(file)).toEqual({ found: false, reason: 'not a git checkout' });
  });

  it("reads the last commit's version, not the working tree's", () => {
    const file = path.join(dir, 'supergraph.graphql');
    git('init', '-q');
    fs.writeFileSync(file, 'type Query { committed: Int }\n');
    git('add', '.');
    git('commit', '-q', '-m', 'first');
    fs.writeFileSync(file, 'type Query { edited: Int }\n');
    const read = readCommittedFile(file);
    expect(read).toMatchObject({ found: true, sdl: 'type Query { committed: Int }\n' });
  });

  it('says so when the file was never committed', () => {
    git('init', '-q');
    fs.writeFileSync(path.join(dir, 'other.txt'), 'x');
    git('add', '.');
    git('commit', '-q', '-m', 'first');
    const file = path.join(dir, 'supergraph.graphql');
    fs.writeFileSync(file, 'type Query { a: Int }\n');
    expect(readCommittedFile(file)).toEqual({ found: false, reason: 'supergraph.graphql is not in the last commit (HEAD)' });
  });
});
