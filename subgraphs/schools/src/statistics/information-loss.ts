import { buildDemoWorld, parseSyntheticArgs, SyntheticWorld, type DemoTeacher } from '@mitra/fixtures';
import { highestLevel, meetsStandard } from '../entities/qualification-standard';
import type { EmploymentStatus, FieldOfStudy, QualificationLevel, SchoolKind } from '../graphql/enums';
import type { TeacherGroupRow } from './aggregates';
import { QualificationTableSet, type DistrictInfo } from './table-set';

/**
 * Information loss of the protected qualification table set: the share of
 * published cells withheld (primary and secondary) and whether every
 * headline total (all teachers of the nation, a province, a district) is
 * shown. Computed in memory from the demo world or a synthetic world, the
 * same rows the seeds write:
 *
 *   npm run disclosure-loss -w @mitra/schools                     # demo
 *   npm run disclosure-loss -w @mitra/schools -- --teachers 100000
 */
export interface InformationLoss {
  teachers: number;
  cells: number;
  primary: number;
  secondary: number;
  withheldShare: number;
  /** Every area's headline total (all its teachers) and key figure (those meeting the standard): shown or withheld. */
  headlines: Array<{ area: string; teachers: number; shown: boolean; meetingShown: boolean }>;
  milliseconds: number;
}

export function informationLoss(rows: TeacherGroupRow[], districts: DistrictInfo[], minimumCellSize = 10): InformationLoss {
  const started = Date.now();
  const set = QualificationTableSet.protect(rows, districts, minimumCellSize);
  const milliseconds = Date.now() - started;
  const { stats } = set.protected;
  const provinces = [...new Set(districts.map((d) => d.provinceCode))].sort();
  const headline = (area: string, b: ReturnType<QualificationTableSet['breakdown']>, teachers: number) => ({
    area,
    teachers,
    shown: b.teacherCount !== null,
    meetingShown: b.meetingStandard !== null,
  });
  const count = (keep: (r: TeacherGroupRow) => boolean) => rows.filter(keep).reduce((s, r) => s + r.count, 0);
  return {
    teachers: count(() => true),
    cells: stats.cells,
    primary: stats.primary,
    secondary: stats.secondary,
    withheldShare: Math.round(((stats.primary + stats.secondary) / stats.cells) * 1000) / 1000,
    headlines: [
      headline(
        'nation',
        set.breakdown('nation', 'all'),
        count(() => true),
      ),
      ...provinces.map((p) =>
        headline(
          `province ${p}`,
          set.breakdown({ province: p }, 'all'),
          count((r) => r.provinceCode === p),
        ),
      ),
      ...districts.map((d) =>
        headline(
          `district ${d.code}`,
          set.breakdown({ district: d.code }, 'all'),
          count((r) => r.districtCode === d.code),
        ),
      ),
    ],
    milliseconds,
  };
}

function row(t: DemoTeacher, kind: string, district: DistrictInfo): TeacherGroupRow {
  const levels = t.qualifications.map((q) => q.level as QualificationLevel);
  return {
    districtCode: district.code,
    provinceCode: district.provinceCode,
    kind: kind as SchoolKind,
    employmentStatus: t.employmentStatus as EmploymentStatus,
    highest: highestLevel(levels),
    meets: t.qualifications.some((q) => meetsStandard({ level: q.level as QualificationLevel, field: q.field as FieldOfStudy })),
    count: 1,
  };
}

/** The rows of the demo world, or of a synthetic one when arguments name it. */
export function worldRows(argv: string[]): { rows: TeacherGroupRow[]; districts: DistrictInfo[]; label: string } {
  if (!argv.length) {
    const world = buildDemoWorld();
    const districts = world.districts.map((d) => ({ code: d.code, name: d.name, provinceCode: d.provinceCode }));
    const byCode = new Map(districts.map((d) => [d.code, d]));
    const schools = new Map(world.schools.map((s) => [s.npsn, s]));
    const rows = world.teachers.map((t) => {
      const s = schools.get(t.npsn)!;
      return row(t, s.kind, byCode.get(s.districtCode)!);
    });
    return { rows, districts, label: 'demo' };
  }
  const world = new SyntheticWorld(parseSyntheticArgs(argv).options);
  const districts = world.districts.map((d) => ({ code: d.code, name: d.name, provinceCode: d.provinceCode }));
  const byCode = new Map(districts.map((d) => [d.code, d]));
  const rows: TeacherGroupRow[] = [];
  for (let i = 0; i < world.teacherCount; i++) {
    const s = world.schoolOf(i);
    const school = world.school(s);
    rows.push(row(world.teacher(i, s), school.kind, byCode.get(school.districtCode)!));
  }
  return { rows, districts, label: world.label };
}

if (require.main === module) {
  const { rows, districts, label } = worldRows(process.argv.slice(2));
  const loss = informationLoss(rows, districts);
  const hidden = loss.headlines.filter((h) => !h.shown);
  const meeting = loss.headlines.filter((h) => !h.meetingShown);
  process.stdout.write(
    [
      `${label}: ${loss.teachers} teachers, ${districts.length} districts; protected in ${loss.milliseconds} ms`,
      `${loss.cells} published cells: ${loss.primary} small (primary), ${loss.secondary} complements; ${(loss.withheldShare * 100).toFixed(1)}% withheld`,
      `headline totals shown: ${loss.headlines.length - hidden.length} of ${loss.headlines.length}`,
      ...hidden.map((h) => `  withheld: ${h.area} (${h.teachers} teachers)`),
      `teachers meeting the standard shown: ${loss.headlines.length - meeting.length} of ${loss.headlines.length}`,
      ...meeting.slice(0, 10).map((h) => `  withheld: ${h.area} (${h.teachers} teachers)`),
      ...(meeting.length > 10 ? [`  and ${meeting.length - 10} more`] : []),
      '',
    ].join('\n'),
  );
}
