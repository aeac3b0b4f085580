import type express from 'express';
import { loggableError } from './database-faults';
import type { Logger } from './logger';

/**
 * Body parser failures (too large, not JSON) answered as GraphQL errors in
 * JSON. Express's own handler would answer HTML with a stack trace outside
 * production.
 */
export function bodyErrorHandler(logger: Logger, limit: string): express.ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    const e = error as { type?: string; status?: number };
    if (res.headersSent) return next(error);
    if (e.type === 'entity.too.large') {
      res.status(413).json({ errors: [{ message: `The request body is larger than ${limit}.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    } else if (e.type === 'entity.parse.failed' || e.status === 400) {
      res.status(400).json({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    } else {
      logger.error({ err: loggableError(error) }, 'unexpected HTTP error');
      res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  };
}
