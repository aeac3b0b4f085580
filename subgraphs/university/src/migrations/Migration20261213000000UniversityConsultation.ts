import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 13: the competence areas a module teaches (the kit's CompetencyArea
 * values; none for modules written before), and the free consultation a
 * partner school requests from its provider.
 */
export class Migration20261213000000UniversityConsultation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "module" add column "areas" text[] not null default '{}';`);
    this.addSql('create index "module_areas_index" on "module" using gin ("areas");');
    this.addSql(
      `create table "consultation_request" (
        "id" uuid not null,
        "school_npsn" text not null,
        "provider_org" text not null,
        "topic" text check ("topic" in ('CHILD_LEARNING_DIFFICULTY', 'CHILD_DEVELOPMENT', 'CURRICULUM', 'LEARNING_ASSESSMENT', 'OTHER')) not null,
        "description" text not null,
        "requested_on" date not null,
        "status" text check ("status" in ('REQUESTED', 'SCHEDULED', 'DONE', 'DECLINED')) not null,
        "scheduled_at" timestamptz null,
        "consultant_id" uuid null,
        "version" int not null default 1,
        "created_at" timestamptz not null default now(),
        constraint "consultation_request_pkey" primary key ("id"),
        constraint "consultation_request_consultant_id_foreign" foreign key ("consultant_id") references "lecturer" ("id") on update cascade on delete set null
      );`,
    );
    this.addSql(
      'create index "consultation_request_school_npsn_requested_on_id_index" on "consultation_request" ("school_npsn", "requested_on", "id");',
    );
    this.addSql(
      'create index "consultation_request_provider_org_requested_on_id_index" on "consultation_request" ("provider_org", "requested_on", "id");',
    );
    this.addSql('create index "consultation_request_consultant_id_index" on "consultation_request" ("consultant_id");');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "consultation_request" cascade;');
    this.addSql('drop index if exists "module_areas_index";');
    this.addSql('alter table "module" drop column "areas";');
  }
}
