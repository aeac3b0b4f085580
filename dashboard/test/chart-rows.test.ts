import { levelRows, needMeasures, needRows, overviewRows, tierOutcomeRows } from '../src/chart-rows';

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
      outcomes: { assessed: null, meanPreTest: null, meanPostTest: null, meanGain: null, passRate: null, suppressed: true },
    },
    { tier: null, outcomes: { assessed: 40, meanPreTest: 55, meanPostTest: 70, meanGain: 15, passRate: 0.8, suppressed: false } },
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
