import { performance } from 'node:perf_hooks';
import { startHub, type Hub } from './hub';
import { BUILD_STARTED_AT, readyLine } from './ready-line';
import { START_USAGE, demoDataNote, parseStartArgs } from './start-options';

/** `npm start`: the whole hub in the foreground until Ctrl-C. */
async function main(): Promise<void> {
  const options = parseStartArgs(process.argv.slice(2));
  if (options.help) {
    console.log(START_USAGE);
    return;
  }
  const starting = new AbortController();
  let hub: Hub | undefined;
  let stopping = false;

  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) {
      console.error(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    if (!hub) {
      starting.abort();
      return;
    }
    console.log(`\n${signal}: stopping the hub`);
    hub.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  try {
    // A service that crashes is started again (with back-off) while the others keep serving.
    hub = await startHub({ env: process.env, signal: starting.signal, seed: options.seed, restartCrashed: true });
  } catch (error) {
    if (starting.signal.aborted) process.exit(0);
    throw error;
  }
  const rows: Array<[string, string]> = [
    ['gateway', hub.gatewayUrl],
    ['explorer', `${hub.gatewayUrl}  (open in a browser)`],
    ['dashboard', `${hub.gatewayUrl.replace(/\/graphql$/, '/dashboard')}  (statistics; demo roles in development)`],
    ...Object.entries(hub.subgraphUrls),
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  // The time a developer waits: the build (npm start's script), then this process, node start-up included.
  const ready = readyLine({ processStartedAt: performance.timeOrigin, now: Date.now(), buildStartedAt: process.env[BUILD_STARTED_AT] });
  console.log(`\n${ready}\n`);
  for (const [name, url] of rows) console.log(`  ${name.padEnd(width)}  ${url}`);
  if (hub.postgres) console.log(`  ${'data'.padEnd(width)}  ${hub.postgres.dataDir} (PostgreSQL on port ${hub.postgres.port})`);
  console.log(`  ${''.padEnd(width)}  ${demoDataNote(options.seed)}`);
  console.log('\nPress Ctrl+C to stop.');

  hub.closed.catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
