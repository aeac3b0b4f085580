import { Migration } from '@mikro-orm/migrations';

/** The schools partner's first schema: districts, schools, teachers and their qualifications. */
export class Migration20261127100000Schools extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "district" (
      "code" text primary key,
      "name" text not null,
      "province_code" text not null
    );`);
    this.addSql('create index "district_province_code_index" on "district" ("province_code");');
    this.addSql(`create table "school" (
      "npsn" text primary key check ("npsn" ~ '^[0-9]{8}$'),
      "name" text not null,
      "kind" text not null check ("kind" in ('TK', 'KB', 'TPA', 'SPS', 'RA')),
      "address" text null,
      "district_code" text not null references "district" ("code")
    );`);
    this.addSql('create index "school_district_code_index" on "school" ("district_code");');
    this.addSql(`create table "teacher" (
      "id" uuid primary key,
      "full_name" text not null,
      "nuptk" text null check ("nuptk" ~ '^[0-9]{16}$'),
      "school_npsn" text not null references "school" ("npsn"),
      "employment_status" text not null check ("employment_status" in ('PNS', 'PPPK', 'GTY', 'GTT')),
      "birth_date" date null,
      "version" integer not null default 1,
      "created_at" timestamptz not null default now()
    );`);
    this.addSql('create unique index "teacher_nuptk_unique" on "teacher" ("nuptk");');
    this.addSql('create index "teacher_full_name_id_index" on "teacher" ("full_name", "id");');
    this.addSql('create index "teacher_school_npsn_full_name_id_index" on "teacher" ("school_npsn", "full_name", "id");');
    this.addSql(`create table "qualification" (
      "id" uuid primary key,
      "teacher_id" uuid not null references "teacher" ("id") on delete cascade,
      "level" text not null check ("level" in ('BELOW_HIGH_SCHOOL', 'HIGH_SCHOOL', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3')),
      "field" text not null check ("field" in ('EARLY_CHILDHOOD_EDUCATION', 'PSYCHOLOGY', 'OTHER_EDUCATION', 'OTHER')),
      "institution" text null,
      "graduation_year" integer null,
      "verified" boolean not null default false
    );`);
    this.addSql('create index "qualification_teacher_id_index" on "qualification" ("teacher_id");');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "qualification", "teacher", "school", "district" cascade;');
  }
}
