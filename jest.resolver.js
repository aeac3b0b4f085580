// Workspace packages are tested from their sources, not from a stale dist/:
// `@mitra/<name>` resolves to the file its package.json names in "source"
// (libraries have one; the CLI and the schema are used as built).
const fs = require('node:fs');
const path = require('node:path');

const sources = new Map();

function sourceOf(name) {
  if (!sources.has(name)) {
    let source = null;
    try {
      const dir = fs.realpathSync(path.join(__dirname, 'node_modules', '@mitra', name));
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (pkg.source) source = path.join(dir, pkg.source);
    } catch {
      source = null;
    }
    sources.set(name, source);
  }
  return sources.get(name);
}

module.exports = (request, options) => {
  const match = /^@mitra\/([^/]+)$/.exec(request);
  const source = match && sourceOf(match[1]);
  return source ?? options.defaultResolver(request, options);
};
