import type { MigrationEntry } from '@mitra/kit';
import { Migration20261127100000Schools } from './Migration20261127100000Schools';

/**
 * Committed migrations, in order; the ORM never creates the schema by itself.
 * Their names sort in the order they run (a test checks it).
 */
export const migrations: MigrationEntry[] = [{ name: 'Migration20261127100000Schools', class: Migration20261127100000Schools }];
