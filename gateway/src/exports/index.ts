import express from 'express';
import type { Logger } from '@mitra/runtime';
import { trainingCoverage } from './coverage';
import { trainingNeeds } from './needs';
import { trainingOutcomes } from './outcomes';
import { qualificationStatistics } from './qualification';
import { ExportRequestError, type Export, type OperationRunner } from './request';

export { toCsv } from './csv';
export type { OperationRunner } from './request';

export const EXPORTS_PATH = '/exports';

/**
 * CSV exports for government offices: the same statistics as the API, with
 * the caller's token and the same suppression.
 *   GET /exports/qualification-statistics.csv?groupBy=DISTRICT|SCHOOL_KIND|EMPLOYMENT_STATUS[&provinceCode=64][&districtCode=64.71]
 *   GET /exports/training-outcomes.csv?groupBy=DISTRICT|PROGRAM[&provinceCode=64]
 *   GET /exports/training-needs.csv[?groupBy=DISTRICT][&provinceCode=64][&districtCode=64.71]
 *   GET /exports/training-coverage.csv[?groupBy=DISTRICT][&provinceCode=64][&districtCode=64.71][&from=2022][&to=2026]
 */
export function exportsRouter(run: OperationRunner, logger: Logger): express.Router {
  const router = express.Router();

  const send = (res: express.Response, filename: string, csv: string) => {
    res
      .status(200)
      .set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      })
      .send(csv);
  };

  const handle =
    (produce: Export): express.RequestHandler =>
    async (req, res) => {
      try {
        // Statistics need a token; say so before planning anything.
        if (!req.headers.authorization)
          throw new ExportRequestError(401, 'UNAUTHENTICATED', 'A token is required: send Authorization: Bearer <token>');
        const { filename, csv } = await produce(req, res, run);
        send(res, filename, csv);
      } catch (error) {
        if (error instanceof ExportRequestError) {
          res.status(error.status).json({ errors: [{ message: error.message, extensions: error.extensions }] });
          return;
        }
        // The token check throws a GraphQLError that carries its HTTP status (401, or 503 when the key set is down).
        const extensions = (error as { extensions?: { code?: unknown; http?: { status?: number } } }).extensions;
        if (typeof extensions?.code === 'string') {
          res
            .status(extensions.http?.status ?? 400)
            .json({ errors: [{ message: (error as Error).message, extensions: { code: extensions.code } }] });
          return;
        }
        logger.error({ err: error }, 'export failed');
        res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      }
    };

  router.get('/qualification-statistics.csv', handle(qualificationStatistics));
  router.get('/training-outcomes.csv', handle(trainingOutcomes));
  router.get('/training-needs.csv', handle(trainingNeeds));
  router.get('/training-coverage.csv', handle(trainingCoverage));
  return router;
}
