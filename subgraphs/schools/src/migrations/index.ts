import { Migration20261127100000Schools } from './Migration20261127100000Schools';

/** Committed migrations, in order; the ORM never creates the schema by itself. */
export const migrations = [{ name: 'Migration20261127100000Schools', class: Migration20261127100000Schools }];
