import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 12: universities and training providers write their own catalogue.
 * Every lecturer works for one of them and every partnership is signed by
 * one; until now the hub served Universitas Mulia alone, so the rows that
 * exist are its own. A program may name the post-test score that passes it.
 * Rows are created, never updated (no `version`), and the audit log stamps
 * each write with its time (no `created_at`).
 */
export class Migration20261205100000UniversityCatalogue extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "lecturer" add column "organization_org" text null;');
    this.addSql(`update "lecturer" set "organization_org" = 'university:mulia' where "organization_org" is null;`);
    this.addSql('alter table "lecturer" alter column "organization_org" set not null;');

    this.addSql('alter table "partnership" add column "provider_org" text null;');
    this.addSql(`update "partnership" set "provider_org" = 'university:mulia' where "provider_org" is null;`);
    this.addSql('alter table "partnership" alter column "provider_org" set not null;');
    // A provider's agreements with one school, read when a new one is checked for overlap.
    this.addSql('create index "partnership_provider_org_school_npsn_index" on "partnership" ("provider_org", "school_npsn");');

    this.addSql('alter table "training_program" add column "pass_mark" numeric(5,2) null check ("pass_mark" between 0 and 100);');
  }

  override async down(): Promise<void> {
    this.addSql('alter table "training_program" drop column "pass_mark";');
    this.addSql('drop index "partnership_provider_org_school_npsn_index";');
    this.addSql('alter table "partnership" drop column "provider_org";');
    this.addSql('alter table "lecturer" drop column "organization_org";');
  }
}
