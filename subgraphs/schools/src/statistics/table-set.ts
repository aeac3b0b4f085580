import { Cube, NATIONAL, ProtectedCube, protectInWorker, type CubeShape } from '@mitra/kit';
import { EmploymentStatus, QUALIFICATION_ORDER, SchoolKind, type QualificationLevel } from '../graphql/enums';
import { STANDARD_LEVELS } from '../entities/qualification-standard';
import type { TeacherGroupRow } from './aggregates';

/**
 * The one protected table set of the qualification statistics (issue 14):
 * teachers per district × school kind × employment status × highest level
 * × meets the standard, and every published figure a cell of it: an area
 * (district, province, the nation) × a group (everyone, a school kind, an
 * employment status) × a column (teachers, meeting the standard, each
 * level). Protected once per data version; every answer reads its cells.
 */
export const KINDS = Object.values(SchoolKind);
export const STATUSES = Object.values(EmploymentStatus);

const STANDARD = new Set<string>(STANDARD_LEVELS);
const TYPES: Array<{ level: QualificationLevel | null; meets: boolean }> = [
  { level: null, meets: false },
  ...QUALIFICATION_ORDER.map((level) => ({ level, meets: false })),
  ...QUALIFICATION_ORDER.filter((l) => STANDARD.has(l)).map((level) => ({ level, meets: true })),
];
const levelColumn = (level: QualificationLevel) => `L:${level}`;
/** Column 0 is T; NM (not meeting) and R (no qualification) are derivable, never shown, and protected like the others. */
const COLUMNS = [
  { id: 'M', published: true },
  ...QUALIFICATION_ORDER.map((l) => ({ id: levelColumn(l), published: true })),
  { id: 'NM', published: false },
  { id: 'R', published: false },
];
const COLUMN_INDEX = new Map(COLUMNS.map((c, i) => [c.id, i + 1]));

export interface DistrictInfo {
  code: string;
  name: string;
  provinceCode: string;
}

export interface Breakdown {
  teacherCount: number | null;
  meetingStandard: number | null;
  shareMeetingStandard: number | null;
  byLevel: Array<{ level: QualificationLevel; count: number | null }>;
  suppressed: boolean;
}

/** Where a breakdown sits: a district code, `P:<province>` or the nation; everyone or one kind or status. */
export type Area = { district: string } | { province: string } | 'nation';
export type Group = 'all' | { kind: SchoolKind } | { status: EmploymentStatus };

/** The microcube of the qualification set: the teachers of each district × kind × status × type. */
function qualificationCube(rows: readonly TeacherGroupRow[], districts: readonly DistrictInfo[]): Cube {
  const leaves = districts.map((d) => ({ code: d.code, parent: d.provinceCode }));
  const shape: CubeShape = {
    leaves,
    classifications: [KINDS, STATUSES],
    columns: COLUMNS,
    types: TYPES.map((t) => ({
      columns: [t.level ? levelColumn(t.level) : 'R', t.meets ? 'M' : 'NM'],
    })),
  };
  const cube = new Cube(shape);
  for (const r of rows) {
    const leaf = cube.geo(r.districtCode);
    if (leaf === undefined) continue;
    const type = TYPES.findIndex((t) => t.level === r.highest && t.meets === r.meets);
    if (type < 0) throw new Error(`teachers meeting the standard with highest level ${String(r.highest)}`);
    cube.counts[cube.micro(leaf, KINDS.indexOf(r.kind), STATUSES.indexOf(r.employmentStatus), type)] += r.count;
  }
  return cube;
}

export class QualificationTableSet {
  readonly protected: ProtectedCube;

  constructor(
    protectedCube: ProtectedCube,
    readonly districts: readonly DistrictInfo[],
  ) {
    this.protected = protectedCube;
  }

  /** Protects the set in the calling thread (tools and tests). */
  static protect(rows: readonly TeacherGroupRow[], districts: readonly DistrictInfo[], minimumCellSize: number): QualificationTableSet {
    return new QualificationTableSet(new ProtectedCube(qualificationCube(rows, districts), minimumCellSize), districts);
  }

  /** Protects the set on the kit's worker thread: the subgraph keeps answering other requests meanwhile. */
  static async protectOffThread(
    rows: readonly TeacherGroupRow[],
    districts: readonly DistrictInfo[],
    minimumCellSize: number,
  ): Promise<QualificationTableSet> {
    return new QualificationTableSet(await protectInWorker(qualificationCube(rows, districts), minimumCellSize), districts);
  }

  hasDistrict(code: string): boolean {
    return this.protected.cube.geo(code) !== undefined;
  }

  hasProvince(code: string): boolean {
    return this.protected.cube.geo(`P:${code}`) !== undefined;
  }

  breakdown(area: Area, group: Group): Breakdown {
    const { cube } = this.protected;
    const geo = cube.geo(area === 'nation' ? NATIONAL : 'district' in area ? area.district : `P:${area.province}`);
    if (geo === undefined) throw new Error(`unknown area ${JSON.stringify(area)}`);
    const g =
      group === 'all' ? 0 : 'kind' in group ? cube.group(0, KINDS.indexOf(group.kind)) : cube.group(1, STATUSES.indexOf(group.status));
    const read = (column: string) => this.protected.get(geo, g, column === 'T' ? 0 : COLUMN_INDEX.get(column)!);
    const teacherCount = read('T');
    const meetingStandard = read('M');
    const byLevel = QUALIFICATION_ORDER.map((level) => ({ level, count: read(levelColumn(level)) }));
    return {
      teacherCount,
      meetingStandard,
      shareMeetingStandard:
        teacherCount != null && meetingStandard != null && teacherCount > 0
          ? Math.round((meetingStandard / teacherCount) * 10_000) / 10_000
          : null,
      byLevel,
      suppressed: teacherCount === null || meetingStandard === null || byLevel.some((l) => l.count === null),
    };
  }
}
