import fc from 'fast-check';
import type { SuppressionTable } from '@mitra/kit';
import { EmploymentStatus, QUALIFICATION_ORDER, SchoolKind, type QualificationLevel } from '../src/graphql/enums';
import type { TeacherGroupRow } from '../src/statistics/aggregates';
import { DISPLAYED_COLUMNS, NATIONAL, districtPrefix, geographyTable, provincePrefix } from '../src/statistics/tables';

const MIN = 10;

const row = fc.record({
  district: fc.integer({ min: 0, max: 5 }),
  kind: fc.constantFrom(...Object.values(SchoolKind)),
  employmentStatus: fc.constantFrom(...Object.values(EmploymentStatus)),
  highest: fc.option(fc.constantFrom(...QUALIFICATION_ORDER), { nil: null }),
  meets: fc.boolean(),
  count: fc.integer({ min: 1, max: 40 }),
});

const DISTRICTS = ['64.71', '64.72', '64.02', '36.04', '36.01', '11.01'].map((code) => ({
  code,
  name: code,
  provinceCode: code.slice(0, 2),
}));

function toRows(
  raw: Array<{
    district: number;
    kind: SchoolKind;
    employmentStatus: EmploymentStatus;
    highest: QualificationLevel | null;
    meets: boolean;
    count: number;
  }>,
): TeacherGroupRow[] {
  return raw.map((r) => ({ ...r, districtCode: DISTRICTS[r.district].code, provinceCode: DISTRICTS[r.district].provinceCode }));
}

/** Every displayed count of the geography table, by cell id. */
function displayedCells(table: SuppressionTable): string[] {
  const prefixes = [
    NATIONAL,
    ...new Set(DISTRICTS.map((d) => provincePrefix(d.provinceCode))),
    ...DISTRICTS.map((d) => districtPrefix(d.code)),
  ];
  return prefixes.flatMap((p) => DISPLAYED_COLUMNS.map((c) => `${p}${c}`)).filter((id) => table.has(id));
}

describe('suppression of qualification statistics (property)', () => {
  it('shows no count between 1 and the minimum cell size', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (raw) => {
        const table = geographyTable(toRows(raw), DISTRICTS, MIN);
        for (const id of displayedCells(table)) {
          const value = table.get(id);
          if (value !== null) expect(value === 0 || value >= MIN).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('leaves no hidden count recoverable by subtracting visible cells from a visible total', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (raw) => {
        const table = geographyTable(toRows(raw), DISTRICTS, MIN);
        const cells = table.snapshot();
        for (const { total, parts } of table.constraintList()) {
          const unknown = [total, ...parts].filter((id) => cells.get(id)!.hidden);
          // One unknown in an additive relation would be solvable; zero or two or more are not.
          expect(unknown.length === 1).toBe(false);
        }
        // And every small count (1..MIN-1), displayed or derivable, is among the hidden.
        for (const [, cell] of cells) if (cell.value > 0 && cell.value < MIN) expect(cell.hidden).toBe(true);
      }),
      { numRuns: 300 },
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
    const table = geographyTable(toRows(raw), DISTRICTS, MIN);
    expect(table.get(`${NATIONAL}T`)).toBe(150);
    expect(displayedCells(table).every((id) => table.get(id) !== null)).toBe(true);
  });
});
