import { flag, toCsv } from './csv';
import { code, districtsOf, oneOf, type Export } from './request';

const NEEDS = 'code name provinceCode trainingNeeds { area schools teachers suppressed }';
const NEEDS_BY_DISTRICT = `query ExportTrainingNeedsByDistrict($provinceCode: ID) { districts(provinceCode: $provinceCode) { ${NEEDS} } }`;
const NEEDS_OF_DISTRICT = `query ExportTrainingNeedsOfDistrict($code: ID!) { district(code: $code) { ${NEEDS} } }`;

interface NeedsDistrict {
  code: string;
  name: string;
  provinceCode: string;
  trainingNeeds: Array<{ area: string; schools: number | null; teachers: number | null; suppressed: boolean }> | null;
}

/** GET /exports/training-needs.csv[?groupBy=DISTRICT][&provinceCode=64][&districtCode=64.71] */
export const trainingNeeds: Export = async (req, res, run) => {
  // One grouping today (the API counts needs per district); the parameter keeps the exports' shape.
  oneOf(req, 'groupBy', ['DISTRICT'] as const, 'DISTRICT');
  const where = { provinceCode: code(req, 'provinceCode'), districtCode: code(req, 'districtCode') };
  const districts = await districtsOf<NeedsDistrict>(
    run,
    req,
    res,
    { ofDistrict: NEEDS_OF_DISTRICT, byDistrict: NEEDS_BY_DISTRICT },
    where,
  );
  const columns = ['district_code', 'district_name', 'area', 'schools', 'teachers', 'suppressed'];
  // The API lists every area once, in the enum's order, with zeros where nothing is open.
  const records = districts.flatMap((d) =>
    (d.trainingNeeds ?? []).map((n) => [d.code, d.name, n.area, n.schools, n.teachers, flag(n.suppressed)]),
  );
  const filename = where.districtCode === undefined ? 'training-needs-district.csv' : `training-needs-${where.districtCode}.csv`;
  return { filename, csv: toCsv(columns, records) };
};
