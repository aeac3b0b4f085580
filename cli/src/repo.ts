import fs from 'node:fs';
import path from 'node:path';

const ROOT_PACKAGE_NAME = 'mitra-graph';

/** The checkout's root: the folder whose package.json is named "mitra-graph" (cli/dist and cli/src both sit below it). */
export function findRepoRoot(from: string = __dirname): string {
  let dir = path.resolve(from);
  for (;;) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (pkg.name === ROOT_PACKAGE_NAME) return dir;
    } catch {
      // no or unreadable package.json here: keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(`Cannot find the mitra-graph checkout above ${from} (no package.json named "${ROOT_PACKAGE_NAME}")`);
    dir = parent;
  }
}

/** A built script of the checkout, with a clear message when the build has not run. */
export function builtScript(root: string, relative: string): string {
  const file = path.join(root, relative);
  if (!fs.existsSync(file)) throw new Error(`${relative} does not exist: build first (npm run build)`);
  return file;
}
