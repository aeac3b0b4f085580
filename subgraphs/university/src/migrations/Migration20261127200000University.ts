import { Migration } from '@mikro-orm/migrations';

/**
 * The university partner's first schema: lecturers, training programs and
 * their modules, assessments, and partnerships with schools. Teachers,
 * schools and events belong to other partners: their keys are plain columns
 * here, without foreign keys.
 */
export class Migration20261127200000University extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "lecturer" (
      "id" uuid primary key,
      "full_name" text not null,
      "academic_title" text null,
      "expertise" text[] not null default '{}'
    );`);
    this.addSql('create index "lecturer_full_name_id_index" on "lecturer" ("full_name", "id");');
    this.addSql(`create table "training_program" (
      "id" uuid primary key,
      "code" text not null,
      "title" text not null,
      "tier" text not null check ("tier" in ('BASIC', 'INTERMEDIATE', 'ADVANCED')),
      "hours" integer not null check ("hours" > 0),
      "prerequisite_id" uuid null references "training_program" ("id"),
      check ("prerequisite_id" is null or "prerequisite_id" <> "id")
    );`);
    this.addSql('create unique index "training_program_code_unique" on "training_program" ("code");');
    this.addSql('create index "training_program_tier_code_index" on "training_program" ("tier", "code");');
    this.addSql('create index "training_program_prerequisite_id_index" on "training_program" ("prerequisite_id");');
    this.addSql(`create table "module" (
      "id" uuid primary key,
      "program_id" uuid not null references "training_program" ("id") on delete cascade,
      "position" integer not null check ("position" > 0),
      "title" text not null,
      "hours" integer not null check ("hours" > 0),
      "lecturer_id" uuid null references "lecturer" ("id") on delete set null
    );`);
    this.addSql('create unique index "module_program_id_position_unique" on "module" ("program_id", "position");');
    this.addSql('create index "module_lecturer_id_index" on "module" ("lecturer_id");');
    this.addSql(`create table "assessment" (
      "id" uuid primary key,
      "teacher_id" uuid not null,
      "program_id" uuid not null references "training_program" ("id"),
      "event_id" uuid null,
      "pre_test_score" numeric(5,2) null check ("pre_test_score" between 0 and 100),
      "post_test_score" numeric(5,2) null check ("post_test_score" between 0 and 100),
      "microteaching_score" numeric(5,2) null check ("microteaching_score" between 0 and 100),
      "passed" boolean not null,
      "assessed_on" date not null
    );`);
    this.addSql('create index "assessment_teacher_id_assessed_on_id_index" on "assessment" ("teacher_id", "assessed_on", "id");');
    this.addSql('create index "assessment_program_id_index" on "assessment" ("program_id");');
    this.addSql('create index "assessment_event_id_index" on "assessment" ("event_id");');
    this.addSql(`create table "partnership" (
      "id" uuid primary key,
      "school_npsn" text not null check ("school_npsn" ~ '^[0-9]{8}$'),
      "study_program" text not null,
      "signed_on" date not null,
      "valid_until" date null,
      check ("valid_until" is null or "valid_until" >= "signed_on")
    );`);
    this.addSql('create index "partnership_school_npsn_index" on "partnership" ("school_npsn");');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "partnership", "assessment", "module", "training_program", "lecturer" cascade;');
  }
}
