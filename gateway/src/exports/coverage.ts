import { flag, toCsv } from './csv';
import { code, districtsOf, ExportRequestError, oneOf, year, type Export } from './request';

const TIERS = ['BASIC', 'INTERMEDIATE', 'ADVANCED'] as const;
const COVERAGE = 'code name provinceCode training(year: $year) { teachersTrained byHighestTier { tier count } suppressed }';
const COVERAGE_BY_DISTRICT = `query ExportTrainingCoverageByDistrict($provinceCode: ID, $year: Int) {
  districts(provinceCode: $provinceCode) { ${COVERAGE} }
}`;
const COVERAGE_OF_DISTRICT = `query ExportTrainingCoverageOfDistrict($code: ID!, $year: Int) { district(code: $code) { ${COVERAGE} } }`;
/** The API takes years from 2000 to next year; an export spans at most this many of them. */
const MAX_YEARS = 30;

interface CoverageDistrict {
  code: string;
  name: string;
  provinceCode: string;
  training: { teachersTrained: number | null; byHighestTier: Array<{ tier: string; count: number | null }>; suppressed: boolean } | null;
}

/** GET /exports/training-coverage.csv[?groupBy=DISTRICT][&provinceCode=64][&districtCode=64.71][&from=2022][&to=2026] */
export const trainingCoverage: Export = async (req, res, run) => {
  // Per district and year: District.training(year), one operation per year.
  oneOf(req, 'groupBy', ['DISTRICT'] as const, 'DISTRICT');
  const where = { provinceCode: code(req, 'provinceCode'), districtCode: code(req, 'districtCode') };
  const to = year(req, 'to', new Date().getFullYear());
  const from = year(req, 'from', to - 4);
  if (from > to) throw new ExportRequestError(400, 'BAD_USER_INPUT', `from must not be after to (${from} > ${to})`, 'from');
  if (to - from + 1 > MAX_YEARS) throw new ExportRequestError(400, 'BAD_USER_INPUT', `from and to span at most ${MAX_YEARS} years`, 'from');
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const operations = { ofDistrict: COVERAGE_OF_DISTRICT, byDistrict: COVERAGE_BY_DISTRICT };
  const byYear: CoverageDistrict[][] = [];
  for (const y of years) byYear.push(await districtsOf<CoverageDistrict>(run, req, res, operations, where, { year: y }));
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
    where.districtCode === undefined ? `training-coverage-district-${span}.csv` : `training-coverage-${where.districtCode}-${span}.csv`;
  return { filename, csv: toCsv(columns, records) };
};
