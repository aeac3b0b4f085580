import fs from 'node:fs';
import path from 'node:path';
import { logLeaks } from './log-scan';
import './state';

/** Stops the hub started by globalSetup and removes the run's data. */
async function globalTeardown(): Promise<void> {
  const state = globalThis.__MITRA_HARNESS__;
  if (!state) return;
  globalThis.__MITRA_HARNESS__ = undefined;
  let leaks: string[] = [];
  try {
    await state.hub.stop();
    await Promise.all((state.logStreams ?? []).map((stream) => new Promise((done) => stream.end(done))));
    // The whole run's logs, after every test file wrote through the hub: no token, secret or person in any line.
    const logDir = path.join(state.dataDir, 'logs');
    const lines = fs.existsSync(logDir)
      ? fs.readdirSync(logDir).flatMap((f) => fs.readFileSync(path.join(logDir, f), 'utf8').split('\n'))
      : [];
    leaks = logLeaks(lines, [process.env.MITRA_JWT_SECRET ?? '', process.env.MITRA_GATEWAY_SECRET ?? ''].filter(Boolean));
  } finally {
    fs.rmSync(state.dataDir, { recursive: true, force: true });
    // Where `postgres` could not reach the temp folder, its data went elsewhere.
    const pgDir = state.hub.postgres?.dataDir;
    if (pgDir && !pgDir.startsWith(state.dataDir)) fs.rmSync(pgDir, { recursive: true, force: true });
  }
  if (leaks.length) throw new Error(`The services' logs hold what they must not:\n${leaks.join('\n')}`);
}

export = globalTeardown;
