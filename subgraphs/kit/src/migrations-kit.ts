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

/** The audit trail of writes, in every subgraph's own database. */
export class Migration20261127000001KitAudit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table if not exists "audit_log" (
      "id" bigint generated always as identity primary key,
      "at" timestamptz not null default now(),
      "actor_sub" text not null,
      "actor_org" text not null,
      "action" text not null,
      "entity" text not null,
      "entity_id" text not null,
      "details" jsonb not null default '{}'::jsonb
    );`);
    this.addSql('create index if not exists "audit_log_entity_index" on "audit_log" ("entity", "entity_id");');
    this.addSql('create index if not exists "audit_log_at_index" on "audit_log" ("at");');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "audit_log";');
  }
}
