import type { SyntheticOptions } from './options';
import { STREAM, randomFor } from './streams';

/**
 * The skeleton of a synthetic world: districts, how many teachers and
 * schools each has, and how many training events of each program each
 * district holds per year. Numbers only (typed arrays), so a million
 * teachers cost a few megabytes; names and rows are derived on demand.
 */

/** Ten provinces with their Kemendagri codes; districts are dealt out to them in turn. */
export const SYNTHETIC_PROVINCES: ReadonlyArray<readonly [code: string, name: string]> = [
  ['11', 'Aceh'],
  ['12', 'Sumatera Utara'],
  ['16', 'Sumatera Selatan'],
  ['32', 'Jawa Barat'],
  ['33', 'Jawa Tengah'],
  ['35', 'Jawa Timur'],
  ['36', 'Banten'],
  ['52', 'Nusa Tenggara Barat'],
  ['64', 'Kalimantan Timur'],
  ['73', 'Sulawesi Selatan'],
];

export interface SyntheticDistrict {
  index: number;
  code: string;
  name: string;
  provinceCode: string;
  teachers: number;
  firstTeacher: number;
  firstSchool: number;
  schools: number;
  firstVenue: number;
  venues: number;
}

/** Training years; events of the last one have not taken place yet. */
export const SYNTHETIC_YEARS: readonly number[] = [2021, 2022, 2023, 2024, 2025, 2026, 2027];
export const UPCOMING_YEAR = 2027;

/**
 * The demo world's four programs, in this order: the two-day technical
 * training, then the basic, intermediate and advanced tiers.
 */
export const PROGRAM_COUNT = 4;
export const PROGRAM = { technical: 0, basic: 1, intermediate: 2, advanced: 3 } as const;
export const PROGRAM_CAPACITY: readonly number[] = [60, 40, 30, 25];
export const PROGRAM_DAYS: readonly number[] = [2, 5, 5, 5];
/**
 * Share of a district's teachers who register for the program in a given
 * year (index into SYNTHETIC_YEARS): the same model as activity.ts, roughly.
 * It only decides how many events there are, so it need not be exact.
 */
const YEAR_SHARE: ReadonlyArray<readonly number[]> = [
  [0.036, 0.036, 0.036, 0.036, 0.036, 0.036, 0.036],
  [0.093, 0.093, 0.093, 0.093, 0.093, 0.093, 0.093],
  [0, 0.006, 0.015, 0.025, 0.035, 0.05, 0.08],
  [0, 0, 0.001, 0.004, 0.008, 0.013, 0.02],
];

export type EventStatusCode = 0 | 1 | 2 | 3;
/** Event status by code, in the order the layout stores it. */
export const EVENT_STATUS = ['COMPLETED', 'CANCELLED', 'OPEN', 'PLANNED'] as const;

export interface SyntheticLayout {
  districts: SyntheticDistrict[];
  schoolCount: number;
  /** Per school: its first teacher's index, its teacher count, its district. */
  schoolFirstTeacher: Int32Array;
  schoolTeachers: Int32Array;
  schoolDistrict: Int32Array;
  venueCount: number;
  venueDistrict: Int32Array;
  /** Events, grouped by district, then year, then program. */
  eventCount: number;
  /** Index of the first event of (district, year, program), and how many there are. */
  groupFirstEvent: Int32Array;
  groupEvents: Int32Array;
  eventDistrict: Int32Array;
  eventYear: Int16Array;
  eventProgram: Int8Array;
  eventOrdinal: Int32Array;
  eventStatus: Uint8Array;
  /** Start day as days since 1970-01-01 (UTC); the end is start + PROGRAM_DAYS - 1. */
  eventStartDay: Int32Array;
  eventVenue: Int32Array;
}

function districtCode(province: string, n: number): { code: string; city: boolean } {
  // Every fifth district of a province is a city (71, 72, ...), the others regencies (01, 02, ...).
  if (n % 5 === 4) return { code: `${province}.${71 + Math.floor(n / 5)}`, city: true };
  const regency = n - Math.floor((n + 1) / 5) + 1;
  return { code: `${province}.${String(regency).padStart(2, '0')}`, city: false };
}

/** Splits `total` over `weights` proportionally, exactly (largest remainder). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!weights.length) return [];
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : total / weights.length));
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k][1]] += 1;
  return counts;
}

function districtSizes(options: SyntheticOptions): number[] {
  const fixed = options.districtTeachers ?? [];
  const rand = randomFor(options.seed, STREAM.layout, 0);
  // A heavy tail: most districts are small, a few cities are large.
  const weights = Array.from({ length: options.districts - fixed.length }, () => 0.25 + rand() ** 3 * 4);
  const left = options.teachers - fixed.reduce((a, b) => a + b, 0);
  return [...fixed, ...apportion(left, weights)];
}

const DAY_MS = 86_400_000;

export function buildLayout(options: SyntheticOptions): SyntheticLayout {
  const sizes = districtSizes(options);
  const districts: SyntheticDistrict[] = [];
  const schoolFirst: number[] = [];
  const schoolSize: number[] = [];
  const schoolDistrict: number[] = [];
  const venueDistrict: number[] = [];
  let teacher = 0;
  for (let d = 0; d < options.districts; d++) {
    const [provinceCode] = SYNTHETIC_PROVINCES[d % SYNTHETIC_PROVINCES.length];
    const { code, city } = districtCode(provinceCode, Math.floor(d / SYNTHETIC_PROVINCES.length));
    const rand = randomFor(options.seed, STREAM.layout, d + 1);
    const firstSchool = schoolFirst.length;
    let left = sizes[d];
    // PAUD schools are small: 3 to 14 teachers each.
    while (left > 0) {
      let size = Math.min(left, 3 + Math.floor(rand() * 12));
      if (left - size > 0 && left - size < 3) size = left;
      schoolFirst.push(teacher + sizes[d] - left);
      schoolSize.push(size);
      schoolDistrict.push(d);
      left -= size;
    }
    const venues = sizes[d] >= 3000 ? 2 : 1;
    const firstVenue = venueDistrict.length;
    for (let v = 0; v < venues; v++) venueDistrict.push(d);
    districts.push({
      index: d,
      code,
      name: `${city ? 'Kota' : 'Kabupaten'} Sintetis ${code}`,
      provinceCode,
      teachers: sizes[d],
      firstTeacher: teacher,
      firstSchool,
      schools: schoolFirst.length - firstSchool,
      firstVenue,
      venues,
    });
    teacher += sizes[d];
  }

  const groups = options.districts * SYNTHETIC_YEARS.length * PROGRAM_COUNT;
  const groupFirstEvent = new Int32Array(groups);
  const groupEvents = new Int32Array(groups);
  let events = 0;
  for (let d = 0; d < options.districts; d++) {
    for (let y = 0; y < SYNTHETIC_YEARS.length; y++) {
      for (let p = 0; p < PROGRAM_COUNT; p++) {
        const g = (d * SYNTHETIC_YEARS.length + y) * PROGRAM_COUNT + p;
        const expected = sizes[d] * YEAR_SHARE[p][y];
        groupFirstEvent[g] = events;
        groupEvents[g] = Math.max(1, Math.ceil(expected / (PROGRAM_CAPACITY[p] * 0.8)));
        events += groupEvents[g];
      }
    }
  }
  const eventDistrict = new Int32Array(events);
  const eventYear = new Int16Array(events);
  const eventProgram = new Int8Array(events);
  const eventOrdinal = new Int32Array(events);
  const eventStatus = new Uint8Array(events);
  const eventStartDay = new Int32Array(events);
  const eventVenue = new Int32Array(events);
  for (let d = 0; d < options.districts; d++) {
    for (let y = 0; y < SYNTHETIC_YEARS.length; y++) {
      for (let p = 0; p < PROGRAM_COUNT; p++) {
        const g = (d * SYNTHETIC_YEARS.length + y) * PROGRAM_COUNT + p;
        for (let j = 0; j < groupEvents[g]; j++) {
          const e = groupFirstEvent[g] + j;
          const rand = randomFor(options.seed, STREAM.event, e);
          const year = SYNTHETIC_YEARS[y];
          const month = 1 + Math.floor(rand() * 12);
          const day = 1 + Math.floor(rand() * 24);
          eventDistrict[e] = d;
          eventYear[e] = year;
          eventProgram[e] = p;
          eventOrdinal[e] = j;
          eventStartDay[e] = Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
          eventStatus[e] = year === UPCOMING_YEAR ? (month <= 6 ? 2 : 3) : rand() < 0.03 ? 1 : 0;
          eventVenue[e] = districts[d].firstVenue + (j % districts[d].venues);
        }
      }
    }
  }

  return {
    districts,
    schoolCount: schoolFirst.length,
    schoolFirstTeacher: Int32Array.from(schoolFirst),
    schoolTeachers: Int32Array.from(schoolSize),
    schoolDistrict: Int32Array.from(schoolDistrict),
    venueCount: venueDistrict.length,
    venueDistrict: Int32Array.from(venueDistrict),
    eventCount: events,
    groupFirstEvent,
    groupEvents,
    eventDistrict,
    eventYear,
    eventProgram,
    eventOrdinal,
    eventStatus,
    eventStartDay,
    eventVenue,
  };
}

export function dayToDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The events of (district, year index, program): [first, count]. */
export function eventGroup(layout: SyntheticLayout, district: number, year: number, program: number): [number, number] {
  const g = (district * SYNTHETIC_YEARS.length + year) * PROGRAM_COUNT + program;
  return [layout.groupFirstEvent[g], layout.groupEvents[g]];
}
