import { existsSync, readFileSync, statSync } from 'node:fs';
import { EXPLORER_ASSET_PATH, EXPLORER_CSP, explorerAssetFiles, renderExplorerPage } from '../src/landing-page';

describe('the offline explorer page', () => {
  const html = renderExplorerPage('/graphql');

  it('references no external URL', () => {
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/(?:src|href)="\/\//);
    expect(EXPLORER_CSP).not.toMatch(/https?:|\*/);
  });

  it('loads only assets that this server serves from node_modules', () => {
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    const files = explorerAssetFiles();
    expect(references.sort()).toEqual([...Object.keys(files), 'explorer.js'].map((name) => `${EXPLORER_ASSET_PATH}/${name}`).sort());
    for (const [name, file] of Object.entries(files)) {
      expect({ name, exists: existsSync(file) }).toEqual({ name, exists: true });
      expect(statSync(file).size).toBeGreaterThan(1_000);
    }
  });

  it('uses React 18 UMD builds and the GraphiQL UMD bundle, which the page script relies on', () => {
    const files = explorerAssetFiles();
    expect(readFileSync(files['react.production.min.js'], 'utf8')).toContain('18.3.1');
    expect(readFileSync(files['graphiql.min.js'], 'utf8')).toContain('createFetcher');
  });

  it('points the explorer at the given endpoint, escaped', () => {
    expect(renderExplorerPage('/graphql')).toContain('data-endpoint="/graphql"');
    expect(renderExplorerPage('/a"><script>')).toContain('data-endpoint="/a&quot;&gt;&lt;script&gt;"');
  });
});
