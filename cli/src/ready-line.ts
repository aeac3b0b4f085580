/**
 * `npm start` runs `turbo run build` before `node cli/dist/start.js`; its
 * script exports the moment the build began (milliseconds since the epoch)
 * in this variable, so the ready line can give build and start times apart.
 */
export const BUILD_STARTED_AT = 'MITRA_BUILD_STARTED_AT';

/** A build that began more than a day before this process is not this start's (a variable left in a shell). */
const MAX_BUILD_MS = 24 * 3600 * 1000;

const seconds = (ms: number): string => (ms / 1000).toFixed(1);

/**
 * "Mitra Graph is ready: built in 38.4 s, started in 7.8 s". Started is
 * from this process's start (node start-up included) to now; built is from
 * the build's start to this process's. Without a usable build timestamp
 * (`node cli/dist/start.js` run directly) only the start time is given.
 */
export function readyLine(times: { processStartedAt: number; now: number; buildStartedAt?: string }): string {
  const started = `started in ${seconds(times.now - times.processStartedAt)} s`;
  const buildStart = Number(times.buildStartedAt);
  const built = times.processStartedAt - buildStart;
  const usable = times.buildStartedAt !== undefined && times.buildStartedAt.trim() !== '' && Number.isFinite(buildStart);
  if (!usable || built < 0 || built > MAX_BUILD_MS) return `Mitra Graph is ready: ${started}`;
  return `Mitra Graph is ready: built in ${seconds(built)} s, ${started}`;
}
