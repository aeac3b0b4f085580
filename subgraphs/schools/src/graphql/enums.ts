import { registerEnumType } from 'type-graphql';

export enum SchoolKind {
  TK = 'TK',
  KB = 'KB',
  TPA = 'TPA',
  SPS = 'SPS',
  RA = 'RA',
}
registerEnumType(SchoolKind, {
  name: 'SchoolKind',
  description: 'Kinds of PAUD (early childhood education) unit.',
  valuesConfig: {
    TK: { description: 'Taman Kanak-kanak (kindergarten)' },
    KB: { description: 'Kelompok Bermain (playgroup)' },
    TPA: { description: 'Taman Penitipan Anak (day care)' },
    SPS: { description: 'Satuan PAUD Sejenis' },
    RA: { description: 'Raudhatul Athfal' },
  },
});

export enum EmploymentStatus {
  PNS = 'PNS',
  PPPK = 'PPPK',
  GTY = 'GTY',
  GTT = 'GTT',
}
registerEnumType(EmploymentStatus, {
  name: 'EmploymentStatus',
  description: 'How a teacher is employed.',
  valuesConfig: {
    PNS: { description: 'civil servant' },
    PPPK: { description: 'government contract' },
    GTY: { description: 'permanent foundation teacher' },
    GTT: { description: 'non-permanent / honorary' },
  },
});

export enum QualificationLevel {
  BELOW_HIGH_SCHOOL = 'BELOW_HIGH_SCHOOL',
  HIGH_SCHOOL = 'HIGH_SCHOOL',
  D1 = 'D1',
  D2 = 'D2',
  D3 = 'D3',
  D4 = 'D4',
  S1 = 'S1',
  S2 = 'S2',
  S3 = 'S3',
}
registerEnumType(QualificationLevel, {
  name: 'QualificationLevel',
  description: 'Level of a diploma, lowest to highest.',
  valuesConfig: {
    BELOW_HIGH_SCHOOL: { description: 'below upper secondary school' },
    HIGH_SCHOOL: { description: 'upper secondary school (SMA/SMK)' },
    D1: { description: 'Diploma 1, one-year vocational diploma' },
    D2: { description: 'Diploma 2, two-year vocational diploma' },
    D3: { description: 'Diploma 3, three-year vocational diploma' },
    D4: { description: 'Diploma 4, applied bachelor' },
    S1: { description: 'Sarjana, bachelor' },
    S2: { description: 'Magister, master' },
    S3: { description: 'Doktor, doctorate' },
  },
});

/** Lowest to highest, for "highest qualification". */
export const QUALIFICATION_ORDER: QualificationLevel[] = Object.values(QualificationLevel);

export enum FieldOfStudy {
  EARLY_CHILDHOOD_EDUCATION = 'EARLY_CHILDHOOD_EDUCATION',
  PSYCHOLOGY = 'PSYCHOLOGY',
  OTHER_EDUCATION = 'OTHER_EDUCATION',
  OTHER = 'OTHER',
}
registerEnumType(FieldOfStudy, {
  name: 'FieldOfStudy',
  description: 'Field of a diploma, as far as the qualification standard cares.',
  valuesConfig: {
    EARLY_CHILDHOOD_EDUCATION: { description: 'early childhood education (PG-PAUD)' },
    PSYCHOLOGY: { description: 'psychology' },
    OTHER_EDUCATION: { description: 'another field of education' },
    OTHER: { description: 'any other field' },
  },
});

export enum StatisticsGrouping {
  DISTRICT = 'DISTRICT',
  SCHOOL_KIND = 'SCHOOL_KIND',
  EMPLOYMENT_STATUS = 'EMPLOYMENT_STATUS',
}
registerEnumType(StatisticsGrouping, {
  name: 'StatisticsGrouping',
  description: 'What qualification statistics are grouped by: one row per group.',
  valuesConfig: {
    DISTRICT: { description: 'one row per district (kabupaten/kota)' },
    SCHOOL_KIND: { description: 'one row per kind of school' },
    EMPLOYMENT_STATUS: { description: 'one row per employment status' },
  },
});

/** The kinds of partner organisation; each is the prefix of the `org` claim of its tokens (`skb:…`, `provider:…`). */
export enum OrganizationKind {
  SCHOOL = 'SCHOOL',
  SKB = 'SKB',
  UNIVERSITY = 'UNIVERSITY',
  TRAINING_PROVIDER = 'TRAINING_PROVIDER',
  GOVERNMENT = 'GOVERNMENT',
}
registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: 'Kinds of partner organisation; each is the prefix of the `org` claim of its tokens.',
  valuesConfig: {
    SCHOOL: { description: 'a PAUD school (org `school:<npsn>`)' },
    SKB: { description: 'a Sanggar Kegiatan Belajar, a government learning centre (org `skb:<id>`)' },
    UNIVERSITY: { description: "a university's PAUD study program (org `university:<id>`)" },
    TRAINING_PROVIDER: { description: 'a training provider such as an LPD running tiered training (org `provider:<id>`)' },
    GOVERNMENT: { description: 'a government office: statistics only (org `government:<id>`)' },
  },
});

/** Where a school's training need stands: OPEN → PLANNED → MET, or OPEN → MET (never back). */
export enum TrainingNeedStatus {
  OPEN = 'OPEN',
  PLANNED = 'PLANNED',
  MET = 'MET',
}
registerEnumType(TrainingNeedStatus, {
  name: 'TrainingNeedStatus',
  description: 'Where a training need stands: OPEN, then PLANNED, then MET, or OPEN straight to MET; never back.',
  valuesConfig: {
    OPEN: { description: 'stated, nothing planned yet' },
    PLANNED: { description: 'a training that addresses it is planned' },
    MET: { description: 'addressed' },
  },
});
