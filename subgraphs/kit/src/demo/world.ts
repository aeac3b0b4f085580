import { stableUuid } from '../ids';
import { FIRST_NAMES, LAST_NAMES, intBetween, pick, seededRandom } from './random';

/**
 * The demo world of the field reports, as one deterministic fixture. Each
 * partner's seed writes only its own slice of it into its own database; the
 * keys (teacher ids, npsn, program and event ids) agree because they are
 * derived here, not read from another partner.
 */

export type SchoolKindValue = 'TK' | 'KB' | 'TPA' | 'SPS' | 'RA';
export type EmploymentStatusValue = 'PNS' | 'PPPK' | 'GTY' | 'GTT';
export type QualificationLevelValue = 'BELOW_HIGH_SCHOOL' | 'HIGH_SCHOOL' | 'D1' | 'D2' | 'D3' | 'D4' | 'S1' | 'S2' | 'S3';
export type FieldOfStudyValue = 'EARLY_CHILDHOOD_EDUCATION' | 'PSYCHOLOGY' | 'OTHER_EDUCATION' | 'OTHER';
export type TrainingTierValue = 'BASIC' | 'INTERMEDIATE' | 'ADVANCED';
export type TrainingEventStatusValue = 'PLANNED' | 'OPEN' | 'ONGOING' | 'COMPLETED' | 'CANCELLED';
export type SessionKindValue = 'OPENING' | 'MATERIAL' | 'MICROTEACHING' | 'MENTORING' | 'EVALUATION';
export type RegistrationStatusValue = 'REGISTERED' | 'ATTENDED' | 'NO_SHOW' | 'CANCELLED';

export interface DemoDistrict { code: string; name: string; provinceCode: string }
export interface DemoSchool { npsn: string; name: string; kind: SchoolKindValue; districtCode: string; address: string }
export interface DemoQualification {
  id: string; level: QualificationLevelValue; field: FieldOfStudyValue; institution: string | null;
  graduationYear: number | null; verified: boolean;
}
export interface DemoTeacher {
  id: string; npsn: string; fullName: string; nuptk: string | null; employmentStatus: EmploymentStatusValue;
  birthDate: string; qualifications: DemoQualification[];
}
export interface DemoLecturer { id: string; fullName: string; academicTitle: string; expertise: string[] }
export interface DemoModule { id: string; title: string; hours: number; lecturerId: string | null }
export interface DemoProgram {
  id: string; code: string; title: string; tier: TrainingTierValue; hours: number; prerequisiteId: string | null;
  modules: DemoModule[];
}
export interface DemoPartnership { id: string; npsn: string; studyProgram: string; signedOn: string; validUntil: string | null }
export interface DemoVenue { id: string; name: string; address: string; districtCode: string; capacity: number }
export interface DemoSession {
  id: string; day: number; kind: SessionKindValue; topic: string; startsAt: string; endsAt: string; facilitatorIds: string[];
}
export interface DemoEvent {
  id: string; title: string; programId: string; venueId: string; startsOn: string; endsOn: string; capacity: number;
  status: TrainingEventStatusValue; sessions: DemoSession[];
}
export interface DemoRegistration { id: string; eventId: string; teacherId: string | null; participantName: string; status: RegistrationStatusValue }
export interface DemoAssessment {
  id: string; teacherId: string; programId: string; eventId: string | null; preTestScore: number | null;
  postTestScore: number | null; microteachingScore: number | null; passed: boolean; assessedOn: string;
}

export interface DemoWorld {
  districts: DemoDistrict[];
  schools: DemoSchool[];
  teachers: DemoTeacher[];
  lecturers: DemoLecturer[];
  programs: DemoProgram[];
  partnerships: DemoPartnership[];
  venues: DemoVenue[];
  events: DemoEvent[];
  registrations: DemoRegistration[];
  assessments: DemoAssessment[];
}

/** Ids that tests, docs and the README use. */
export const DEMO_IDS = {
  balikpapan: '64.71',
  firstBalikpapanSchool: '64710001',
  university: 'university:mulia',
  skb: 'skb:balikpapan-selatan',
  lecturers: {
    practice: stableUuid('lecturer', 'paud-practice'),
    psychology: stableUuid('lecturer', 'child-psychology'),
    management: stableUuid('lecturer', 'paud-management'),
  },
  programs: {
    technical: stableUuid('program', 'PT-PAUD-2022'),
    basic: stableUuid('program', 'DB-PAUD-01'),
    intermediate: stableUuid('program', 'DB-PAUD-02'),
    advanced: stableUuid('program', 'DB-PAUD-03'),
  },
  venues: {
    hall: stableUuid('venue', 'aula-skb-balikpapan-selatan'),
    classroom: stableUuid('venue', 'ruang-kelas-skb'),
    samarinda: stableUuid('venue', 'aula-samarinda'),
  },
  events: {
    balikpapan2022: stableUuid('event', 'pt-paud-balikpapan-2022-11'),
    basic2023: stableUuid('event', 'db-dasar-2023'),
    intermediate2024: stableUuid('event', 'db-lanjut-2024'),
    advanced2025: stableUuid('event', 'db-mahir-2025'),
    basic2027: stableUuid('event', 'db-dasar-2027'),
  },
} as const;

const DISTRICTS: DemoDistrict[] = [
  { code: '64.71', name: 'Kota Balikpapan', provinceCode: '64' },
  { code: '64.72', name: 'Kota Samarinda', provinceCode: '64' },
  { code: '64.02', name: 'Kabupaten Kutai Kartanegara', provinceCode: '64' },
  { code: '64.09', name: 'Kabupaten Penajam Paser Utara', provinceCode: '64' },
  { code: '36.04', name: 'Kabupaten Serang', provinceCode: '36' },
];

const SCHOOLS: Array<DemoSchool & { teachers: number }> = [
  { npsn: '64710001', name: 'TK Pertiwi Balikpapan Selatan', kind: 'TK', districtCode: '64.71', address: 'Jl. Marsma R. Iswahyudi, Balikpapan Selatan', teachers: 24 },
  { npsn: '64710002', name: 'KB Tunas Harapan', kind: 'KB', districtCode: '64.71', address: 'Jl. Mulawarman, Balikpapan Timur', teachers: 18 },
  { npsn: '64710003', name: 'TPA Cahaya Bunda', kind: 'TPA', districtCode: '64.71', address: 'Jl. Soekarno-Hatta, Balikpapan Utara', teachers: 12 },
  { npsn: '64710004', name: 'SPS Pelangi Ceria', kind: 'SPS', districtCode: '64.71', address: 'Jl. Ruhui Rahayu, Balikpapan Selatan', teachers: 16 },
  { npsn: '64710005', name: 'RA Al-Ikhlas', kind: 'RA', districtCode: '64.71', address: 'Jl. Jenderal Sudirman, Balikpapan Kota', teachers: 20 },
  { npsn: '64710006', name: 'TK Mutiara Hati', kind: 'TK', districtCode: '64.71', address: 'Jl. MT Haryono, Balikpapan Tengah', teachers: 18 },
  { npsn: '64720001', name: 'TK Bunga Bangsa Samarinda', kind: 'TK', districtCode: '64.72', address: 'Jl. Juanda, Samarinda', teachers: 6 },
  { npsn: '64020001', name: 'KB Melati Muara Jawa', kind: 'KB', districtCode: '64.02', address: 'Kecamatan Muara Jawa, Kutai Kartanegara', teachers: 4 },
  { npsn: '64090001', name: 'RA Nurul Huda Penajam', kind: 'RA', districtCode: '64.09', address: 'Penajam, Penajam Paser Utara', teachers: 3 },
  { npsn: '36040001', name: 'TK Kartini Serang', kind: 'TK', districtCode: '36.04', address: 'Kabupaten Serang, Banten', teachers: 7 },
];

const QUALIFICATION_PROFILES: Array<Array<[QualificationLevelValue, FieldOfStudyValue]>> = [
  [['HIGH_SCHOOL', 'OTHER'], ['S1', 'EARLY_CHILDHOOD_EDUCATION']],
  [['S1', 'EARLY_CHILDHOOD_EDUCATION']],
  [['HIGH_SCHOOL', 'OTHER']],
  [['S1', 'OTHER_EDUCATION']],
  [['D2', 'EARLY_CHILDHOOD_EDUCATION']],
  [['S1', 'PSYCHOLOGY']],
  [['HIGH_SCHOOL', 'OTHER'], ['D3', 'OTHER']],
  [['S1', 'EARLY_CHILDHOOD_EDUCATION'], ['S2', 'EARLY_CHILDHOOD_EDUCATION']],
  [['HIGH_SCHOOL', 'OTHER']],
  [['S1', 'OTHER']],
  [['D4', 'EARLY_CHILDHOOD_EDUCATION']],
  [['BELOW_HIGH_SCHOOL', 'OTHER']],
];
const INSTITUTIONS = ['Universitas Mulia', 'Universitas Mulawarman', 'Universitas Terbuka', 'IAIN Samarinda', 'Universitas Sultan Ageng Tirtayasa'];
const STATUSES: EmploymentStatusValue[] = ['GTT', 'GTY', 'GTT', 'PNS', 'GTY', 'PPPK', 'GTT'];

function buildTeachers(): DemoTeacher[] {
  const rand = seededRandom(20221114);
  const teachers: DemoTeacher[] = [];
  let n = 0;
  for (const school of SCHOOLS) {
    for (let i = 0; i < school.teachers; i++) {
      n += 1;
      const id = stableUuid('teacher', `demo-${n}`);
      const profile = QUALIFICATION_PROFILES[(n * 7) % QUALIFICATION_PROFILES.length];
      const birthYear = intBetween(rand, 1966, 2000);
      const qualifications = profile.map(([level, field], q): DemoQualification => {
        const graduationYear = Math.min(2024, birthYear + 18 + (level === 'HIGH_SCHOOL' || level === 'BELOW_HIGH_SCHOOL' ? 0 : 4 + q * 2));
        return {
          id: stableUuid('qualification', `demo-${n}-${q}`),
          level,
          field,
          institution: level === 'HIGH_SCHOOL' || level === 'BELOW_HIGH_SCHOOL' ? null : pick(rand, INSTITUTIONS),
          graduationYear,
          verified: rand() < 0.7,
        };
      });
      teachers.push({
        id,
        npsn: school.npsn,
        fullName: `${pick(rand, FIRST_NAMES)} ${pick(rand, LAST_NAMES)}`,
        nuptk: rand() < 0.8 ? String(1000000000000000 + n * 7919 + 123457) : null,
        employmentStatus: STATUSES[n % STATUSES.length],
        birthDate: `${birthYear}-${String(intBetween(rand, 1, 12)).padStart(2, '0')}-${String(intBetween(rand, 1, 28)).padStart(2, '0')}`,
        qualifications,
      });
    }
  }
  return teachers;
}

const L = DEMO_IDS.lecturers;
const P = DEMO_IDS.programs;
const E = DEMO_IDS.events;

const LECTURERS: DemoLecturer[] = [
  { id: L.practice, fullName: 'Nur Aisyah Rahmadani', academicTitle: 'M.Pd.', expertise: ['Praktik PAUD', 'Pembelajaran berbasis bermain', 'Microteaching'] },
  { id: L.psychology, fullName: 'Rina Kusumawardani', academicTitle: 'M.Psi., Psikolog', expertise: ['Psikologi perkembangan anak', 'Kesulitan belajar anak'] },
  { id: L.management, fullName: 'Hendra Wicaksono', academicTitle: 'M.M.', expertise: ['Manajemen PAUD', 'Kepemimpinan lembaga PAUD'] },
];

function mod(program: string, i: number, title: string, hours: number, lecturerId: string | null): DemoModule {
  return { id: stableUuid('module', `${program}-${i}`), title, hours, lecturerId };
}

const PROGRAMS: DemoProgram[] = [
  {
    id: P.technical, code: 'PT-PAUD-2022', title: 'Pelatihan Teknis Guru PAUD', tier: 'BASIC', hours: 16, prerequisiteId: null,
    modules: [
      mod('PT', 1, 'Praktik pembelajaran PAUD', 4, L.practice),
      mod('PT', 2, 'Psikologi perkembangan anak usia dini', 4, L.psychology),
      mod('PT', 3, 'Manajemen lembaga PAUD', 3, L.management),
      mod('PT', 4, 'Microteaching terbimbing', 5, L.practice),
    ],
  },
  {
    id: P.basic, code: 'DB-PAUD-01', title: 'Diklat Berjenjang Tingkat Dasar', tier: 'BASIC', hours: 48, prerequisiteId: null,
    modules: [
      mod('DB1', 1, 'Konsep dasar PAUD', 12, L.management),
      mod('DB1', 2, 'Perkembangan anak usia dini', 16, L.psychology),
      mod('DB1', 3, 'Bermain dan permainan', 20, L.practice),
    ],
  },
  {
    id: P.intermediate, code: 'DB-PAUD-02', title: 'Diklat Berjenjang Tingkat Lanjut', tier: 'INTERMEDIATE', hours: 80, prerequisiteId: P.basic,
    modules: [
      mod('DB2', 1, 'Perencanaan pembelajaran', 30, L.practice),
      mod('DB2', 2, 'Asesmen perkembangan anak', 25, L.psychology),
      mod('DB2', 3, 'Kemitraan dengan orang tua', 25, L.management),
    ],
  },
  {
    id: P.advanced, code: 'DB-PAUD-03', title: 'Diklat Berjenjang Tingkat Mahir', tier: 'ADVANCED', hours: 100, prerequisiteId: P.intermediate,
    modules: [
      mod('DB3', 1, 'Pengembangan kurikulum lembaga', 40, L.management),
      mod('DB3', 2, 'Penanganan anak berkebutuhan khusus', 30, L.psychology),
      mod('DB3', 3, 'Pendampingan sejawat (mentoring)', 30, L.practice),
    ],
  },
];

const VENUES: DemoVenue[] = [
  { id: DEMO_IDS.venues.hall, name: 'Aula SKB Balikpapan Selatan', address: 'Jl. Marsma R. Iswahyudi, Balikpapan Selatan', districtCode: '64.71', capacity: 60 },
  { id: DEMO_IDS.venues.classroom, name: 'Ruang Kelas Terpadu SKB Balikpapan Selatan', address: 'Jl. Marsma R. Iswahyudi, Balikpapan Selatan', districtCode: '64.71', capacity: 30 },
  { id: DEMO_IDS.venues.samarinda, name: 'Aula Kemitraan PAUD Samarinda', address: 'Jl. Juanda, Samarinda', districtCode: '64.72', capacity: 40 },
];

function at(date: string, time: string): string {
  return `${date}T${time}:00+08:00`; // WITA, Balikpapan's time zone
}

function session(event: string, n: number, day: number, date: string, kind: SessionKindValue, topic: string, from: string, to: string, facilitatorIds: string[]): DemoSession {
  return { id: stableUuid('session', `${event}-${n}`), day, kind, topic, startsAt: at(date, from), endsAt: at(date, to), facilitatorIds };
}

function tieredSessions(event: string, start: string, days: number, program: DemoProgram): DemoSession[] {
  const out: DemoSession[] = [];
  const date = (d: number) => new Date(Date.parse(`${start}T00:00:00Z`) + (d - 1) * 86_400_000).toISOString().slice(0, 10);
  out.push(session(event, 1, 1, date(1), 'OPENING', `Pembukaan ${program.title}`, '08:00', '08:45', [L.management]));
  program.modules.forEach((m, i) => {
    const day = 1 + Math.min(days - 2, i);
    out.push(session(event, 2 + i, day, date(day), 'MATERIAL', m.title, '09:00', '15:00', m.lecturerId ? [m.lecturerId] : []));
  });
  out.push(session(event, 10, days - 1, date(days - 1), 'MICROTEACHING', 'Praktik mengajar terbimbing', '08:00', '15:00', [L.practice]));
  out.push(session(event, 11, days, date(days), 'EVALUATION', 'Post-test dan refleksi', '08:00', '11:00', [L.psychology]));
  out.push(session(event, 12, days, date(days), 'MENTORING', 'Rencana pendampingan pasca-diklat', '13:00', '15:00', [L.practice, L.management]));
  return out;
}

const EVENTS: DemoEvent[] = [
  {
    id: E.balikpapan2022, title: 'Pelatihan Teknis Guru PAUD Kota Balikpapan', programId: P.technical, venueId: DEMO_IDS.venues.hall,
    startsOn: '2022-11-14', endsOn: '2022-11-15', capacity: 60, status: 'COMPLETED',
    sessions: [
      session('pt2022', 1, 1, '2022-11-14', 'OPENING', 'Pembukaan dan pre-test', '08:00', '09:00', [L.management]),
      session('pt2022', 2, 1, '2022-11-14', 'MATERIAL', 'Praktik pembelajaran PAUD', '09:00', '11:00', [L.practice]),
      session('pt2022', 3, 1, '2022-11-14', 'MATERIAL', 'Psikologi perkembangan anak usia dini', '11:00', '13:00', [L.psychology]),
      session('pt2022', 4, 1, '2022-11-14', 'MATERIAL', 'Manajemen lembaga PAUD', '14:00', '16:00', [L.management]),
      session('pt2022', 5, 2, '2022-11-15', 'MICROTEACHING', 'Microteaching terbimbing', '08:00', '14:00', [L.practice]),
      session('pt2022', 6, 2, '2022-11-15', 'EVALUATION', 'Post-test dan penutupan', '14:00', '15:30', [L.practice]),
    ],
  },
  { id: E.basic2023, title: 'Diklat Berjenjang Tingkat Dasar Angkatan 2023', programId: P.basic, venueId: DEMO_IDS.venues.hall, startsOn: '2023-03-06', endsOn: '2023-03-10', capacity: 40, status: 'COMPLETED', sessions: [] },
  { id: E.intermediate2024, title: 'Diklat Berjenjang Tingkat Lanjut Angkatan 2024', programId: P.intermediate, venueId: DEMO_IDS.venues.classroom, startsOn: '2024-07-08', endsOn: '2024-07-12', capacity: 30, status: 'COMPLETED', sessions: [] },
  { id: E.advanced2025, title: 'Diklat Berjenjang Tingkat Mahir Angkatan 2025', programId: P.advanced, venueId: DEMO_IDS.venues.classroom, startsOn: '2025-09-15', endsOn: '2025-09-19', capacity: 25, status: 'COMPLETED', sessions: [] },
  { id: E.basic2027, title: 'Diklat Berjenjang Tingkat Dasar Angkatan 2027', programId: P.basic, venueId: DEMO_IDS.venues.samarinda, startsOn: '2027-02-08', endsOn: '2027-02-12', capacity: 40, status: 'OPEN', sessions: [] },
];

const PKK_MEMBERS = ['Sumiati', 'Rosmini', 'Hasnah', 'Wahidah', 'Masniah', 'Jumiati'];

function buildActivity(teachers: DemoTeacher[]): { registrations: DemoRegistration[]; assessments: DemoAssessment[] } {
  const rand = seededRandom(2023);
  const registrations: DemoRegistration[] = [];
  const assessments: DemoAssessment[] = [];
  const bySchool = (prefix: string) => teachers.filter((t) => t.npsn.startsWith(prefix));
  const balikpapan = bySchool('6471');
  const eventById = new Map(EVENTS.map((e) => [e.id, e]));
  const programById = new Map(PROGRAMS.map((p) => [p.id, p]));

  const register = (eventId: string, list: DemoTeacher[], attendRate: number): DemoTeacher[] => {
    const attended: DemoTeacher[] = [];
    const event = eventById.get(eventId)!;
    for (const t of list) {
      const status: RegistrationStatusValue = event.status === 'OPEN' ? 'REGISTERED' : rand() < attendRate ? 'ATTENDED' : 'NO_SHOW';
      registrations.push({ id: stableUuid('registration', `${eventId}-${t.id}`), eventId, teacherId: t.id, participantName: t.fullName, status });
      if (status === 'ATTENDED') attended.push(t);
    }
    return attended;
  };
  const assess = (eventId: string, list: DemoTeacher[], base: number, passMark = 70): DemoTeacher[] => {
    const event = eventById.get(eventId)!;
    const passed: DemoTeacher[] = [];
    const microteaching = programById.get(event.programId)!.modules.some((m) => /microteaching/i.test(m.title)) || event.sessions.some((s) => s.kind === 'MICROTEACHING');
    for (const t of list) {
      const pre = Math.round((base + rand() * 25) * 10) / 10;
      const post = Math.min(100, Math.round((pre + 5 + rand() * 25) * 10) / 10);
      const ok = post >= passMark;
      assessments.push({
        id: stableUuid('assessment', `${eventId}-${t.id}`), teacherId: t.id, programId: event.programId, eventId,
        preTestScore: pre, postTestScore: post, microteachingScore: microteaching ? Math.round((60 + rand() * 40) * 10) / 10 : null,
        passed: ok, assessedOn: event.endsOn,
      });
      if (ok) passed.push(t);
    }
    return passed;
  };

  // November 2022: city teachers, plus PKK members from Muara Jawa registered by name only.
  const pt = register(E.balikpapan2022, balikpapan.slice(0, 52), 0.9);
  PKK_MEMBERS.forEach((name, i) =>
    registrations.push({ id: stableUuid('registration', `pkk-${i}`), eventId: E.balikpapan2022, teacherId: null, participantName: `${name} (PKK Muara Jawa)`, status: 'ATTENDED' }),
  );
  assess(E.balikpapan2022, pt, 45);
  const basic = register(E.basic2023, [...balikpapan.slice(24, 56), ...bySchool('6472').slice(0, 3), ...bySchool('3604').slice(0, 4)], 0.92);
  const basicPassed = assess(E.basic2023, basic, 50);
  const inter = register(E.intermediate2024, basicPassed.slice(0, 28), 0.9);
  const interPassed = assess(E.intermediate2024, inter, 55);
  const adv = register(E.advanced2025, interPassed.slice(0, 22), 0.95);
  assess(E.advanced2025, adv, 60, 75);
  register(E.basic2027, [...balikpapan.slice(60, 90), ...bySchool('6472').slice(3, 6)], 1);
  return { registrations, assessments };
}

let cached: DemoWorld | undefined;

export function buildDemoWorld(): DemoWorld {
  if (cached) return cached;
  const teachers = buildTeachers();
  const events = EVENTS.map((e) => (e.sessions.length ? e : { ...e, sessions: tieredSessions(e.id, e.startsOn, 5, PROGRAMS.find((p) => p.id === e.programId)!) }));
  const { registrations, assessments } = buildActivity(teachers);
  cached = {
    districts: DISTRICTS,
    schools: SCHOOLS.map(({ teachers: _n, ...s }) => s),
    teachers,
    lecturers: LECTURERS,
    programs: PROGRAMS,
    partnerships: [
      { id: stableUuid('partnership', '64710001'), npsn: '64710001', studyProgram: 'Prodi PAUD Universitas Mulia', signedOn: '2022-08-01', validUntil: '2027-07-31' },
      { id: stableUuid('partnership', '64710003'), npsn: '64710003', studyProgram: 'Prodi PAUD Universitas Mulia', signedOn: '2022-08-01', validUntil: '2027-07-31' },
      { id: stableUuid('partnership', '64710005'), npsn: '64710005', studyProgram: 'Prodi PAUD Universitas Mulia', signedOn: '2023-01-15', validUntil: null },
      { id: stableUuid('partnership', '64720001'), npsn: '64720001', studyProgram: 'Prodi PAUD Universitas Mulia', signedOn: '2019-05-01', validUntil: '2022-04-30' },
    ],
    venues: VENUES,
    events,
    registrations,
    assessments,
  };
  return cached;
}
