import { Migration } from '@mikro-orm/migrations';

const AREAS = [
  'CHILD_DEVELOPMENT',
  'LEARNING_PLANNING',
  'PLAY_BASED_LEARNING',
  'LEARNING_ASSESSMENT',
  'CLASSROOM_MANAGEMENT',
  'PARENT_PARTNERSHIP',
  'INCLUSIVE_EDUCATION',
  'PROFESSIONAL_DEVELOPMENT',
]
  .map((a) => `'${a}'`)
  .join(', ');

/**
 * Training needs that a school states for one of its teachers or for the
 * whole school (issue 13). A need names a teacher of its own school (the
 * composite key makes the database hold that too). One open need per school,
 * teacher (or whole school) and area: the partial unique index, which the
 * write reports as CONFLICT on `input.area` when two arrive at once.
 */
export class Migration20261215100000SchoolsTrainingNeeds extends Migration {
  override async up(): Promise<void> {
    this.addSql('create unique index "teacher_id_school_npsn_unique" on "teacher" ("id", "school_npsn");');
    this.addSql(`create table "training_need" (
      "id" uuid primary key,
      "school_npsn" text not null references "school" ("npsn"),
      "teacher_id" uuid null,
      "area" text not null check ("area" in (${AREAS})),
      "stated_on" date not null,
      "status" text not null check ("status" in ('OPEN', 'PLANNED', 'MET')),
      "created_at" timestamptz not null default now(),
      constraint "training_need_teacher_of_school" foreign key ("teacher_id", "school_npsn")
        references "teacher" ("id", "school_npsn") on delete cascade
    );`);
    this.addSql('create index "training_need_school_npsn_stated_on_id_index" on "training_need" ("school_npsn", "stated_on", "id");');
    this.addSql('create index "training_need_teacher_id_index" on "training_need" ("teacher_id");');
    this.addSql(`create unique index "training_need_open_unique" on "training_need"
      ("school_npsn", coalesce("teacher_id", '00000000-0000-0000-0000-000000000000'::uuid), "area") where "status" = 'OPEN';`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "training_need";');
    this.addSql('drop index if exists "teacher_id_school_npsn_unique";');
  }
}
