import type express from 'express';
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';

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

/** What an export produces from one request: the file's name and its text. */
export type Export = (req: express.Request, res: express.Response, run: OperationRunner) => Promise<{ filename: string; csv: string }>;

/** An area code (Kemendagri): a province, a district, ... */
const CODE = /^[0-9]{2}(\.[0-9]{2}){0,3}$/;
export const FIRST_YEAR = 2000;

/** A refusal of an export, answered as JSON in the GraphQL error format with its HTTP status. */
export class ExportRequestError extends Error {
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

/** A query parameter given at most once. */
export function parameter(req: express.Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ExportRequestError(400, 'BAD_USER_INPUT', `${name} must be given once`, name);
  return value;
}

export function oneOf<T extends string>(req: express.Request, name: string, allowed: readonly T[], fallback?: T): T {
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

export function code(req: express.Request, name: string): string | undefined {
  const value = parameter(req, name);
  if (value !== undefined && !CODE.test(value))
    throw new ExportRequestError(400, 'BAD_USER_INPUT', `${name} must be a Kemendagri code such as 64 or 64.71`, name);
  return value;
}

export function year(req: express.Request, name: string, fallback: number): number {
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
export function dataOrThrow<T>(result: FormattedExecutionResult): T {
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

/**
 * The districts an export covers: one (districtCode, which must lie in
 * provinceCode when both are given), a province's, or all; an area the hub
 * does not know is BAD_USER_INPUT naming its parameter, not an empty file.
 */
export async function districtsOf<D extends { provinceCode: string }>(
  run: OperationRunner,
  req: express.Request,
  res: express.Response,
  operations: { ofDistrict: string; byDistrict: string },
  where: { provinceCode: string | undefined; districtCode: string | undefined },
  variables: Record<string, unknown> = {},
): Promise<D[]> {
  const { provinceCode, districtCode } = where;
  if (districtCode !== undefined) {
    const { district } = dataOrThrow<{ district: D | null }>(
      await run(req, res, operations.ofDistrict, { ...variables, code: districtCode }),
    );
    if (!district || (provinceCode !== undefined && district.provinceCode !== provinceCode)) {
      const area = provinceCode === undefined ? 'this hub' : `province ${provinceCode}`;
      throw new ExportRequestError(400, 'BAD_USER_INPUT', `districtCode: ${districtCode} is not a district of ${area}`, 'districtCode');
    }
    return [district];
  }
  const { districts } = dataOrThrow<{ districts: D[] }>(
    await run(req, res, operations.byDistrict, { ...variables, provinceCode: provinceCode ?? null }),
  );
  // Every district of the hub is listed: none in a province means no such province.
  if (provinceCode !== undefined && districts.length === 0) {
    throw new ExportRequestError(400, 'BAD_USER_INPUT', `provinceCode: ${provinceCode} is not a province of this hub`, 'provinceCode');
  }
  return districts;
}
