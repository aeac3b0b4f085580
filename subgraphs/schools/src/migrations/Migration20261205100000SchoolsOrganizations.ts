import { Migration } from '@mikro-orm/migrations';

/**
 * The directory of partner organisations other than schools (a school is
 * the organisation `school:<npsn>` of its row in "school"). It starts empty:
 * the demo and synthetic seeds fill it, an operator registers the partners
 * of a deployment, and an owner not registered yet still resolves (by its
 * id, with the kind its prefix names).
 */
export class Migration20261205100000SchoolsOrganizations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "organization" (
      "id" text not null primary key check ("id" ~ '^(skb|university|provider|government):[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$'),
      "kind" text not null check ("kind" in ('SKB', 'UNIVERSITY', 'TRAINING_PROVIDER', 'GOVERNMENT')),
      "name" text not null,
      "district_code" text null references "district" ("code"),
      constraint "organization_kind_matches_id" check (split_part("id", ':', 1) = case "kind"
        when 'SKB' then 'skb' when 'UNIVERSITY' then 'university' when 'TRAINING_PROVIDER' then 'provider' else 'government' end)
    );`);
    this.addSql('create index "organization_kind_index" on "organization" ("kind");');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "organization";');
  }
}
