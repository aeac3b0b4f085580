import fs from 'node:fs';
import './state';

/** Stops the hub started by globalSetup and removes the run's data. */
async function globalTeardown(): Promise<void> {
  const state = globalThis.__MITRA_HARNESS__;
  if (!state) return;
  globalThis.__MITRA_HARNESS__ = undefined;
  try {
    await state.hub.stop();
  } finally {
    fs.rmSync(state.dataDir, { recursive: true, force: true });
    // Where `postgres` could not reach the temp folder, its data went elsewhere.
    const pgDir = state.hub.postgres?.dataDir;
    if (pgDir && !pgDir.startsWith(state.dataDir)) fs.rmSync(pgDir, { recursive: true, force: true });
  }
}

export = globalTeardown;
