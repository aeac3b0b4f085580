import { parse } from 'csv-parse/sync';
import { gql } from '../client';
import { hubUrls } from '../env';
import { LEVELS } from '../statistics-oracle';
import { cellKey, type Microcube } from './microcube';

/**
 * What a caller can read, gathered as a determined analyst would: every
 * grouping at every scope (national, each province, each district), every
 * district's own figures, the CSV exports, the training needs. Each
 * observation is a cell key and the value shown (null when withheld); the
 * same cell may be observed many times.
 */
export interface Observations {
  /** cell key -> every value seen for it */
  cells: Map<string, Array<number | null>>;
  /** need cell key (D<code>|need:<area>) -> values seen */
  needs: Map<string, Array<number | null>>;
  /** Where each observation came from, for failure messages. */
  sources: Map<string, string[]>;
  /**
   * The other partners' figures about a district's teachers, linking their
   * tables to this one: district code -> the most teachers the SKB or the
   * university shows as trained (each such teacher is one of its teachers).
   */
  trainedAtLeast: Map<string, number>;
}

const BREAKDOWN = 'teacherCount meetingStandard byLevel { level count }';
const GROUPINGS = [
  ['DISTRICT', 'A'],
  ['SCHOOL_KIND', 'K'],
  ['EMPLOYMENT_STATUS', 'E'],
] as const;

interface Breakdown {
  teacherCount: number | null;
  meetingStandard: number | null;
  byLevel: Array<{ level: string; count: number | null }>;
}

function note(obs: Observations, map: Map<string, Array<number | null>>, key: string, value: number | null, source: string): void {
  map.set(key, [...(map.get(key) ?? []), value]);
  obs.sources.set(key, [...(obs.sources.get(key) ?? []), source]);
}

function noteBreakdown(obs: Observations, geo: string, family: 'A' | 'K' | 'E', group: string, b: Breakdown, source: string): void {
  note(obs, obs.cells, cellKey(geo, family, group, 'T'), b.teacherCount, source);
  note(obs, obs.cells, cellKey(geo, family, group, 'M'), b.meetingStandard, source);
  for (const { level, count } of b.byLevel) note(obs, obs.cells, cellKey(geo, family, group, level), count, source);
}

const number = (text: string): number | null => (text === '' ? null : Number(text));

export async function collect(cube: Microcube, token: string | undefined): Promise<Observations> {
  const obs: Observations = { cells: new Map(), needs: new Map(), sources: new Map(), trainedAtLeast: new Map() };
  const provinces = [...new Set(cube.districts.map((d) => d.provinceCode))];
  const scopes: Array<{ geo: string; filter: Record<string, string> | null; query: string }> = [
    { geo: 'N', filter: null, query: '' },
    ...provinces.map((p) => ({ geo: `P${p}`, filter: { provinceCode: p }, query: `&provinceCode=${p}` })),
    ...cube.districts.map((d) => ({ geo: `D${d.code}`, filter: { districtCode: d.code }, query: `&districtCode=${d.code}` })),
  ];
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const exportsBase = hubUrls().gateway.replace(/\/graphql$/, '/exports');
  for (const scope of scopes) {
    for (const [groupBy, family] of GROUPINGS) {
      const source = `qualificationStatistics(${groupBy}${scope.filter ? `, ${JSON.stringify(scope.filter)}` : ''})`;
      const { body } = await gql(
        `query($g: StatisticsGrouping!, $f: StatisticsFilter) { qualificationStatistics(groupBy: $g, filter: $f) { rows { group qualifications { ${BREAKDOWN} } } total { ${BREAKDOWN} } } }`,
        { g: groupBy, f: scope.filter },
        { token },
      );
      const stats = body?.data?.qualificationStatistics;
      if (stats) {
        noteBreakdown(obs, scope.geo, 'A', '', stats.total, source);
        for (const row of stats.rows) {
          if (family === 'A') noteBreakdown(obs, `D${row.group}`, 'A', '', row.qualifications, source);
          else noteBreakdown(obs, scope.geo, family, row.group, row.qualifications, source);
        }
      }
      const csvSource = `qualification-statistics.csv?groupBy=${groupBy}${scope.query}`;
      const response = await fetch(`${exportsBase}/${csvSource}`, { headers });
      if (response.status !== 200) continue;
      const records = parse(await response.text(), { bom: true, columns: true }) as Array<Record<string, string>>;
      for (const r of records) {
        const b: Breakdown = {
          teacherCount: number(r.teacher_count),
          meetingStandard: number(r.meeting_standard),
          byLevel: LEVELS.map((level) => ({ level, count: number(r[`level_${level.toLowerCase()}`]) })),
        };
        if (r.group === 'TOTAL') noteBreakdown(obs, scope.geo, 'A', '', b, csvSource);
        else if (family === 'A') noteBreakdown(obs, `D${r.group}`, 'A', '', b, csvSource);
        else noteBreakdown(obs, scope.geo, family, r.group, b, csvSource);
      }
    }
  }
  const { body } = await gql(
    `{ districts { code teacherCount qualifications { ${BREAKDOWN} } trainingNeeds { area teachers } training { teachersTrained byHighestTier { count } } } }`,
    undefined,
    { token },
  );
  for (const d of body?.data?.districts ?? []) {
    if (d.teacherCount !== undefined) note(obs, obs.cells, cellKey(`D${d.code}`, 'A', '', 'T'), d.teacherCount, 'District.teacherCount');
    if (d.qualifications) noteBreakdown(obs, `D${d.code}`, 'A', '', d.qualifications, 'District.qualifications');
    for (const n of d.trainingNeeds ?? []) note(obs, obs.needs, `D${d.code}|need:${n.area}`, n.teachers, 'District.trainingNeeds');
    // Teachers trained (SKB) and teachers by highest completed tier (university, each teacher once) are the district's own.
    const tiers = (d.training?.byHighestTier ?? []).reduce((sum: number, t: { count: number | null }) => sum + (t.count ?? 0), 0);
    const trained = Math.max(d.training?.teachersTrained ?? 0, tiers);
    if (trained > 0) obs.trainedAtLeast.set(d.code, trained);
  }
  const needsCsv = await fetch(`${exportsBase}/training-needs.csv`, { headers });
  if (needsCsv.status === 200) {
    const records = parse(await needsCsv.text(), { bom: true, columns: true }) as Array<Record<string, string>>;
    for (const r of records) note(obs, obs.needs, `D${r.district_code}|need:${r.area}`, number(r.teachers), 'training-needs.csv');
  }
  return obs;
}
