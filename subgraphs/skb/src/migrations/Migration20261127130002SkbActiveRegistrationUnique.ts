import { Migration } from '@mikro-orm/migrations';

/**
 * A teacher registers for an event at most once at a time: the unique index
 * covers only registrations that are not cancelled, so a teacher whose
 * registration was cancelled can register again (the cancelled row stays,
 * as history).
 */
export class Migration20261127130002SkbActiveRegistrationUnique extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop index if exists "registration_event_id_teacher_id_unique";');
    this.addSql(
      `create unique index "registration_event_id_teacher_id_unique" on "registration" ("event_id", "teacher_id") where "teacher_id" is not null and "status" <> 'CANCELLED';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists "registration_event_id_teacher_id_unique";');
    this.addSql(
      'create unique index "registration_event_id_teacher_id_unique" on "registration" ("event_id", "teacher_id") where "teacher_id" is not null;',
    );
  }
}
