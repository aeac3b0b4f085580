import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Cube } from './cube';
import { ProtectedCube, type ProtectionResult } from './protect';

/**
 * Protects a cube on a worker thread, so that building a large protected
 * table set (seconds for 100,000 teachers) does not hold up the subgraph's
 * other requests. One worker per process, started on first use and not
 * keeping the process alive; jobs queue on it. Where no compiled worker
 * exists (the kit not built), protects in the calling thread.
 */
let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (r: ProtectionResult) => void; reject: (e: Error) => void }>();

/** The compiled worker: beside this file, or in the package's dist/ when this file runs from its sources (unit tests). */
const WORKER_FILE = [join(__dirname, 'protect-worker.js'), join(__dirname, '..', '..', 'dist', 'disclosure', 'protect-worker.js')].find(
  (file) => existsSync(file),
);

function startWorker(file: string): Worker {
  const w = new Worker(file);
  w.unref();
  w.on('message', (message: { id: number; result?: ProtectionResult; error?: string }) => {
    const job = pending.get(message.id);
    if (!job) return;
    pending.delete(message.id);
    if (message.result) job.resolve(message.result);
    else job.reject(new Error(`protecting the table set failed: ${message.error}`));
  });
  const fail = (error: Error) => {
    worker = undefined;
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`the protection worker stopped (exit code ${code})`)));
  return w;
}

export async function protectInWorker(cube: Cube, minimumCellSize: number): Promise<ProtectedCube> {
  if (!WORKER_FILE) return new ProtectedCube(cube, minimumCellSize);
  worker ??= startWorker(WORKER_FILE);
  const id = nextId++;
  const result = new Promise<ProtectionResult>((resolve, reject) => pending.set(id, { resolve, reject }));
  // A pending job keeps the process alive; an idle worker does not.
  worker.ref();
  worker.postMessage({ id, shape: cube.shape, counts: cube.counts, minimumCellSize });
  try {
    return new ProtectedCube(cube, minimumCellSize, await result);
  } finally {
    if (!pending.size) worker?.unref();
  }
}
