import { Migration } from '@mikro-orm/migrations';

/**
 * Every venue belongs to one SKB, and only that SKB's tokens run events at
 * it. Until now the hub served one SKB, SKB Balikpapan Selatan, so the venues
 * that exist are its own.
 */
export class Migration20261205000000SkbVenueOwner extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "venue" add column "owner_org" text null;');
    this.addSql(`update "venue" set "owner_org" = 'skb:balikpapan-selatan' where "owner_org" is null;`);
    this.addSql('alter table "venue" alter column "owner_org" set not null;');
    this.addSql('create index "venue_owner_org_index" on "venue" ("owner_org");');
  }

  override async down(): Promise<void> {
    this.addSql('drop index "venue_owner_org_index";');
    this.addSql('alter table "venue" drop column "owner_org";');
  }
}
