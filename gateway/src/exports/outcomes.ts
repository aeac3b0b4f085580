import { flag, rate, score, toCsv, type Cell } from './csv';
import { code, dataOrThrow, ExportRequestError, oneOf, type Export } from './request';

const OUTCOMES = 'assessed meanPreTest meanPostTest meanGain passRate followedUp meanFollowUpScore suppressed';
const OUTCOMES_BY_DISTRICT = `query ExportTrainingOutcomesByDistrict($provinceCode: ID) {
  districts(provinceCode: $provinceCode) { code name trainingOutcomes { tier outcomes { ${OUTCOMES} } } }
}`;
const OUTCOMES_BY_PROGRAM = `query ExportTrainingOutcomesByProgram {
  trainingPrograms { code title tier outcomes { ${OUTCOMES} } attendance { registrations attendanceRate suppressed } }
}`;

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

/** GET /exports/training-outcomes.csv?groupBy=DISTRICT|PROGRAM[&provinceCode=64] */
export const trainingOutcomes: Export = async (req, res, run) => {
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
};
