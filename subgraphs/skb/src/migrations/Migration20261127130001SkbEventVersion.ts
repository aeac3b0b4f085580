import { Migration } from '@mikro-orm/migrations';

/**
 * Optimistic concurrency for training events: `updateTrainingEvent` names the
 * version it read, and every change of the row moves it on. Rows that exist
 * start at 1, as new ones do.
 */
export class Migration20261127130001SkbEventVersion extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "training_event" add column "version" integer not null default 1;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table "training_event" drop column "version";');
  }
}
