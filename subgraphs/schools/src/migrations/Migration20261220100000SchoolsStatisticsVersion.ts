import { Migration } from '@mikro-orm/migrations';

const TABLES = ['district', 'school', 'teacher', 'qualification', 'training_need'];

/**
 * The data version of the protected statistics (issue 14): one row, bumped
 * by a statement trigger in the same transaction as every write to the
 * tables the statistics count, whoever writes (the API, a seed, an operator
 * with psql). A reader sees the new version only once the write has
 * committed, together with the rows it wrote, so a table set computed in one
 * snapshot with its version is never kept under a newer version. `epoch`
 * tells a recreated database from the old one.
 */
export class Migration20261220100000SchoolsStatisticsVersion extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "statistics_version" (
      "id" int primary key check ("id" = 1),
      "epoch" uuid not null default gen_random_uuid(),
      "version" bigint not null default 0
    );`);
    this.addSql('insert into "statistics_version" ("id") values (1);');
    this.addSql(`create function "bump_statistics_version"() returns trigger language plpgsql as $$
      begin
        update "statistics_version" set "version" = "version" + 1 where "id" = 1;
        return null;
      end $$;`);
    for (const table of TABLES)
      this.addSql(
        `create trigger "${table}_statistics_version" after insert or update or delete or truncate on "${table}"
           for each statement execute function "bump_statistics_version"();`,
      );
  }

  override async down(): Promise<void> {
    for (const table of TABLES) this.addSql(`drop trigger if exists "${table}_statistics_version" on "${table}";`);
    this.addSql('drop function if exists "bump_statistics_version"();');
    this.addSql('drop table if exists "statistics_version";');
  }
}
