import { Migration } from '@mikro-orm/migrations';
import { statisticsVersionDownSql, statisticsVersionUpSql } from '@mitra/kit';

/** The tables the skb's training statistics count. */
const TABLES = ['training_event', 'registration'];

/** The data version of the protected training statistics (kit statistics-version.ts). */
export class Migration20261221100000SkbStatisticsVersion extends Migration {
  override async up(): Promise<void> {
    for (const sql of statisticsVersionUpSql(TABLES)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of statisticsVersionDownSql(TABLES)) this.addSql(sql);
  }
}
