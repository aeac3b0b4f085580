import { stringify } from 'csv-stringify/sync';
import express from 'express';
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import type { Logger } from '@mitra/runtime';

/**
 * Runs one operation through this gateway (token check, limits, planning,
 * error masking) as the HTTP request's caller.
 */
export type OperationRunner = (
  req: express.Request,
  res: express.Response,
  query: string,
  variables: Record<string, unknown>,
) => Promise<FormattedExecutionResult>;

export const EXPORTS_PATH = '/exports';

const LEVELS = ['BELOW_HIGH_SCHOOL', 'HIGH_SCHOOL', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3'] as const;
const GROUPINGS = ['DISTRICT', 'SCHOOL_KIND', 'EMPLOYMENT_STATUS'] as const;
const CODE = /^[0-9]{2}(\.[0-9]{2}){0,3}$/;

const BREAKDOWN = 'teacherCount meetingStandard shareMeetingStandard suppressed byLevel { level count }';
const QUALIFICATIONS = `query ExportQualificationStatistics($groupBy: StatisticsGrouping!, $filter: StatisticsFilter) {
  qualificationStatistics(groupBy: $groupBy, filter: $filter) {
    minimumCellSize
    rows { group label qualifications { ${BREAKDOWN} } }
    total { ${BREAKDOWN} }
  }
}`;
const OUTCOMES = 'assessed meanPreTest meanPostTest meanGain passRate followedUp meanFollowUpScore suppressed';
const OUTCOMES_BY_DISTRICT = `query ExportTrainingOutcomesByDistrict($provinceCode: ID) {
  districts(provinceCode: $provinceCode) { code name trainingOutcomes { tier outcomes { ${OUTCOMES} } } }
}`;
const OUTCOMES_BY_PROGRAM = `query ExportTrainingOutcomesByProgram {
  trainingPrograms { code title tier outcomes { ${OUTCOMES} } attendance { registrations attendanceRate suppressed } }
}`;

const NEEDS = 'code name provinceCode trainingNeeds { area schools teachers suppressed }';
const NEEDS_BY_DISTRICT = `query ExportTrainingNeedsByDistrict($provinceCode: ID) { districts(provinceCode: $provinceCode) { ${NEEDS} } }`;
const NEEDS_OF_DISTRICT = `query ExportTrainingNeedsOfDistrict($code: ID!) { district(code: $code) { ${NEEDS} } }`;

const TIERS = ['BASIC', 'INTERMEDIATE', 'ADVANCED'] as const;
const COVERAGE = 'code name provinceCode training(year: $year) { teachersTrained byHighestTier { tier count } suppressed }';
const COVERAGE_BY_DISTRICT = `query ExportTrainingCoverageByDistrict($provinceCode: ID, $year: Int) {
  districts(provinceCode: $provinceCode) { ${COVERAGE} }
}`;
const COVERAGE_OF_DISTRICT = `query ExportTrainingCoverageOfDistrict($code: ID!, $year: Int) { district(code: $code) { ${COVERAGE} } }`;
/** The API takes years from 2000 to next year; an export spans at most this many of them. */
const FIRST_YEAR = 2000;
const MAX_YEARS = 30;

type Cell = string | number | null;

interface Breakdown {
  teacherCount: number | null;
  meetingStandard: number | null;
  shareMeetingStandard: number | null;
  suppressed: boolean;
  byLevel: Array<{ level: string; count: number | null }>;
}

interface Outcomes {
  assessed: number | null;
  meanPreTest: number | null;
  meanPostTest: number | null;
  meanGain: number | null;
  passRate: number | null;
  followedUp: number | null;
  meanFollowUpScore: number | null;
  suppressed: boolean;
}

interface NeedsDistrict {
  code: string;
  name: string;
  provinceCode: string;
  trainingNeeds: Array<{ area: string; schools: number | null; teachers: number | null; suppressed: boolean }> | null;
}

interface CoverageDistrict {
  code: string;
  name: string;
  provinceCode: string;
  training: { teachersTrained: number | null; byHighestTier: Array<{ tier: string; count: number | null }>; suppressed: boolean } | null;
}

class ExportRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The query parameter at fault, as `extensions.field`. */
    readonly field?: string,
  ) {
    super(message);
  }

  get extensions(): Record<string, string> {
    return { code: this.code, ...(this.field ? { field: this.field } : {}) };
  }
}

/** A rate 0..1 to four decimals and a score to two: what a spreadsheet needs, without float noise. */
const rate = (v: number | null): Cell => (v === null ? null : Math.round(v * 10_000) / 10_000);
const score = (v: number | null): Cell => (v === null ? null : Math.round(v * 100) / 100);
const flag = (suppressed: boolean): string => (suppressed ? 'true' : 'false');

/**
 * UTF-8 with a byte-order mark (without it, spreadsheets read names with
 * non-ASCII letters in a legacy code page), CRLF line ends (RFC 4180), and formulas neutralised: a text
 * cell starting with =, +, -, @, tab or CR gets a leading apostrophe, so a
 * district or program name can never run as a formula. Numbers are written
 * as numbers (a negative gain stays -3.5). Suppressed and missing figures
 * are empty cells; the `suppressed` column says which rows hold withheld figures.
 */
export function toCsv(columns: readonly string[], rows: readonly Cell[][]): string {
  return stringify(rows as Cell[][], {
    header: true,
    columns: [...columns],
    bom: true,
    escape_formulas: true,
    record_delimiter: 'windows',
  });
}

function parameter(req: express.Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ExportRequestError(400, 'BAD_USER_INPUT', `${name} must be given once`, name);
  return value;
}

function oneOf<T extends string>(req: express.Request, name: string, allowed: readonly T[], fallback?: T): T {
  const value = parameter(req, name) ?? fallback;
  if (value === undefined || !allowed.includes(value as T)) {
    throw new ExportRequestError(
      400,
      'BAD_USER_INPUT',
      `${name} must be one of ${allowed.join(', ')}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}`,
      name,
    );
  }
  return value as T;
}

function code(req: express.Request, name: string): string | undefined {
  const value = parameter(req, name);
  if (value !== undefined && !CODE.test(value))
    throw new ExportRequestError(400, 'BAD_USER_INPUT', `${name} must be a Kemendagri code such as 64 or 64.71`, name);
  return value;
}

function year(req: express.Request, name: string, fallback: number): number {
  const value = parameter(req, name);
  if (value === undefined) return fallback;
  const last = new Date().getFullYear() + 1;
  if (!/^[0-9]{4}$/.test(value) || Number(value) < FIRST_YEAR || Number(value) > last)
    throw new ExportRequestError(400, 'BAD_USER_INPUT', `${name} must be a year from ${FIRST_YEAR} to ${last}`, name);
  return Number(value);
}

const STATUS_OF_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
};

/** A partial table would be a wrong table: any error fails the whole export, with the hub's own code and status. */
function dataOrThrow<T>(result: FormattedExecutionResult): T {
  const errors: readonly GraphQLFormattedError[] = result.errors ?? [];
  if (errors.length > 0 || !result.data) {
    const first = errors[0];
    const errorCode = typeof first?.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL_SERVER_ERROR';
    // `filter.districtCode` in the query is the export's `districtCode` parameter.
    const field = typeof first?.extensions?.field === 'string' ? first.extensions.field.replace(/^filter\./, '') : undefined;
    const message = field ? (first?.message ?? '').replace(/^filter\./, '') : (first?.message ?? 'No data');
    throw new ExportRequestError(STATUS_OF_CODE[errorCode] ?? 502, errorCode, message, field);
  }
  return result.data as T;
}

const breakdownCells = (b: Breakdown): Cell[] => [
  b.teacherCount,
  b.meetingStandard,
  rate(b.shareMeetingStandard),
  ...LEVELS.map((level) => b.byLevel.find((l) => l.level === level)?.count ?? null),
  flag(b.suppressed),
];
const outcomeCells = (o: Outcomes): Cell[] => [
  o.assessed,
  score(o.meanPreTest),
  score(o.meanPostTest),
  score(o.meanGain),
  rate(o.passRate),
];
const OUTCOME_COLUMNS = ['assessed', 'mean_pre_test', 'mean_post_test', 'mean_gain', 'pass_rate'];
// Added later: after the existing columns, so a spreadsheet that reads columns by position still works.
const followUpCells = (o: Outcomes): Cell[] => [o.followedUp, score(o.meanFollowUpScore)];
const FOLLOW_UP_COLUMNS = ['followed_up', 'mean_follow_up_score'];

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
    (produce: (req: express.Request, res: express.Response) => Promise<{ filename: string; csv: string }>): express.RequestHandler =>
    async (req, res) => {
      try {
        // Statistics need a token; say so before planning anything.
        if (!req.headers.authorization)
          throw new ExportRequestError(401, 'UNAUTHENTICATED', 'A token is required: send Authorization: Bearer <token>');
        const { filename, csv } = await produce(req, res);
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

  router.get(
    '/qualification-statistics.csv',
    handle(async (req, res) => {
      const groupBy = oneOf(req, 'groupBy', GROUPINGS);
      const filter = { provinceCode: code(req, 'provinceCode'), districtCode: code(req, 'districtCode') };
      const hasFilter = filter.provinceCode !== undefined || filter.districtCode !== undefined;
      const data = dataOrThrow<{
        qualificationStatistics: { rows: Array<{ group: string; label: string; qualifications: Breakdown }>; total: Breakdown };
      }>(await run(req, res, QUALIFICATIONS, { groupBy, filter: hasFilter ? filter : null }));
      const { rows, total } = data.qualificationStatistics;
      const columns = [
        'group',
        'label',
        'teacher_count',
        'meeting_standard',
        'share_meeting_standard',
        ...LEVELS.map((l) => `level_${l.toLowerCase()}`),
        'suppressed',
      ];
      const records = [
        ...rows.map((row) => [row.group, row.label, ...breakdownCells(row.qualifications)]),
        ['TOTAL', 'Total', ...breakdownCells(total)],
      ];
      return { filename: `qualification-statistics-${groupBy.toLowerCase().replace(/_/g, '-')}.csv`, csv: toCsv(columns, records) };
    }),
  );

  router.get(
    '/training-outcomes.csv',
    handle(async (req, res) => {
      const groupBy = oneOf(req, 'groupBy', ['DISTRICT', 'PROGRAM'] as const);
      if (groupBy === 'PROGRAM') {
        const data = dataOrThrow<{
          trainingPrograms: Array<{
            code: string;
            title: string;
            tier: string;
            outcomes: Outcomes;
            attendance: { registrations: number | null; attendanceRate: number | null; suppressed: boolean };
          }>;
        }>(await run(req, res, OUTCOMES_BY_PROGRAM, {}));
        const columns = [
          'program_code',
          'program_title',
          'tier',
          ...OUTCOME_COLUMNS,
          'registrations',
          'attendance_rate',
          'suppressed',
          ...FOLLOW_UP_COLUMNS,
        ];
        const records = data.trainingPrograms.map((p) => [
          p.code,
          p.title,
          p.tier,
          ...outcomeCells(p.outcomes),
          p.attendance.registrations,
          rate(p.attendance.attendanceRate),
          flag(p.outcomes.suppressed || p.attendance.suppressed),
          ...followUpCells(p.outcomes),
        ]);
        return { filename: 'training-outcomes-program.csv', csv: toCsv(columns, records) };
      }
      const provinceCode = code(req, 'provinceCode');
      const data = dataOrThrow<{
        districts: Array<{ code: string; name: string; trainingOutcomes: Array<{ tier: string | null; outcomes: Outcomes }> }>;
      }>(await run(req, res, OUTCOMES_BY_DISTRICT, { provinceCode: provinceCode ?? null }));
      // Every district of the hub is listed, taught or not: none in a province means no such province.
      if (provinceCode !== undefined && data.districts.length === 0) {
        throw new ExportRequestError(400, 'BAD_USER_INPUT', `provinceCode: ${provinceCode} is not a province of this hub`, 'provinceCode');
      }
      const columns = ['district_code', 'district_name', 'tier', ...OUTCOME_COLUMNS, 'suppressed', ...FOLLOW_UP_COLUMNS];
      const records = data.districts.flatMap((d) =>
        d.trainingOutcomes.map((row) => [
          d.code,
          d.name,
          row.tier ?? 'ALL',
          ...outcomeCells(row.outcomes),
          flag(row.outcomes.suppressed),
          ...followUpCells(row.outcomes),
        ]),
      );
      return { filename: 'training-outcomes-district.csv', csv: toCsv(columns, records) };
    }),
  );

  router.get(
    '/training-needs.csv',
    handle(async (req, res) => {
      // One grouping today (the API counts needs per district); the parameter keeps the exports' shape.
      oneOf(req, 'groupBy', ['DISTRICT'] as const, 'DISTRICT');
      const provinceCode = code(req, 'provinceCode');
      const districtCode = code(req, 'districtCode');
      let districts: NeedsDistrict[];
      if (districtCode !== undefined) {
        const { district } = dataOrThrow<{ district: NeedsDistrict | null }>(
          await run(req, res, NEEDS_OF_DISTRICT, { code: districtCode }),
        );
        if (!district || (provinceCode !== undefined && district.provinceCode !== provinceCode)) {
          const where = provinceCode === undefined ? 'this hub' : `province ${provinceCode}`;
          throw new ExportRequestError(
            400,
            'BAD_USER_INPUT',
            `districtCode: ${districtCode} is not a district of ${where}`,
            'districtCode',
          );
        }
        districts = [district];
      } else {
        districts = dataOrThrow<{ districts: NeedsDistrict[] }>(
          await run(req, res, NEEDS_BY_DISTRICT, { provinceCode: provinceCode ?? null }),
        ).districts;
        if (provinceCode !== undefined && districts.length === 0) {
          throw new ExportRequestError(
            400,
            'BAD_USER_INPUT',
            `provinceCode: ${provinceCode} is not a province of this hub`,
            'provinceCode',
          );
        }
      }
      const columns = ['district_code', 'district_name', 'area', 'schools', 'teachers', 'suppressed'];
      // The API lists every area once, in the enum's order, with zeros where nothing is open.
      const records = districts.flatMap((d) =>
        (d.trainingNeeds ?? []).map((n) => [d.code, d.name, n.area, n.schools, n.teachers, flag(n.suppressed)]),
      );
      const filename = districtCode === undefined ? 'training-needs-district.csv' : `training-needs-${districtCode}.csv`;
      return { filename, csv: toCsv(columns, records) };
    }),
  );

  router.get(
    '/training-coverage.csv',
    handle(async (req, res) => {
      // Per district and year: District.training(year), one operation per year.
      oneOf(req, 'groupBy', ['DISTRICT'] as const, 'DISTRICT');
      const provinceCode = code(req, 'provinceCode');
      const districtCode = code(req, 'districtCode');
      const to = year(req, 'to', new Date().getFullYear());
      const from = year(req, 'from', to - 4);
      if (from > to) throw new ExportRequestError(400, 'BAD_USER_INPUT', `from must not be after to (${from} > ${to})`, 'from');
      if (to - from + 1 > MAX_YEARS)
        throw new ExportRequestError(400, 'BAD_USER_INPUT', `from and to span at most ${MAX_YEARS} years`, 'from');
      const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
      const byYear: CoverageDistrict[][] = [];
      for (const y of years) {
        if (districtCode !== undefined) {
          const { district } = dataOrThrow<{ district: CoverageDistrict | null }>(
            await run(req, res, COVERAGE_OF_DISTRICT, { code: districtCode, year: y }),
          );
          if (!district || (provinceCode !== undefined && district.provinceCode !== provinceCode)) {
            const where = provinceCode === undefined ? 'this hub' : `province ${provinceCode}`;
            throw new ExportRequestError(
              400,
              'BAD_USER_INPUT',
              `districtCode: ${districtCode} is not a district of ${where}`,
              'districtCode',
            );
          }
          byYear.push([district]);
        } else {
          const { districts } = dataOrThrow<{ districts: CoverageDistrict[] }>(
            await run(req, res, COVERAGE_BY_DISTRICT, { provinceCode: provinceCode ?? null, year: y }),
          );
          if (provinceCode !== undefined && districts.length === 0) {
            throw new ExportRequestError(
              400,
              'BAD_USER_INPUT',
              `provinceCode: ${provinceCode} is not a province of this hub`,
              'provinceCode',
            );
          }
          byYear.push(districts);
        }
      }
      const columns = [
        'district_code',
        'district_name',
        'year',
        'teachers_trained',
        ...TIERS.map((t) => `highest_tier_${t.toLowerCase()}`),
        'suppressed',
      ];
      // District by district (in the API's order), each one's years oldest first.
      const records = byYear[0].flatMap((d) =>
        years.map((y, i) => {
          const training = byYear[i].find((other) => other.code === d.code)?.training ?? null;
          return [
            d.code,
            d.name,
            y,
            training?.teachersTrained ?? null,
            ...TIERS.map((t) => training?.byHighestTier.find((b) => b.tier === t)?.count ?? null),
            flag(training?.suppressed ?? false),
          ];
        }),
      );
      const span = `${from}-${to}`;
      const filename =
        districtCode === undefined ? `training-coverage-district-${span}.csv` : `training-coverage-${districtCode}-${span}.csv`;
      return { filename, csv: toCsv(columns, records) };
    }),
  );

  return router;
}
