import type { CompetencyArea, QualificationLevel, TrainingTier } from './gql/graphql';

export type Lang = 'id' | 'en';
export const LANGS: readonly Lang[] = ['id', 'en'];

/** Every word the dashboard shows, in Bahasa Indonesia and English. */
const MESSAGES = {
  id: {
    appTitle: 'Dasbor statistik guru PAUD',
    appSubtitle: 'Kualifikasi dan pelatihan guru PAUD per kabupaten/kota, dari tiga mitra: sekolah, universitas dan SKB',
    language: 'Bahasa',
    signInTitle: 'Masuk ke dasbor',
    signInLead:
      'Dasbor ini membaca statistik dari Mitra Graph dengan token Anda (JWT). Statistik tidak memuat nama atau data pribadi; kelompok kecil disembunyikan.',
    pasteToken: 'Tempel token Anda',
    tokenPlaceholder: 'eyJhbGciOiJIUzI1NiIs…',
    signIn: 'Masuk',
    signOut: 'Keluar',
    tokenHelp: 'Token untuk pengembangan:',
    notAToken: 'Ini bukan token JWT (header.payload.tanda tangan).',
    tokenExpired: 'Token sudah kedaluwarsa. Minta token baru.',
    devRoles: 'Peran demo (hanya mode pengembangan)',
    devRolesLead: 'Server menandatangani token untuk peran ini; tombol ini tidak ada di produksi.',
    signedInAs: 'Masuk sebagai',
    expiresAt: 'berlaku sampai',
    district: 'Kabupaten/kota',
    loading: 'Memuat…',
    retry: 'Coba lagi',
    noData: 'tidak ada data',
    suppressed: 'disembunyikan',
    suppressedLegend: (min: number) => `Disembunyikan: kelompok kurang dari ${min} guru`,
    suppressedNote: (min: number) =>
      `Angka untuk kelompok kurang dari ${min} guru disembunyikan (bukan nol), begitu pula angka yang dapat dihitung balik darinya.`,
    chart: 'Grafik',
    table: 'Tabel',
    download: 'Unduh CSV',
    downloadQualifications: 'Kualifikasi per kab/kota',
    downloadOutcomesDistrict: 'Hasil pelatihan per kab/kota',
    downloadOutcomesProgram: 'Hasil pelatihan per program',
    downloadNeeds: 'Kebutuhan pelatihan per kab/kota',
    downloadCoverage: 'Cakupan pelatihan per tahun (kab/kota ini)',
    teachers: 'Guru',
    meetingStandard: 'Memenuhi standar kualifikasi',
    shareMeetingStandard: 'Persentase memenuhi standar',
    meetingShort: 'Memenuhi standar',
    share: 'Persentase',
    teachersTrained: 'Guru terlatih',
    teachersTrainedHint: 'hadir di sedikitnya satu pelatihan SKB',
    meanGain: 'Rata-rata kenaikan nilai',
    meanGainHint: 'post-test dikurangi pre-test, poin',
    standardHint: 'Standar: D4/S1 atau lebih tinggi di bidang PAUD atau psikologi',
    overviewTitle: 'Guru yang memenuhi standar kualifikasi',
    overviewSubtitle: 'Persentase guru per kabupaten/kota; pilih baris untuk melihat rinciannya',
    levelsTitle: 'Guru menurut kualifikasi tertinggi',
    trainingTitle: 'Guru menurut jenjang diklat tertinggi yang diselesaikan',
    trainingSubtitle: 'Diklat Berjenjang (universitas); guru terlatih menurut daftar hadir SKB',
    tierOutcomesTitle: 'Hasil pelatihan per jenjang',
    tierOutcomesSubtitle: 'Nilai rata-rata pre-test dan post-test (0–100) dan tingkat kelulusan guru kabupaten/kota ini',
    programOutcomesTitle: 'Hasil pelatihan per program',
    programOutcomesSubtitle: 'Semua kabupaten/kota: pre-test, post-test, kenaikan dan kelulusan, dengan kehadiran (SKB)',
    needsTitle: 'Kebutuhan pelatihan',
    needsSubtitle: 'Kebutuhan terbuka per bidang kompetensi, dinyatakan sekolah: guru yang membutuhkan, dan sekolah dengan kebutuhan',
    byYearTitle: 'Cakupan pelatihan per tahun',
    byYearSubtitle: 'Guru yang hadir di sedikitnya satu pelatihan SKB yang dimulai pada tahun itu',
    year: 'Tahun',
    area: 'Bidang kompetensi',
    needsTeachers: 'Guru dengan kebutuhan terbuka',
    needsSchools: 'Sekolah',
    code: 'Kode',
    name: 'Nama',
    level: 'Kualifikasi',
    tier: 'Jenjang',
    count: 'Jumlah guru',
    program: 'Program',
    assessed: 'Dinilai',
    preTest: 'Rata-rata pre-test',
    postTest: 'Rata-rata post-test',
    gain: 'Kenaikan rata-rata',
    passRate: 'Tingkat kelulusan',
    followedUp: 'Dipantau ≥30 hari',
    followUpScore: 'Skor observasi rata-rata',
    registrations: 'Pendaftaran',
    attendanceRate: 'Tingkat kehadiran',
    status: 'Status',
    shown: 'ditampilkan',
    allTiers: 'Semua jenjang',
    selected: 'dipilih',
    otherDistricts: 'Kabupaten/kota lain',
    errorTitle: 'Data tidak dapat dimuat',
    footer:
      'Contoh dasbor di atas API Mitra Graph. Kueri: dokumen .graphql yang dikompilasi GraphQL Code Generator, dikirim sebagai hash (persisted queries).',
  },
  en: {
    appTitle: 'PAUD teacher statistics dashboard',
    appSubtitle:
      'Qualifications and training of early-childhood teachers per district, from three partners: schools, the university and the SKB',
    language: 'Language',
    signInTitle: 'Sign in to the dashboard',
    signInLead:
      'This dashboard reads statistics from Mitra Graph with your token (JWT). Statistics carry no names or personal data; small groups are suppressed.',
    pasteToken: 'Paste your token',
    tokenPlaceholder: 'eyJhbGciOiJIUzI1NiIs…',
    signIn: 'Sign in',
    signOut: 'Sign out',
    tokenHelp: 'A development token:',
    notAToken: 'This is not a JWT (header.payload.signature).',
    tokenExpired: 'The token has expired. Ask for a new one.',
    devRoles: 'Demo roles (development mode only)',
    devRolesLead: 'The server signs a token for the role; these buttons do not exist in production.',
    signedInAs: 'Signed in as',
    expiresAt: 'valid until',
    district: 'District',
    loading: 'Loading…',
    retry: 'Try again',
    noData: 'no data',
    suppressed: 'suppressed',
    suppressedLegend: (min: number) => `Suppressed: group of fewer than ${min} teachers`,
    suppressedNote: (min: number) =>
      `Figures for groups of fewer than ${min} teachers are suppressed (not zero), as are figures they could be recovered from.`,
    chart: 'Chart',
    table: 'Table',
    download: 'Download CSV',
    downloadQualifications: 'Qualifications by district',
    downloadOutcomesDistrict: 'Training outcomes by district',
    downloadOutcomesProgram: 'Training outcomes by program',
    downloadNeeds: 'Training needs by district',
    downloadCoverage: 'Training coverage by year (this district)',
    teachers: 'Teachers',
    meetingStandard: 'Meeting the qualification standard',
    shareMeetingStandard: 'Share meeting the standard',
    meetingShort: 'Meeting standard',
    share: 'Share',
    teachersTrained: 'Teachers trained',
    teachersTrainedHint: 'attended at least one SKB training',
    meanGain: 'Mean test gain',
    meanGainHint: 'post-test minus pre-test, points',
    standardHint: 'Standard: D4/S1 or higher in early-childhood education or psychology',
    overviewTitle: 'Teachers meeting the qualification standard',
    overviewSubtitle: 'Share of teachers per district; pick a row to see its details',
    levelsTitle: 'Teachers by highest qualification',
    trainingTitle: 'Teachers by highest training tier completed',
    trainingSubtitle: 'Tiered training (university); teachers trained from SKB attendance',
    tierOutcomesTitle: 'Training outcomes by tier',
    tierOutcomesSubtitle: "Mean pre-test and post-test scores (0–100) and pass rate of this district's teachers",
    programOutcomesTitle: 'Training outcomes by program',
    programOutcomesSubtitle: 'All districts: pre-test, post-test, gain and pass rate, with attendance (SKB)',
    needsTitle: 'Training needs',
    needsSubtitle: 'Open needs per competence area, as stated by schools: teachers in need, and schools with a need',
    byYearTitle: 'Training coverage by year',
    byYearSubtitle: 'Teachers who attended at least one SKB training that started in the year',
    year: 'Year',
    area: 'Competence area',
    needsTeachers: 'Teachers with open needs',
    needsSchools: 'Schools',
    code: 'Code',
    name: 'Name',
    level: 'Qualification',
    tier: 'Tier',
    count: 'Teachers',
    program: 'Program',
    assessed: 'Assessed',
    preTest: 'Mean pre-test',
    postTest: 'Mean post-test',
    gain: 'Mean gain',
    passRate: 'Pass rate',
    followedUp: 'Followed up ≥30 days',
    followUpScore: 'Mean observation score',
    registrations: 'Registrations',
    attendanceRate: 'Attendance rate',
    status: 'Status',
    shown: 'shown',
    allTiers: 'All tiers',
    selected: 'selected',
    otherDistricts: 'Other districts',
    errorTitle: 'The data could not be loaded',
    footer:
      'An example dashboard on the Mitra Graph API. Queries: .graphql documents compiled by GraphQL Code Generator, sent as hashes (persisted queries).',
  },
} as const;

export type Messages = (typeof MESSAGES)['id'];
export const messages = (lang: Lang): Messages => MESSAGES[lang] as Messages;

export const LEVELS: readonly QualificationLevel[] = ['BELOW_HIGH_SCHOOL', 'HIGH_SCHOOL', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3'];

const LEVEL_LABELS: Record<Lang, Record<QualificationLevel, string>> = {
  id: { BELOW_HIGH_SCHOOL: '< SMA', HIGH_SCHOOL: 'SMA/sederajat', D1: 'D1', D2: 'D2', D3: 'D3', D4: 'D4', S1: 'S1', S2: 'S2', S3: 'S3' },
  en: {
    BELOW_HIGH_SCHOOL: '< high school',
    HIGH_SCHOOL: 'High school',
    D1: 'D1',
    D2: 'D2',
    D3: 'D3',
    D4: 'D4',
    S1: 'S1 (bachelor)',
    S2: 'S2 (master)',
    S3: 'S3 (doctorate)',
  },
};
export const levelLabel = (lang: Lang, level: QualificationLevel): string => LEVEL_LABELS[lang][level];

/** Under a column, where nine names share the width: the codes, and short words for the two school levels. */
const LEVEL_AXIS_LABELS: Record<Lang, Partial<Record<QualificationLevel, string>>> = {
  id: { BELOW_HIGH_SCHOOL: '< SMA', HIGH_SCHOOL: 'SMA' },
  en: { BELOW_HIGH_SCHOOL: '< HS', HIGH_SCHOOL: 'HS' },
};
export const levelAxisLabel = (lang: Lang, level: QualificationLevel): string => LEVEL_AXIS_LABELS[lang][level] ?? level;

export const TIERS: readonly TrainingTier[] = ['BASIC', 'INTERMEDIATE', 'ADVANCED'];

const TIER_LABELS: Record<Lang, Record<TrainingTier, string>> = {
  id: { BASIC: 'Tingkat Dasar', INTERMEDIATE: 'Tingkat Lanjut', ADVANCED: 'Tingkat Mahir' },
  en: { BASIC: 'Basic', INTERMEDIATE: 'Intermediate', ADVANCED: 'Advanced' },
};
export const tierLabel = (lang: Lang, tier: TrainingTier | null | undefined): string =>
  tier ? TIER_LABELS[lang][tier] : messages(lang).allTiers;

/** The competence areas, in the enum's order (the API lists every one, in this order). */
export const AREAS: readonly CompetencyArea[] = [
  'CHILD_DEVELOPMENT',
  'LEARNING_PLANNING',
  'PLAY_BASED_LEARNING',
  'LEARNING_ASSESSMENT',
  'CLASSROOM_MANAGEMENT',
  'PARENT_PARTNERSHIP',
  'INCLUSIVE_EDUCATION',
  'PROFESSIONAL_DEVELOPMENT',
];

const AREA_LABELS: Record<Lang, Record<CompetencyArea, string>> = {
  id: {
    CHILD_DEVELOPMENT: 'Perkembangan anak',
    LEARNING_PLANNING: 'Perencanaan pembelajaran',
    PLAY_BASED_LEARNING: 'Pembelajaran melalui bermain',
    LEARNING_ASSESSMENT: 'Asesmen pembelajaran',
    CLASSROOM_MANAGEMENT: 'Pengelolaan kelas',
    PARENT_PARTNERSHIP: 'Kemitraan dengan orang tua',
    INCLUSIVE_EDUCATION: 'Pendidikan inklusif',
    PROFESSIONAL_DEVELOPMENT: 'Pengembangan keprofesian',
  },
  en: {
    CHILD_DEVELOPMENT: 'Child development',
    LEARNING_PLANNING: 'Learning planning',
    PLAY_BASED_LEARNING: 'Play-based learning',
    LEARNING_ASSESSMENT: 'Learning assessment',
    CLASSROOM_MANAGEMENT: 'Classroom management',
    PARENT_PARTNERSHIP: 'Partnership with parents',
    INCLUSIVE_EDUCATION: 'Inclusive education',
    PROFESSIONAL_DEVELOPMENT: 'Professional development',
  },
};
export const areaLabel = (lang: Lang, area: CompetencyArea): string => AREA_LABELS[lang][area];

/** Number formats of each language: Indonesian writes 71,3 % where English writes 71.3%. */
export const locale = (lang: Lang): string => (lang === 'id' ? 'id-ID' : 'en-GB');
