import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DOC_PAGES, fences, ROOT } from '../harness/doc-examples';

// The repository stands alone (issue 19): a clone with nothing beside it has every page and file its docs point to.

/** Relative targets of Markdown links and images, without their #anchor; web links and in-page anchors left out. */
function localLinks(markdown: string): string[] {
  return links(markdown)
    .filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#'))
    .map((t) => t.split('#')[0]);
}

/** Every link target of the page's text (code blocks left out). */
function links(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
}

/** The page without its fenced code blocks, whose `#` lines are comments, not headings. */
function prose(markdown: string): string {
  const lines = markdown.split('\n');
  for (const fence of fences(markdown)) lines.fill('', fence.line - 1, fence.endLine);
  return lines.join('\n');
}

/** GitHub's anchors for a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    found.add(count ? `${base}-${count}` : base);
  }
  return found;
}

/** Links to a Markdown page of the repository (this one included) whose #anchor names no heading there. */
function brokenAnchors(page: string, markdown: string): string[] {
  return links(markdown)
    .filter((t) => t.includes('#') && !/^[a-z][a-z0-9+.-]*:/i.test(t))
    .filter((t) => {
      const [file, anchor] = t.split('#');
      if (!file) return !anchors(markdown).has(decodeURIComponent(anchor));
      const target = path.resolve(path.dirname(path.join(ROOT, page)), file);
      if (!target.endsWith('.md') || !existsSync(target)) return false;
      return !anchors(readFileSync(target, 'utf8')).has(decodeURIComponent(anchor));
    });
}

describe.each(DOC_PAGES)('%s', (page) => {
  const text = readFileSync(path.join(ROOT, page), 'utf8');

  it('links only to files inside the repository that exist', () => {
    const broken = localLinks(text).filter((target) => {
      const resolved = path.resolve(path.dirname(path.join(ROOT, page)), target);
      return path.relative(ROOT, resolved).startsWith('..') || !existsSync(resolved);
    });
    expect(broken).toEqual([]);
  });

  it('links only to headings that exist, on this page or another', () => {
    expect(brokenAnchors(page, text)).toEqual([]);
  });

  it('names no path outside the repository', () => {
    expect(text.match(/\.\.\/shared\/[^\s`)]*/g) ?? []).toEqual([]);
  });
});

describe('README.md, the first page', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  it('stays a first page: at most 200 lines, the rest in docs/', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(200);
  });

  it('links every page of docs/', () => {
    const linked = new Set(localLinks(readme).map((t) => path.normalize(t)));
    expect(DOC_PAGES.filter((page) => page !== 'README.md' && !linked.has(page))).toEqual([]);
  });
});

describe('localLinks', () => {
  it('finds relative links and images, drops anchors and web links', () => {
    expect(localLinks('[a](docs/x.md#y) ![b](img.png "t") [c](https://e.org/z) [d](#top) [e](mailto:x@y)')).toEqual([
      'docs/x.md',
      'img.png',
    ]);
  });

  it('leaves out links and headings inside code blocks', () => {
    expect(localLinks('```sh\n# [a](nowhere.md)\n```\n[b](b.md)')).toEqual(['b.md']);
    expect([...anchors('# Top\n```sh\n# not a heading\n```')]).toEqual(['top']);
  });
});

describe('anchors', () => {
  it("are GitHub's: punctuation dropped, code spans kept as text, repeats numbered", () => {
    expect([...anchors('## Load: mixed reads (`npm run bench -- --writes`)\n## Who may see whom\n## Tiers\n## Tiers')]).toEqual([
      'load-mixed-reads-npm-run-bench------writes',
      'who-may-see-whom',
      'tiers',
      'tiers-1',
    ]);
  });

  it('find a link to a heading that does not exist', () => {
    expect(brokenAnchors('README.md', '# One\n[ok](#one) [bad](#two) [web](https://e.org/#x)')).toEqual(['#two']);
  });
});
