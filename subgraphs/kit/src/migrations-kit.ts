import { Migration } from '@mikro-orm/migrations';

/**
 * Bookkeeping that every subgraph database has: which data sets (demo,
 * synthetic) were loaded, so that `npm start` loads the demo data only once.
 */
export class Migration20261127000000Kit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table if not exists "mitra_meta" (
      "key" text primary key,
      "value" text not null,
      "updated_at" timestamptz not null default now()
    );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "mitra_meta";');
  }
}
