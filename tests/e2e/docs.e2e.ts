import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// The repository stands alone (issue 19): a clone with nothing beside it has every page and file its docs point to.
const ROOT = path.resolve(__dirname, '../..');
const PAGES = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join('docs', f)),
];

/** Relative targets of Markdown links and images, without their #anchor; web links and in-page anchors left out. */
function localLinks(markdown: string): string[] {
  const targets = [...markdown.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
  return targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#')).map((t) => t.split('#')[0]);
}

describe.each(PAGES)('%s', (page) => {
  const text = readFileSync(path.join(ROOT, page), 'utf8');

  it('links only to files inside the repository that exist', () => {
    const broken = localLinks(text).filter((target) => {
      const resolved = path.resolve(path.dirname(path.join(ROOT, page)), target);
      return path.relative(ROOT, resolved).startsWith('..') || !existsSync(resolved);
    });
    expect(broken).toEqual([]);
  });

  it('names no path outside the repository', () => {
    expect(text.match(/\.\.\/shared\/[^\s`)]*/g) ?? []).toEqual([]);
  });
});

describe('localLinks', () => {
  it('finds relative links and images, drops anchors and web links', () => {
    expect(localLinks('[a](docs/x.md#y) ![b](img.png "t") [c](https://e.org/z) [d](#top) [e](mailto:x@y)')).toEqual([
      'docs/x.md',
      'img.png',
    ]);
  });
});
