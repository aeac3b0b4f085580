import path from 'node:path';
import express from 'express';

/**
 * The explorer must work without internet access (partners' offices, field
 * trainings), so every script and style comes from node_modules through
 * this server: no CDN, no external URL in the page.
 */
export const EXPLORER_ASSET_PATH = '/explorer/assets';

function packageDir(name: string): string {
  // package.json is exported by all three packages; their `exports` maps hide the UMD files.
  return path.dirname(require.resolve(`${name}/package.json`));
}

/** Public file name under EXPLORER_ASSET_PATH → absolute path of the file in node_modules. */
export function explorerAssetFiles(): Record<string, string> {
  return {
    'react.production.min.js': path.join(packageDir('react'), 'umd', 'react.production.min.js'),
    'react-dom.production.min.js': path.join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'),
    'graphiql.min.js': path.join(packageDir('graphiql'), 'graphiql.min.js'),
    'graphiql.min.css': path.join(packageDir('graphiql'), 'graphiql.min.css'),
  };
}

/** What a newcomer sees first: the field report's training, across all three partners. */
export const EXPLORER_DEFAULT_QUERY = `# Mitra Graph: one query across the schools, the university and the SKB.
# The two-day technical training of November 2022 in Balikpapan:
query Balikpapan2022 {
  trainingEvents(filter: { startsAfter: "2022-11-01", startsBefore: "2022-11-30" }) {
    edges {
      node {
        title startsOn endsOn status attendanceRate
        venue { name district { code name } }
        program { code title tier modules { title hours lecturer { fullName } } }
        sessions { day kind topic startsAt facilitators { fullName academicTitle } }
      }
    }
  }
}
`;

// A separate file rather than an inline <script>, so the page's CSP can forbid inline scripts.
const EXPLORER_SCRIPT = `(function () {
  var root = document.getElementById('graphiql');
  var fetcher = GraphiQL.createFetcher({ url: root.getAttribute('data-endpoint'), enableIncrementalDelivery: false });
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: ${JSON.stringify(EXPLORER_DEFAULT_QUERY)}, defaultEditorToolsVisibility: true, shouldPersistHeaders: true })
  );
})();
`;

/** Everything the page loads comes from this origin; fonts and icons in graphiql's CSS are data: URIs. */
export const EXPLORER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The explorer page; `endpoint` is the path the page sends GraphQL requests to. */
export function renderExplorerPage(endpoint: string): string {
  const asset = (name: string) => `${EXPLORER_ASSET_PATH}/${name}`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Mitra Graph explorer</title>
    <link rel="stylesheet" href="${asset('graphiql.min.css')}" />
    <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
  </head>
  <body>
    <div id="graphiql" data-endpoint="${escapeAttribute(endpoint)}">Loading the explorer…</div>
    <script src="${asset('react.production.min.js')}"></script>
    <script src="${asset('react-dom.production.min.js')}"></script>
    <script src="${asset('graphiql.min.js')}"></script>
    <script src="${asset('explorer.js')}"></script>
  </body>
</html>
`;
}

/** Serves the explorer's assets under EXPLORER_ASSET_PATH. */
export function explorerAssetsRouter(): express.Router {
  const files = explorerAssetFiles();
  const router = express.Router();
  router.get('/explorer.js', (_req, res) => {
    res.type('application/javascript').set('Cache-Control', 'no-cache').send(EXPLORER_SCRIPT);
  });
  // Only the four named files, not whole package folders.
  router.get('/:file', (req, res, next) => {
    const file = files[req.params.file];
    if (!file || !Object.hasOwn(files, req.params.file)) return next();
    res.sendFile(file, { maxAge: '1d' });
  });
  return router;
}

/** True for a browser navigating to the GraphQL URL (not a GET query from a client). */
export function wantsExplorer(req: express.Request): boolean {
  if (req.method !== 'GET' || req.query.query !== undefined) return false;
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}
