import { flag, rate, toCsv, type Cell } from './csv';
import { code, dataOrThrow, oneOf, type Export } from './request';

const LEVELS = ['BELOW_HIGH_SCHOOL', 'HIGH_SCHOOL', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3'] as const;
const GROUPINGS = ['DISTRICT', 'SCHOOL_KIND', 'EMPLOYMENT_STATUS'] as const;

const BREAKDOWN = 'teacherCount meetingStandard shareMeetingStandard suppressed byLevel { level count }';
const QUALIFICATIONS = `query ExportQualificationStatistics($groupBy: StatisticsGrouping!, $filter: StatisticsFilter) {
  qualificationStatistics(groupBy: $groupBy, filter: $filter) {
    minimumCellSize
    rows { group label qualifications { ${BREAKDOWN} } }
    total { ${BREAKDOWN} }
  }
}`;
interface Breakdown {
  teacherCount: number | null;
  meetingStandard: number | null;
  shareMeetingStandard: number | null;
  suppressed: boolean;
  byLevel: Array<{ level: string; count: number | null }>;
}

const breakdownCells = (b: Breakdown): Cell[] => [
  b.teacherCount,
  b.meetingStandard,
  rate(b.shareMeetingStandard),
  ...LEVELS.map((level) => b.byLevel.find((l) => l.level === level)?.count ?? null),
  flag(b.suppressed),
];
/** GET /exports/qualification-statistics.csv?groupBy=DISTRICT|SCHOOL_KIND|EMPLOYMENT_STATUS[&provinceCode=64][&districtCode=64.71] */
export const qualificationStatistics: Export = async (req, res, run) => {
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
};
