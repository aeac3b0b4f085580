import { Migration } from '@mikro-orm/migrations';

/**
 * Every program belongs to one university or training provider, and only its
 * tokens record results for it. Until now the hub served one university,
 * Universitas Mulia, so the programs that exist are its own.
 */
export class Migration20261205000000UniversityProgramProvider extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "training_program" add column "provider_org" text null;');
    this.addSql(`update "training_program" set "provider_org" = 'university:mulia' where "provider_org" is null;`);
    this.addSql('alter table "training_program" alter column "provider_org" set not null;');
    this.addSql('create index "training_program_provider_org_index" on "training_program" ("provider_org");');
  }

  override async down(): Promise<void> {
    this.addSql('drop index "training_program_provider_org_index";');
    this.addSql('alter table "training_program" drop column "provider_org";');
  }
}
