/**
 * How long to wait before starting a crashed process again: 0.5 s after one
 * crash, doubling per crash in a row, never more than 30 s. A process that
 * ran for STABLE_AFTER_MS before it crashed starts the count again. Used by
 * the gateway's primary for its workers and by `npm start` for its services.
 */
export function restartDelayMs(crashesInARow: number): number {
  return Math.min(30_000, 500 * 2 ** Math.max(0, crashesInARow - 1));
}

export const STABLE_AFTER_MS = 60_000;

/** The crash count after one more crash of a process that ran `ranMs`. */
export function nextCrashCount(previous: number, ranMs: number): number {
  return ranMs > STABLE_AFTER_MS ? 1 : previous + 1;
}
