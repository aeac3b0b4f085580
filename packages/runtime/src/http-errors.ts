import type express from 'express';
import { loggableError } from './database-errors';
import type { Logger } from './logger';

/**
 * Body parser failures (too large, not JSON) answered as GraphQL errors in
 * JSON. Express's own handler would answer HTML with a stack trace outside
 * production.
 */
export function bodyErrorHandler(logger: Logger, limit: string | ((req: express.Request) => string)): express.ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const e = error as { type?: string; status?: number };
    if (res.headersSent) return next(error);
    if (e.type === 'entity.too.large') {
      const bound = typeof limit === 'string' ? limit : limit(req);
      res
        .status(413)
        .json({ errors: [{ message: `The request body is larger than ${bound}.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    } else if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported' || e.status === 415) {
      // Only UTF-8 JSON is read; another charset (latin1) or a compressed body is the client's to change.
      res.status(415).json({
        errors: [
          {
            message: 'The request body must be JSON in UTF-8, not compressed (content-type: application/json).',
            extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
          },
        ],
      });
    } else if (e.type === 'entity.parse.failed' || e.status === 400) {
      res.status(400).json({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    } else {
      logger.error({ err: loggableError(error) }, 'unexpected HTTP error');
      res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  };
}

/**
 * Any path the service does not serve: a JSON 404 in the GraphQL error
 * format, as every other refusal, instead of Express's HTML page.
 */
export function notFoundHandler(): express.RequestHandler {
  return (req, res) => {
    res
      .status(404)
      .json({ errors: [{ message: `Nothing is served at ${req.method} ${req.path.slice(0, 200)}`, extensions: { code: 'NOT_FOUND' } }] });
  };
}
