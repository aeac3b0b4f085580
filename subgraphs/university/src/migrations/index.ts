import type { MigrationEntry } from '@mitra/kit';
import { Migration20261127200000University } from './Migration20261127200000University';

/**
 * Committed migrations, in order; the ORM never creates the schema by itself.
 * Their names sort in the order they run (a test checks it).
 */
export const migrations: MigrationEntry[] = [{ name: 'Migration20261127200000University', class: Migration20261127200000University }];
