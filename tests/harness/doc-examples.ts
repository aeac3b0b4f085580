import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, type DocumentNode } from 'graphql';

/** The repository's root, and the pages whose examples are run: README.md and docs/*.md. */
export const ROOT = path.resolve(__dirname, '../..');
export const DOC_PAGES: string[] = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => path.join('docs', f)),
];

/** One fenced block of a Markdown page. */
export interface Fence {
  lang: string;
  body: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** 1-based line of the closing fence. */
  endLine: number;
}

/** Fenced code blocks (``` or ~~~, three or more), in order; an unclosed block runs to the end of the page. */
export function fences(markdown: string): Fence[] {
  const lines = markdown.split('\n');
  const found: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i]);
    if (!open) continue;
    const [, marker, lang] = open;
    let end = i + 1;
    while (end < lines.length && !new RegExp(`^ {0,3}${marker[0]}{${marker.length},}\\s*$`).test(lines[end])) end++;
    found.push({ lang: lang.toLowerCase(), body: lines.slice(i + 1, end).join('\n'), line: i + 1, endLine: end + 1 });
    i = end;
  }
  return found;
}

/** A GraphQL example of the docs, with what its comments and the JSON blocks after it say. */
export interface DocExample {
  page: string;
  line: number;
  /** The document as written (comments included): sent verbatim. */
  query: string;
  operationName?: string;
  /** `# as: <org> <role>[,<role>]`: the token's claims; none means anonymous. */
  as?: { org: string; roles: string[] };
  /** `# expect: CODE`: every error of the answer has this `extensions.code`. */
  expect?: string;
  /** The first JSON block after the example, unless it is an answer. */
  variables?: Record<string, unknown>;
  /** A JSON block after the example whose top-level key is `data` or `errors`: the answer must contain it. */
  answer?: Record<string, unknown>;
}

/** A ```graphql-sdl block, or a ```graphql block that holds only type system definitions. */
export interface SdlExcerpt {
  page: string;
  line: number;
  document: DocumentNode;
}

const EXECUTABLE: readonly string[] = [Kind.OPERATION_DEFINITION, Kind.FRAGMENT_DEFINITION];

/** The examples and SDL excerpts of one page; throws, naming the line, on a block it cannot read. */
export function docExamples(page: string, markdown: string): { examples: DocExample[]; sdl: SdlExcerpt[] } {
  const blocks = fences(markdown);
  const examples: DocExample[] = [];
  const sdl: SdlExcerpt[] = [];
  const lines = markdown.split('\n');
  const where = (block: Fence) => `${page}:${block.line}`;
  // A JSON block belongs to the example above it when only blank lines lie between them.
  const follows = (before: Fence, after: Fence | undefined): after is Fence =>
    !!after && after.lang === 'json' && lines.slice(before.endLine, after.line - 1).every((l) => l.trim() === '');

  blocks.forEach((block, index) => {
    if (block.lang === 'graphql-sdl') {
      sdl.push({ page, line: block.line, document: parseOrThrow(block.body, where(block)) });
      return;
    }
    if (block.lang !== 'graphql') return;
    const document = parseOrThrow(block.body, where(block));
    if (document.definitions.every((d) => !EXECUTABLE.includes(d.kind))) {
      sdl.push({ page, line: block.line, document });
      return;
    }
    const example: DocExample = { page, line: block.line, query: block.body, ...directives(block.body, where(block)) };
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (operations.length > 1) throw new Error(`${where(block)}: one operation per example, found ${operations.length}`);
    if (operations[0]?.name) example.operationName = operations[0].name.value;
    let previous = block;
    for (let next = blocks[index + 1]; follows(previous, next); next = blocks[blocks.indexOf(next) + 1]) {
      const value = parseJson(next.body, where(next));
      if ('data' in value || 'errors' in value) example.answer = value;
      else if (example.variables || example.answer) break;
      else example.variables = value;
      previous = next;
    }
    examples.push(example);
  });
  return { examples, sdl };
}

/** The leading comment lines: `# as: school:64710001 admin`, `# expect: FORBIDDEN`. */
function directives(body: string, where: string): Pick<DocExample, 'as' | 'expect'> {
  const found: Pick<DocExample, 'as' | 'expect'> = {};
  for (const line of body.split('\n')) {
    const text = line.trim();
    if (text === '') continue;
    if (!text.startsWith('#')) break;
    const as = /^#\s*as:\s*(\S+)\s+(\S+)\s*$/.exec(text);
    const expect = /^#\s*expect:\s*([A-Z_]+)\s*$/.exec(text);
    if (as) found.as = { org: as[1], roles: as[2].split(',') };
    else if (expect) found.expect = expect[1];
    else if (/^#\s*(as|expect)\b/.test(text))
      throw new Error(`${where}: cannot read "${text}" (# as: <org> <role>[,<role>] | # expect: CODE)`);
  }
  return found;
}

function parseOrThrow(body: string, where: string): DocumentNode {
  try {
    return parse(body);
  } catch (error) {
    throw new Error(`${where}: not GraphQL: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parseJson(body: string, where: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new Error(
    `${where}: a JSON block after a GraphQL example must be one JSON object (variables, or an answer with "data" or "errors")`,
  );
}

/** Every page's examples and excerpts. */
export function allDocExamples(): { examples: DocExample[]; sdl: SdlExcerpt[] } {
  const pages = DOC_PAGES.map((page) => docExamples(page, readFileSync(path.join(ROOT, page), 'utf8')));
  return { examples: pages.flatMap((p) => p.examples), sdl: pages.flatMap((p) => p.sdl) };
}
