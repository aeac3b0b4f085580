import { execFile } from 'node:child_process';
import path from 'node:path';
import { databaseUrlEnv } from '@mitra/runtime';
import { hubUrls } from './env';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Runs one of the CLI's built commands (`generate.js`, `seed.js`) against
 * the test hub's own databases, as `npm run generate` would: test files that
 * load a synthetic data set put the demo data back the same way.
 */
export function runCli(script: string, args: string[]): Promise<void> {
  const { databases } = hubUrls();
  const env = { ...process.env, ...databaseUrlEnv(databases) };
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'cli', 'dist', script), ...args],
      { env, maxBuffer: 16 * 2 ** 20 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${script} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`));
        else resolve();
      },
    );
  });
}
