import { Migration } from '@mikro-orm/migrations';
import { statisticsVersionDownSql, statisticsVersionUpSql } from '@mitra/kit';

/** The tables the schools' statistics count. */
const TABLES = ['district', 'school', 'teacher', 'qualification', 'training_need'];

/** The data version of the protected statistics (kit statistics-version.ts). */
export class Migration20261220100000SchoolsStatisticsVersion extends Migration {
  override async up(): Promise<void> {
    for (const sql of statisticsVersionUpSql(TABLES)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of statisticsVersionDownSql(TABLES)) this.addSql(sql);
  }
}
