import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 13, tier progression that holds. Only the Diklat Berjenjang programs
 * are tiers: a technical bimtek (the demo's two-day PT-PAUD-2022) keeps a
 * tier for the catalogue but completes none. Every program written so far is
 * a Diklat Berjenjang except that one, so the backfill names it; new rows
 * state it (no default). A teacher has at most one assessment per event; an
 * assessment without an event (a mentoring completion) is not limited.
 */
export class Migration20261212000000UniversityTierProgression extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "training_program" add column "tiered" boolean not null default true;');
    this.addSql(`update "training_program" set "tiered" = false where "code" = 'PT-PAUD-2022';`);
    this.addSql('alter table "training_program" alter column "tiered" drop default;');
    this.addSql(
      'create unique index "assessment_teacher_id_event_id_unique" on "assessment" ("teacher_id", "event_id") where "event_id" is not null;',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop index "assessment_teacher_id_event_id_unique";');
    this.addSql('alter table "training_program" drop column "tiered";');
  }
}
