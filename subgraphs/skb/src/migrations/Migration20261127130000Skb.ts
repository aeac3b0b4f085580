import { Migration } from '@mikro-orm/migrations';

/**
 * The skb partner's first schema: venues, training events, their sessions
 * and facilitators, and registrations. Program, lecturer, teacher and
 * district ids are other partners' keys: plain columns without foreign keys,
 * since their rows live in other databases.
 */
export class Migration20261127130000Skb extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "venue" (
      "id" uuid primary key,
      "name" text not null check (length(trim("name")) > 0),
      "address" text null,
      "district_code" text not null check ("district_code" ~ '^[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{2})?)?$'),
      "capacity" integer not null check ("capacity" > 0)
    );`);
    this.addSql('create index "venue_district_code_index" on "venue" ("district_code");');
    this.addSql('create index "venue_name_id_index" on "venue" ("name", "id");');

    this.addSql(`create table "training_event" (
      "id" uuid primary key,
      "title" text not null check (length(trim("title")) > 0),
      "program_id" uuid not null,
      "venue_id" uuid not null references "venue" ("id"),
      "starts_on" date not null,
      "ends_on" date not null,
      "capacity" integer not null check ("capacity" > 0),
      "status" text not null check ("status" in ('PLANNED', 'OPEN', 'ONGOING', 'COMPLETED', 'CANCELLED')),
      constraint "training_event_dates_check" check ("ends_on" >= "starts_on")
    );`);
    this.addSql('create index "training_event_starts_on_id_index" on "training_event" ("starts_on", "id");');
    this.addSql('create index "training_event_program_id_starts_on_id_index" on "training_event" ("program_id", "starts_on", "id");');
    this.addSql('create index "training_event_venue_id_starts_on_id_index" on "training_event" ("venue_id", "starts_on", "id");');
    this.addSql('create index "training_event_status_starts_on_id_index" on "training_event" ("status", "starts_on", "id");');

    this.addSql(`create table "event_session" (
      "id" uuid primary key,
      "event_id" uuid not null references "training_event" ("id") on delete cascade,
      "day" integer not null check ("day" >= 1),
      "kind" text not null check ("kind" in ('OPENING', 'MATERIAL', 'MICROTEACHING', 'MENTORING', 'EVALUATION')),
      "topic" text not null,
      "starts_at" timestamptz not null,
      "ends_at" timestamptz not null,
      constraint "event_session_times_check" check ("ends_at" > "starts_at")
    );`);
    this.addSql('create index "event_session_event_id_day_starts_at_index" on "event_session" ("event_id", "day", "starts_at");');

    this.addSql(`create table "session_facilitator" (
      "session_id" uuid not null references "event_session" ("id") on delete cascade,
      "lecturer_id" uuid not null,
      primary key ("session_id", "lecturer_id")
    );`);
    this.addSql('create index "session_facilitator_lecturer_id_index" on "session_facilitator" ("lecturer_id");');

    this.addSql(`create table "registration" (
      "id" uuid primary key,
      "event_id" uuid not null references "training_event" ("id") on delete cascade,
      "teacher_id" uuid null,
      "participant_name" text not null check (length(trim("participant_name")) > 0),
      "status" text not null check ("status" in ('REGISTERED', 'ATTENDED', 'NO_SHOW', 'CANCELLED'))
    );`);
    this.addSql('create index "registration_event_id_index" on "registration" ("event_id");');
    this.addSql('create index "registration_teacher_id_index" on "registration" ("teacher_id");');
    this.addSql(
      'create unique index "registration_event_id_teacher_id_unique" on "registration" ("event_id", "teacher_id") where "teacher_id" is not null;',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "registration", "session_facilitator", "event_session", "training_event", "venue" cascade;');
  }
}
