import { FIRST_NAMES, LAST_NAMES, pick } from '../demo/random';
import type {
  EmploymentStatusValue,
  FieldOfStudyValue,
  QualificationLevelValue,
  SchoolKindValue,
} from '../demo/world';

/** Word lists and weights for schools and teachers: plausible, invented, never a real person. */

export const SCHOOL_KINDS: ReadonlyArray<readonly [SchoolKindValue, number]> = [
  ['TK', 40],
  ['KB', 30],
  ['TPA', 6],
  ['SPS', 12],
  ['RA', 12],
];

const SCHOOL_NAMES = [
  'Pertiwi', 'Tunas Harapan', 'Cahaya Bunda', 'Pelangi Ceria', 'Al-Ikhlas', 'Mutiara Hati', 'Bunga Bangsa', 'Melati',
  'Nurul Huda', 'Kartini', 'Dharma Wanita', 'Bintang Kecil', 'Kasih Ibu', 'Harapan Bangsa', 'Permata Bunda', 'Al-Hidayah',
  'Tunas Bangsa', 'Aisyiyah Bustanul Athfal', 'Mawar', 'Kuncup Harapan', 'Insan Kamil', 'Ceria', 'Anak Sholeh', 'Citra Kasih',
];
const STREETS = ['Jl. Pendidikan', 'Jl. Merdeka', 'Jl. Sudirman', 'Jl. Diponegoro', 'Jl. Ahmad Yani', 'Jl. Pahlawan', 'Jl. Kenanga', 'Jl. Flamboyan'];

export function schoolName(rand: () => number, kind: SchoolKindValue, serial: number): string {
  return `${kind} ${pick(rand, SCHOOL_NAMES)} ${serial}`;
}

export function schoolAddress(rand: () => number, districtName: string): string {
  return `${pick(rand, STREETS)} No. ${1 + Math.floor(rand() * 200)}, ${districtName}`;
}

const MIDDLE_NAMES = ['Nur', 'Sri', 'Dwi', 'Tri', 'Eka', 'Dewi', 'Ratna', 'Wahyu', 'Putri', 'Indah', 'Kurnia', 'Rahma'];

export function personName(rand: () => number): string {
  const first = pick(rand, FIRST_NAMES);
  const middle = rand() < 0.4 ? ` ${pick(rand, MIDDLE_NAMES)}` : '';
  return `${first}${middle} ${pick(rand, LAST_NAMES)}`;
}

export const EMPLOYMENT: ReadonlyArray<readonly [EmploymentStatusValue, number]> = [
  ['GTT', 40],
  ['GTY', 30],
  ['PNS', 15],
  ['PPPK', 15],
];

type Profile = ReadonlyArray<readonly [QualificationLevelValue, FieldOfStudyValue]>;

/**
 * Qualification histories and how common each is. About 44% meet the
 * national standard (a D4/S1 or higher in early childhood education or
 * psychology); the rest hold a high-school diploma, a short diploma, or a
 * degree in another field.
 */
export const QUALIFICATION_PROFILES: ReadonlyArray<readonly [Profile, number]> = [
  [[['HIGH_SCHOOL', 'OTHER']], 18],
  [[['S1', 'EARLY_CHILDHOOD_EDUCATION']], 22],
  [[['HIGH_SCHOOL', 'OTHER'], ['S1', 'EARLY_CHILDHOOD_EDUCATION']], 10],
  [[['S1', 'OTHER_EDUCATION']], 12],
  [[['D2', 'EARLY_CHILDHOOD_EDUCATION']], 8],
  [[['S1', 'PSYCHOLOGY']], 5],
  [[['HIGH_SCHOOL', 'OTHER'], ['D3', 'OTHER']], 6],
  [[['S1', 'EARLY_CHILDHOOD_EDUCATION'], ['S2', 'EARLY_CHILDHOOD_EDUCATION']], 3],
  [[['S1', 'OTHER']], 7],
  [[['D4', 'EARLY_CHILDHOOD_EDUCATION']], 4],
  [[['BELOW_HIGH_SCHOOL', 'OTHER']], 3],
  [[['D1', 'EARLY_CHILDHOOD_EDUCATION']], 2],
];

export const INSTITUTIONS = [
  'Universitas Mulia', 'Universitas Terbuka', 'Universitas Negeri Jakarta', 'Universitas Pendidikan Indonesia',
  'Universitas Negeri Surabaya', 'Universitas Negeri Makassar', 'Universitas Syiah Kuala', 'Universitas Sriwijaya',
  'IAIN Samarinda', 'Universitas Sultan Ageng Tirtayasa', 'STKIP Sintetis', 'Universitas Mataram',
];
