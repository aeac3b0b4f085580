import {
  coverageVariables,
  coverageYears,
  levelRows,
  needMeasures,
  needRows,
  outcomeMeasures,
  overviewRows,
  tierOutcomeRows,
  yearMeasures,
  yearRows,
} from '../src/chart-rows';

const district = {
  code: '64.71',
  name: 'Kota Balikpapan',
  teacherCount: 108,
  qualifications: {
    teacherCount: 108,
    meetingStandard: 40,
    shareMeetingStandard: 0.37,
    suppressed: true,
    byLevel: [
      { level: 'S1' as const, count: 50 },
      { level: 'S3' as const, count: null },
      { level: 'D1' as const, count: 0 },
    ],
  },
  training: { teachersTrained: 60, byHighestTier: [], meanGain: 12.5, suppressed: false },
  trainingOutcomes: [
    {
      tier: 'ADVANCED' as const,
      outcomes: {
        assessed: null,
        meanPreTest: null,
        meanPostTest: null,
        meanGain: null,
        passRate: null,
        followedUp: 0,
        meanFollowUpScore: null,
        suppressed: true,
      },
    },
    {
      tier: null,
      outcomes: {
        assessed: 40,
        meanPreTest: 55,
        meanPostTest: 70,
        meanGain: 15,
        passRate: 0.8,
        followedUp: 22,
        meanFollowUpScore: 78.25,
        suppressed: false,
      },
    },
  ],
};

describe('chart rows', () => {
  it('lists every qualification level in order; a null count of a suppressed breakdown is suppressed, not zero', () => {
    const rows = levelRows(district, 'id');
    expect(rows.map((r) => r.key)).toEqual(['BELOW_HIGH_SCHOOL', 'HIGH_SCHOOL', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3']);
    expect(rows.find((r) => r.key === 'S3')?.figures.count).toEqual({ kind: 'suppressed' });
    expect(rows.find((r) => r.key === 'D1')?.figures.count).toEqual({ kind: 'value', value: 0 });
    expect(rows.find((r) => r.key === 'S2')?.figures.count).toEqual({ kind: 'none' });
    expect(rows[1].label).toBe('SMA/sederajat');
  });

  it('puts all tiers first, then the tiers in order', () => {
    const rows = tierOutcomeRows(district, 'en');
    expect(rows.map((r) => r.label)).toEqual(['All tiers', 'Advanced']);
    expect(rows[1].figures.pass).toEqual({ kind: 'suppressed' });
    expect(rows[0].figures.gain).toEqual({ kind: 'value', value: 15 });
    expect(rows[0].figures.followedUp).toEqual({ kind: 'value', value: 22 });
    expect(rows[0].figures.followUpScore).toEqual({ kind: 'value', value: 78.25 });
    // A real zero stays zero; with nobody followed up there is no score, not a suppressed one.
    expect(rows[1].figures.followedUp).toEqual({ kind: 'value', value: 0 });
    expect(rows[1].figures.followUpScore).toEqual({ kind: 'none' });
  });

  it('tabulates the follow-ups after the tests, with their mean observation score', () => {
    const { series, table } = outcomeMeasures('id');
    expect(series.map((s) => s.key)).toEqual(['pre', 'post', 'gain', 'pass']);
    expect(table.map((m) => m.key)).toEqual(['assessed', 'pre', 'post', 'gain', 'pass', 'followedUp', 'followUpScore']);
    expect(table.slice(-2).map((m) => m.label)).toEqual(['Dipantau ≥30 hari', 'Skor observasi rata-rata']);
    expect(outcomeMeasures('en', true).table.map((m) => m.label)).toContain('Followed up ≥30 days');
    expect(table[6].format('id', 78.25)).toBe('78,3');
  });

  it('highlights the selected district and orders districts by province, then name', () => {
    const q = (share: number | null, suppressed: boolean) => ({
      teacherCount: null,
      meetingStandard: null,
      shareMeetingStandard: share,
      suppressed,
    });
    const rows = overviewRows(
      [
        { code: '64.72', name: 'Kota Samarinda', provinceCode: '64', teacherCount: null, qualifications: q(null, true) },
        { code: '36.04', name: 'Kabupaten Serang', provinceCode: '36', teacherCount: null, qualifications: q(null, true) },
        { code: '64.71', name: 'Kota Balikpapan', provinceCode: '64', teacherCount: 108, qualifications: q(0.37, false) },
      ],
      '64.71',
    );
    expect(rows.map((r) => [r.key, Boolean(r.highlight)])).toEqual([
      ['36.04', false],
      ['64.71', true],
      ['64.72', false],
    ]);
    expect(rows[2].figures.share).toEqual({ kind: 'suppressed' });
  });
});

describe('training need rows', () => {
  const needs = [
    { area: 'LEARNING_ASSESSMENT' as const, schools: 4, teachers: 12, suppressed: false },
    { area: 'INCLUSIVE_EDUCATION' as const, schools: 1, teachers: null, suppressed: true },
    { area: 'PARENT_PARTNERSHIP' as const, schools: 2, teachers: 0, suppressed: false },
  ];

  it('lists every competence area in the enum order, with its Indonesian or English name', () => {
    const rows = needRows(needs, 'id');
    expect(rows.map((r) => r.key)).toEqual([
      'CHILD_DEVELOPMENT',
      'LEARNING_PLANNING',
      'PLAY_BASED_LEARNING',
      'LEARNING_ASSESSMENT',
      'CLASSROOM_MANAGEMENT',
      'PARENT_PARTNERSHIP',
      'INCLUSIVE_EDUCATION',
      'PROFESSIONAL_DEVELOPMENT',
    ]);
    expect(rows.map((r) => r.label)).toEqual([
      'Perkembangan anak',
      'Perencanaan pembelajaran',
      'Pembelajaran melalui bermain',
      'Asesmen pembelajaran',
      'Pengelolaan kelas',
      'Kemitraan dengan orang tua',
      'Pendidikan inklusif',
      'Pengembangan keprofesian',
    ]);
    expect(needRows(needs, 'en')[6].label).toBe('Inclusive education');
  });

  it('keeps a suppressed teacher count suppressed (not zero), a real zero a zero, and schools as they are', () => {
    const byArea = Object.fromEntries(needRows(needs, 'en').map((r) => [r.key, r.figures]));
    expect(byArea.LEARNING_ASSESSMENT).toEqual({ schools: { kind: 'value', value: 4 }, teachers: { kind: 'value', value: 12 } });
    expect(byArea.INCLUSIVE_EDUCATION).toEqual({ schools: { kind: 'value', value: 1 }, teachers: { kind: 'suppressed' } });
    expect(byArea.PARENT_PARTNERSHIP.teachers).toEqual({ kind: 'value', value: 0 });
    // An area the answer lacks, or no list at all (schools unavailable): no figures, not zeros.
    expect(byArea.CHILD_DEVELOPMENT).toEqual({ schools: { kind: 'none' }, teachers: { kind: 'none' } });
    expect(needRows(null, 'en').every((r) => r.figures.teachers.kind === 'none')).toBe(true);
  });

  it('charts teachers and tabulates schools, then teachers', () => {
    const m = needMeasures('id');
    expect(m.series.map((s) => s.key)).toEqual(['teachers']);
    expect(m.table.map((s) => [s.key, s.label])).toEqual([
      ['schools', 'Sekolah'],
      ['teachers', 'Guru dengan kebutuhan terbuka'],
    ]);
  });
});

describe('training coverage by year', () => {
  const years = coverageYears(new Date('2026-12-05T00:00:00Z'));
  const coverage = (teachersTrained: number | null, suppressed: boolean) => ({ teachersTrained, suppressed });

  it('takes the current year and the four before it, oldest first, as the query variables', () => {
    expect(years).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(coverageVariables('64.71', years)).toEqual({ code: '64.71', year1: 2022, year2: 2023, year3: 2024, year4: 2025, year5: 2026 });
  });

  it('keeps a suppressed year suppressed (not zero), a real zero a zero, and a missing year without figures', () => {
    const rows = yearRows(
      {
        code: '64.71',
        name: 'Kota Balikpapan',
        year1: coverage(24, false),
        year2: coverage(null, true),
        year3: coverage(0, false),
        year4: null,
        year5: coverage(null, false),
      },
      years,
    );
    expect(rows.map((r) => r.label)).toEqual(['2022', '2023', '2024', '2025', '2026']);
    expect(rows.map((r) => r.figures.trained)).toEqual([
      { kind: 'value', value: 24 },
      { kind: 'suppressed' },
      { kind: 'value', value: 0 },
      { kind: 'none' },
      { kind: 'none' },
    ]);
    expect(yearMeasures('en')[0].label).toBe('Teachers trained');
  });
});
