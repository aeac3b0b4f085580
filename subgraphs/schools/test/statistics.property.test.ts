import fc from 'fast-check';
import { EmploymentStatus, QUALIFICATION_ORDER, SchoolKind, type QualificationLevel } from '../src/graphql/enums';
import { STANDARD_LEVELS } from '../src/entities/qualification-standard';
import type { TeacherGroupRow } from '../src/statistics/aggregates';
import { KINDS, QualificationTableSet, STATUSES, type Area, type Group } from '../src/statistics/table-set';

const MIN = 10;

const row = fc
  .record({
    district: fc.integer({ min: 0, max: 5 }),
    kind: fc.constantFrom(...Object.values(SchoolKind)),
    employmentStatus: fc.constantFrom(...Object.values(EmploymentStatus)),
    highest: fc.option(fc.constantFrom(...QUALIFICATION_ORDER), { nil: null }),
    meets: fc.boolean(),
    count: fc.integer({ min: 1, max: 40 }),
  })
  // Meeting the standard takes a D4 or higher.
  .map((r) => ({ ...r, meets: r.meets && r.highest !== null && STANDARD_LEVELS.includes(r.highest) }));

const DISTRICTS = ['64.71', '64.72', '64.02', '36.04', '36.01', '11.01'].map((code) => ({
  code,
  name: code,
  provinceCode: code.slice(0, 2),
}));

type Raw = {
  district: number;
  kind: SchoolKind;
  employmentStatus: EmploymentStatus;
  highest: QualificationLevel | null;
  meets: boolean;
  count: number;
};
const toRows = (raw: Raw[]): TeacherGroupRow[] =>
  raw.map((r) => ({ ...r, districtCode: DISTRICTS[r.district].code, provinceCode: DISTRICTS[r.district].provinceCode }));

const AREAS: Area[] = ['nation', ...new Set(DISTRICTS.map((d) => d.provinceCode))].map((p) =>
  p === 'nation' ? 'nation' : { province: p },
);
AREAS.push(...DISTRICTS.map((d) => ({ district: d.code })));
const GROUPS: Group[] = ['all', ...KINDS.map((kind) => ({ kind })), ...STATUSES.map((status) => ({ status }))];

function inside(r: TeacherGroupRow, area: Area, group: Group): boolean {
  const inArea = area === 'nation' || ('district' in area ? r.districtCode === area.district : r.provinceCode === area.province);
  const inGroup = group === 'all' || ('kind' in group ? r.kind === group.kind : r.employmentStatus === group.status);
  return inArea && inGroup;
}

describe('the protected qualification table set (property)', () => {
  it('shows no count between 1 and the minimum cell size, and every shown count is the true one', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (raw) => {
        const rows = toRows(raw);
        const set = QualificationTableSet.protect(rows, DISTRICTS, MIN);
        for (const area of AREAS)
          for (const group of GROUPS) {
            const b = set.breakdown(area, group);
            const mine = rows.filter((r) => inside(r, area, group));
            const truth = {
              T: mine.reduce((s, r) => s + r.count, 0),
              M: mine.filter((r) => r.meets).reduce((s, r) => s + r.count, 0),
              levels: QUALIFICATION_ORDER.map((l) => mine.filter((r) => r.highest === l).reduce((s, r) => s + r.count, 0)),
            };
            const pairs: Array<[number | null, number]> = [
              [b.teacherCount, truth.T],
              [b.meetingStandard, truth.M],
              ...b.byLevel.map((l, i): [number | null, number] => [l.count, truth.levels[i]]),
            ];
            for (const [shown, value] of pairs) {
              if (value > 0 && value < MIN) expect(shown).toBeNull();
              if (shown !== null) expect(shown).toBe(value);
            }
            expect(b.suppressed).toBe(pairs.some(([shown]) => shown === null));
          }
      }),
      { numRuns: 40 },
    );
  });

  it('shows everything when every group is large enough', () => {
    const raw = DISTRICTS.map((_, district) => ({
      district,
      kind: SchoolKind.TK,
      employmentStatus: EmploymentStatus.GTT,
      highest: QUALIFICATION_ORDER[6],
      meets: true,
      count: 25,
    }));
    const set = QualificationTableSet.protect(toRows(raw), DISTRICTS, MIN);
    expect(set.breakdown('nation', 'all').teacherCount).toBe(150);
    expect(AREAS.every((area) => GROUPS.every((group) => !set.breakdown(area, group).suppressed))).toBe(true);
  });
});
