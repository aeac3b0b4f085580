import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '@mitra/devtools';

/** Where the test files of a jest run find the run's PostgreSQL: the URL of its `postgres` database. */
export const TEST_POSTGRES_URL = 'MITRA_TEST_POSTGRES_URL';

interface RunState {
  server: EmbeddedPostgresServer;
  dataDir: string;
}

declare global {
  var __MITRA_TEST_POSTGRES__: RunState | undefined;
}

/**
 * jest globalSetup: one embedded PostgreSQL for the whole run, in a fresh
 * folder, on a free port. Test files create their own databases on it
 * (createTestDatabase); its URL reaches them through the environment, which
 * jest's workers inherit.
 */
export async function startTestPostgres(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-unit-'));
  // mkdtemp makes it 0700; as root PostgreSQL runs as `postgres`, which must traverse it.
  fs.chmodSync(dataDir, 0o755);
  try {
    const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), databases: [] });
    globalThis.__MITRA_TEST_POSTGRES__ = { server, dataDir };
    process.env[TEST_POSTGRES_URL] = server.urlFor('postgres');
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** jest globalTeardown: stops the run's PostgreSQL and removes its data. */
export async function stopTestPostgres(): Promise<void> {
  const state = globalThis.__MITRA_TEST_POSTGRES__;
  if (!state) return;
  globalThis.__MITRA_TEST_POSTGRES__ = undefined;
  try {
    await state.server.stop();
  } finally {
    fs.rmSync(state.dataDir, { recursive: true, force: true });
    // Where `postgres` could not reach the temp folder, its data went elsewhere.
    if (!state.server.dataDir.startsWith(state.dataDir)) fs.rmSync(state.server.dataDir, { recursive: true, force: true });
  }
}
