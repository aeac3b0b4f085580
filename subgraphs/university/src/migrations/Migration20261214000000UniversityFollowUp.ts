import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 13, follow-up after training: mentoring visits and classroom
 * observations of a teacher after a program's event. The teacher and the
 * event are other partners' keys; `event_ends_on` is the event's last day as
 * the SKB reported it when the follow-up was recorded ("30 days after").
 */
export class Migration20261214000000UniversityFollowUp extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "follow_up" (
      "id" uuid primary key,
      "teacher_id" uuid not null,
      "program_id" uuid not null references "training_program" ("id"),
      "event_id" uuid null,
      "event_ends_on" date null,
      "kind" text not null check ("kind" in ('MENTORING_VISIT', 'CLASSROOM_OBSERVATION', 'ONLINE_MENTORING')),
      "visited_on" date not null,
      "mentor_id" uuid null references "lecturer" ("id"),
      "area" text null,
      "observation_score" numeric(5,2) null check ("observation_score" between 0 and 100),
      "created_at" timestamptz not null default now()
    );`);
    this.addSql('create index "follow_up_teacher_id_visited_on_id_index" on "follow_up" ("teacher_id", "visited_on", "id");');
    this.addSql('create index "follow_up_program_id_index" on "follow_up" ("program_id");');
    this.addSql('create index "follow_up_event_id_index" on "follow_up" ("event_id");');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "follow_up";');
  }
}
