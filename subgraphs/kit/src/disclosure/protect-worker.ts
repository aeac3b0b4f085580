import { parentPort } from 'node:worker_threads';
import { Cube, type CubeShape } from './cube';
import { ProtectedCube } from './protect';

/** The worker thread of protectInWorker: protects one cube per message. */
parentPort?.on('message', (job: { id: number; shape: CubeShape; counts: Int32Array; minimumCellSize: number }) => {
  try {
    const cube = new Cube(job.shape);
    cube.counts.set(job.counts);
    const result = new ProtectedCube(cube, job.minimumCellSize).result();
    parentPort!.postMessage({ id: job.id, result }, [result.hidden.buffer as ArrayBuffer, result.hiddenFor.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
