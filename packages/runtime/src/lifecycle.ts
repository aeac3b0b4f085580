import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type express from 'express';
import type { ServerTls } from './config';
import type { Logger } from './logger';

export interface RunningService {
  url: string;
  port: number;
  logger: Logger;
  /** Stops accepting, lets in-flight requests finish (at most `drainTimeoutMs`), then releases what the service holds. */
  stop(): Promise<void>;
  /** How long stop() lets in-flight requests run (SHUTDOWN_TIMEOUT_MS). */
  drainTimeoutMs: number;
}

/** An http server, or https with the service's certificate (and, with a client CA, client certificates required). */
function createServer(app: express.Express, tls: ServerTls | null | undefined): http.Server {
  if (!tls) return http.createServer(app);
  return https.createServer(
    { cert: tls.cert, key: tls.key, ...(tls.clientCa ? { ca: tls.clientCa, requestCert: true, rejectUnauthorized: true } : {}) },
    app,
  );
}

/**
 * Listens (https when `tls` is given). `stop()` stops accepting connections, lets the requests in
 * flight finish (closing each keep-alive connection as soon as its answer
 * is sent), closes whatever connections are left after `drainTimeoutMs`,
 * then runs `onStop` (Apollo, the database pool).
 */
export function listen(
  app: express.Express,
  host: string,
  port: number,
  logger: Logger,
  onStop: () => Promise<void>,
  drainTimeoutMs = 10_000,
  keepAliveMs = 65_000,
  tls?: ServerTls | null,
): Promise<RunningService> {
  const server = createServer(app, tls);
  server.keepAliveTimeout = keepAliveMs;
  let draining = false;
  server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    if (draining) res.setHeader('connection', 'close');
    // Node keeps a keep-alive connection open after its last answer even while the server closes.
    res.once('finish', () => {
      if (draining) setImmediate(() => server.closeIdleConnections());
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = (server.address() as AddressInfo).port;
      const url = `${tls ? 'https' : 'http'}://localhost:${actual}/graphql`;
      let stopping: Promise<void> | undefined;
      resolve({
        url,
        port: actual,
        logger,
        drainTimeoutMs,
        stop: () => {
          stopping ??= (async () => {
            draining = true;
            await new Promise<void>((done) => {
              server.close(() => done());
              server.closeIdleConnections();
              setTimeout(() => {
                logger.warn({ drainTimeoutMs }, 'requests still running after the shutdown timeout: closing their connections');
                server.closeAllConnections();
              }, drainTimeoutMs).unref();
            });
            await onStop();
          })();
          return stopping;
        },
      });
    });
  });
}

/** What stop() may take beyond draining requests (Apollo, the pool) before the process gives up and exits 1. */
const STOP_GRACE_MS = 10_000;

/** Exits once the logger has written its last lines (pino buffers on a pipe; process.exit would drop them). */
function exitAfterFlush(logger: Logger, code: number): void {
  setTimeout(() => process.exit(code), 1_000).unref();
  logger.flush(() => process.exit(code));
}

/**
 * The tail of every service's index.ts: start, log, stop cleanly on
 * SIGINT/SIGTERM, exit 1 on a start-up failure.
 */
export function runService(start: () => Promise<RunningService>): void {
  start()
    .then((service) => {
      service.logger.info({ url: service.url }, 'ready');
      let stopping = false;
      const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        service.logger.info({ signal, drainTimeoutMs: service.drainTimeoutMs }, 'stopping');
        // Bounded: a pool that never closes (a database that stopped answering) must not keep the process alive.
        setTimeout(() => {
          service.logger.error('did not stop in time; exiting');
          process.exit(1);
        }, service.drainTimeoutMs + STOP_GRACE_MS).unref();
        service
          .stop()
          .then(() => {
            service.logger.info('stopped');
            exitAfterFlush(service.logger, 0);
          })
          .catch((error: unknown) => {
            service.logger.error({ err: error }, 'stop failed');
            exitAfterFlush(service.logger, 1);
          });
      };
      process.on('SIGINT', () => shutdown('SIGINT'));
      process.on('SIGTERM', () => shutdown('SIGTERM'));
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
