import { stableUuid } from '../ids';
import { intBetween, pick } from '../demo/random';
import {
  DEMO_IDS,
  buildDemoWorld,
  type DemoAssessment,
  type DemoEvent,
  type DemoLecturer,
  type DemoPartnership,
  type DemoProgram,
  type DemoQualification,
  type DemoRegistration,
  type DemoSchool,
  type DemoSession,
  type DemoTeacher,
  type DemoVenue,
  type RegistrationStatusValue,
  type SessionKindValue,
} from '../demo/world';
import {
  EVENT_STATUS,
  PROGRAM,
  PROGRAM_CAPACITY,
  PROGRAM_COUNT,
  PROGRAM_DAYS,
  SYNTHETIC_YEARS,
  buildLayout,
  dayToDate,
  eventGroup,
  type SyntheticDistrict,
  type SyntheticLayout,
} from './layout';
import { checkSyntheticOptions, syntheticDatasetLabel, type SyntheticOptions } from './options';
import { EMPLOYMENT, INSTITUTIONS, QUALIFICATION_PROFILES, SCHOOL_KINDS, personName, schoolAddress, schoolName } from './people';
import { STREAM, addDays, randomFor, round1, weighted } from './streams';

export interface SyntheticActivity {
  registrations: DemoRegistration[];
  assessments: DemoAssessment[];
}

const LAST_YEAR = SYNTHETIC_YEARS.length - 1;
const PRE_TEST_BASE = [45, 50, 55, 60];
/** Chance that a teacher who passed a tier goes on to the next one (basic → intermediate, intermediate → advanced). */
const NEXT_TIER = [0, 0.55, 0.45, 0];
const ROLE_TITLES = ['M.Pd.', 'M.Psi., Psikolog', 'M.M.'];
const ROLE_EXPERTISE = [
  ['Praktik PAUD', 'Pembelajaran berbasis bermain', 'Microteaching'],
  ['Psikologi perkembangan anak', 'Kesulitan belajar anak'],
  ['Manajemen PAUD', 'Kepemimpinan lembaga PAUD'],
];
const STUDY_PROGRAMS = [
  'Prodi PAUD Universitas Mulia',
  'Prodi PG-PAUD Universitas Terbuka',
  'Prodi PG-PAUD Universitas Negeri Jakarta',
  'Prodi PG-PAUD Universitas Pendidikan Indonesia',
  'Prodi PG-PAUD Universitas Negeri Makassar',
];
// Western provinces keep WIB (UTC+7); Nusa Tenggara Barat, Kalimantan Timur and Sulawesi Selatan WITA (UTC+8).
const WITA = new Set(['52', '64', '73']);
const NUPTK_STEP = 7_919_113; // coprime with 10^14: a bijection of the teacher index onto 14 digits

/**
 * A synthetic world of any size, generated piece by piece: each partner
 * walks the parts it owns (schools and teachers; programs, lecturers,
 * assessments and partnerships; venues, events, sessions and registrations)
 * and gets the same keys for the same things as the others, because every
 * key and every random choice follows from (seed, what, index).
 */
export class SyntheticWorld {
  readonly options: SyntheticOptions;
  readonly label: string;
  readonly layout: SyntheticLayout;
  readonly programs: DemoProgram[];
  readonly lecturers: DemoLecturer[];
  private readonly tag: string;
  private readonly lecturersByRole: string[][] = [[], [], []];
  private readonly roleOfDemoLecturer: Map<string, number>;
  private readonly eventIds: Array<string | undefined>;

  constructor(options: SyntheticOptions) {
    this.options = checkSyntheticOptions(options);
    this.label = syntheticDatasetLabel(this.options);
    this.tag = `syn${this.options.seed}`;
    this.layout = buildLayout(this.options);
    this.eventIds = new Array<string | undefined>(this.layout.eventCount);
    // The demo world's tiered programs and their modules are the catalogue.
    this.programs = buildDemoWorld().programs;
    const demo = buildDemoWorld().lecturers;
    const L = DEMO_IDS.lecturers;
    this.roleOfDemoLecturer = new Map([
      [L.practice, 0],
      [L.psychology, 1],
      [L.management, 2],
    ]);
    this.lecturers = [...demo];
    for (const l of demo) this.lecturersByRole[this.roleOfDemoLecturer.get(l.id) ?? 0].push(l.id);
    const extra = 3 * Math.max(3, Math.ceil(this.options.districts / 8));
    for (let n = 0; n < extra; n++) {
      const rand = randomFor(this.options.seed, STREAM.lecturer, n);
      const role = n % 3;
      const lecturer: DemoLecturer = {
        id: stableUuid('lecturer', `${this.tag}-${n}`),
        fullName: personName(rand),
        academicTitle: rand() < 0.2 ? `Dr., ${ROLE_TITLES[role]}` : ROLE_TITLES[role],
        expertise: ROLE_EXPERTISE[role],
      };
      this.lecturers.push(lecturer);
      this.lecturersByRole[role].push(lecturer.id);
    }
  }

  get districts(): SyntheticDistrict[] {
    return this.layout.districts;
  }

  get teacherCount(): number {
    return this.options.teachers;
  }

  // ------------------------------------------------------------- schools

  school(s: number): DemoSchool {
    const district = this.layout.districts[this.layout.schoolDistrict[s]];
    const rand = randomFor(this.options.seed, STREAM.school, s);
    const kind = weighted(rand, SCHOOL_KINDS);
    return {
      npsn: String(69_000_000 + s),
      name: schoolName(rand, kind, s - district.firstSchool + 1),
      kind,
      districtCode: district.code,
      address: schoolAddress(rand, district.name),
    };
  }

  /** The school a teacher works at (binary search over the schools' first teachers). */
  schoolOf(teacher: number): number {
    const first = this.layout.schoolFirstTeacher;
    let lo = 0;
    let hi = this.layout.schoolCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (first[mid] <= teacher) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  teacherId(i: number): string {
    return stableUuid('teacher', `${this.tag}-${i}`);
  }

  teacherName(i: number): string {
    return personName(randomFor(this.options.seed, STREAM.name, i));
  }

  teacher(i: number, school: number): DemoTeacher {
    const rand = randomFor(this.options.seed, STREAM.teacher, i);
    const district = this.layout.districts[this.layout.schoolDistrict[school]];
    const birthYear = intBetween(rand, 1966, 2002);
    const birthDate = `${birthYear}-${String(intBetween(rand, 1, 12)).padStart(2, '0')}-${String(intBetween(rand, 1, 28)).padStart(2, '0')}`;
    const employmentStatus = weighted(rand, EMPLOYMENT);
    const suffix = (i * NUPTK_STEP + this.options.seed * 104_729 + 12_345) % 1e14;
    const nuptk = rand() < 0.8 ? `${district.provinceCode}${String(suffix).padStart(14, '0')}` : null;
    const profile = weighted(rand, QUALIFICATION_PROFILES);
    const qualifications = profile.map(([level, field], q): DemoQualification => {
      const school = level === 'HIGH_SCHOOL' || level === 'BELOW_HIGH_SCHOOL';
      return {
        id: stableUuid('qualification', `${this.tag}-${i}-${q}`),
        level,
        field,
        institution: school ? null : pick(rand, INSTITUTIONS),
        graduationYear: Math.min(2025, birthYear + 18 + (school ? 0 : 4 + q * 2)),
        verified: rand() < 0.7,
      };
    });
    return {
      id: this.teacherId(i),
      npsn: String(69_000_000 + school),
      fullName: this.teacherName(i),
      nuptk,
      employmentStatus,
      birthDate,
      qualifications,
    };
  }

  // ------------------------------------------------------------- skb: venues and events

  venue(v: number): DemoVenue {
    const district = this.layout.districts[this.layout.venueDistrict[v]];
    const ordinal = v - district.firstVenue;
    return {
      id: stableUuid('venue', `${this.tag}-${district.code}-${ordinal}`),
      name: `${ordinal === 0 ? 'Aula' : 'Ruang Kelas'} SKB Sintetis ${district.code}`,
      address: `Jl. Pendidikan No. ${1 + ordinal}, ${district.name}`,
      districtCode: district.code,
      capacity: ordinal === 0 ? 60 : 40,
    };
  }

  private eventKey(e: number): string {
    const L = this.layout;
    const district = L.districts[L.eventDistrict[e]];
    return `${this.tag}-${district.code}-${L.eventYear[e]}-${this.programs[L.eventProgram[e]].code}-${L.eventOrdinal[e]}`;
  }

  eventId(e: number): string {
    let id = this.eventIds[e];
    if (!id) {
      id = stableUuid('event', this.eventKey(e));
      this.eventIds[e] = id;
    }
    return id;
  }

  eventEnd(e: number): string {
    return dayToDate(this.layout.eventStartDay[e] + PROGRAM_DAYS[this.layout.eventProgram[e]] - 1);
  }

  event(e: number): DemoEvent {
    const L = this.layout;
    const district = L.districts[L.eventDistrict[e]];
    const p = L.eventProgram[e];
    const program = this.programs[p];
    const [, count] = eventGroup(L, district.index, SYNTHETIC_YEARS.indexOf(L.eventYear[e]), p);
    const startsOn = dayToDate(L.eventStartDay[e]);
    const key = this.eventKey(e);
    const rand = randomFor(this.options.seed, STREAM.team, e);
    const team = this.lecturersByRole.map((pool) => pick(rand, pool));
    return {
      id: this.eventId(e),
      title: `${program.title} ${district.name} ${L.eventYear[e]}${count > 1 ? ` Angkatan ${L.eventOrdinal[e] + 1}` : ''}`,
      programId: program.id,
      venueId: this.venue(L.eventVenue[e]).id,
      startsOn,
      endsOn: this.eventEnd(e),
      capacity: PROGRAM_CAPACITY[p],
      status: EVENT_STATUS[L.eventStatus[e]],
      sessions: this.sessions(key, p, startsOn, district.provinceCode, team),
    };
  }

  private sessions(key: string, p: number, startsOn: string, provinceCode: string, team: string[]): DemoSession[] {
    const offset = WITA.has(provinceCode) ? '+08:00' : '+07:00';
    const program = this.programs[p];
    const [practice, psychology, management] = team;
    const out: DemoSession[] = [];
    const add = (day: number, kind: SessionKindValue, topic: string, from: string, to: string, facilitatorIds: string[]): void => {
      const date = addDays(startsOn, day - 1);
      out.push({
        id: stableUuid('session', `${key}-${out.length + 1}`),
        day,
        kind,
        topic,
        startsAt: `${date}T${from}:00${offset}`,
        endsAt: `${date}T${to}:00${offset}`,
        facilitatorIds: [...new Set(facilitatorIds)],
      });
    };
    const teach = (lecturerId: string | null): string[] => [team[this.roleOfDemoLecturer.get(lecturerId ?? '') ?? 0]];
    if (p === PROGRAM.technical) {
      // As the Balikpapan training of November 2022: material on day one, microteaching on day two.
      add(1, 'OPENING', 'Pembukaan dan pre-test', '08:00', '09:00', [management]);
      const slots: Array<[string, string]> = [['09:00', '11:00'], ['11:00', '13:00'], ['14:00', '16:00']];
      program.modules.slice(0, 3).forEach((m, i) => add(1, 'MATERIAL', m.title, slots[i][0], slots[i][1], teach(m.lecturerId)));
      add(2, 'MICROTEACHING', 'Microteaching terbimbing', '08:00', '14:00', [practice]);
      add(2, 'EVALUATION', 'Post-test dan penutupan', '14:00', '15:30', [practice]);
      return out;
    }
    const days = PROGRAM_DAYS[p];
    add(1, 'OPENING', `Pembukaan ${program.title}`, '08:00', '08:45', [management]);
    program.modules.forEach((m, i) => add(1 + Math.min(days - 3, i), 'MATERIAL', m.title, '09:00', '15:00', teach(m.lecturerId)));
    add(days - 1, 'MICROTEACHING', 'Praktik mengajar terbimbing', '08:00', '15:00', [practice]);
    add(days, 'EVALUATION', 'Post-test dan refleksi', '08:00', '11:00', [psychology]);
    add(days, 'MENTORING', 'Rencana pendampingan pasca-diklat', '13:00', '15:00', [practice, management]);
    return out;
  }

  /** Participants who are not registered teachers (community members), on some completed events. */
  guests(e: number): DemoRegistration[] {
    if (EVENT_STATUS[this.layout.eventStatus[e]] !== 'COMPLETED') return [];
    const rand = randomFor(this.options.seed, STREAM.guests, e);
    if (rand() >= 0.15) return [];
    const district = this.layout.districts[this.layout.eventDistrict[e]];
    const n = 1 + Math.floor(rand() * 4);
    const key = this.eventKey(e);
    return Array.from({ length: n }, (_, g) => ({
      id: stableUuid('registration', `${key}-guest-${g}`),
      eventId: this.eventId(e),
      teacherId: null,
      participantName: `${personName(rand)} (PKK ${district.name})`,
      status: 'ATTENDED' as const,
    }));
  }

  // ------------------------------------------------------------- skb and university: what each teacher did

  /**
   * A teacher's registrations (skb) and test results (university). Both
   * partners call this for the same teacher and get the same answer: only
   * attended, completed events have an assessment, and a teacher goes on to
   * the next tier only after passing the previous one.
   */
  activity(i: number, district: number): SyntheticActivity {
    const rand = randomFor(this.options.seed, STREAM.activity, i);
    const teacherId = this.teacherId(i);
    let name: string | undefined;
    const registrations: DemoRegistration[] = [];
    const assessments: DemoAssessment[] = [];
    const take = (p: number, year: number): boolean => {
      const [first, count] = eventGroup(this.layout, district, year, p);
      const e = first + Math.floor(rand() * count);
      const eventStatus = EVENT_STATUS[this.layout.eventStatus[e]];
      const x = rand();
      let status: RegistrationStatusValue;
      if (eventStatus === 'CANCELLED') status = 'CANCELLED';
      else if (eventStatus !== 'COMPLETED') status = x < 0.92 ? 'REGISTERED' : 'CANCELLED';
      else status = x < 0.84 ? 'ATTENDED' : x < 0.95 ? 'NO_SHOW' : 'CANCELLED';
      name ??= this.teacherName(i);
      const eventId = this.eventId(e);
      const program = this.programs[p];
      registrations.push({ id: stableUuid('registration', `${this.tag}-${i}-${program.code}`), eventId, teacherId, participantName: name, status });
      if (status !== 'ATTENDED') return false;
      const pre = round1(PRE_TEST_BASE[p] + rand() * 25);
      // Most teachers improve; some do not.
      const post = Math.min(100, round1(pre - 4 + rand() * 28));
      const passed = post >= (p === PROGRAM.advanced ? 75 : 70);
      assessments.push({
        id: stableUuid('assessment', `${this.tag}-${i}-${program.code}`),
        teacherId,
        programId: program.id,
        eventId,
        preTestScore: pre,
        postTestScore: post,
        microteachingScore: round1(60 + rand() * 40),
        passed,
        assessedOn: this.eventEnd(e),
      });
      return passed;
    };

    if (rand() < 0.25) take(PROGRAM.technical, Math.floor(rand() * SYNTHETIC_YEARS.length));
    if (rand() < 0.65) {
      let year = Math.floor(rand() * SYNTHETIC_YEARS.length);
      for (let p: number = PROGRAM.basic; p < PROGRAM_COUNT; p++) {
        if (!take(p, year) || p === PROGRAM.advanced || year >= LAST_YEAR) break;
        if (rand() >= NEXT_TIER[p]) break;
        year += 1 + Math.floor(rand() * (LAST_YEAR - year));
      }
    }
    return { registrations, assessments };
  }

  // ------------------------------------------------------------- university: partnerships

  /** A school's cooperation agreement with a study program, for about one school in eight. */
  partnership(s: number): DemoPartnership | null {
    const rand = randomFor(this.options.seed, STREAM.partnership, s);
    if (rand() >= 0.12) return null;
    const npsn = String(69_000_000 + s);
    const signedOn = `${2018 + Math.floor(rand() * 8)}-${String(intBetween(rand, 1, 12)).padStart(2, '0')}-${String(intBetween(rand, 1, 28)).padStart(2, '0')}`;
    const years = rand() < 0.2 ? null : rand() < 0.5 ? 3 : 5;
    return {
      id: stableUuid('partnership', `${this.tag}-${npsn}`),
      npsn,
      studyProgram: pick(rand, STUDY_PROGRAMS),
      signedOn,
      validUntil: years === null ? null : addDays(`${Number(signedOn.slice(0, 4)) + years}${signedOn.slice(4)}`, -1),
    };
  }
}
