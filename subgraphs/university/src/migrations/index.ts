import { Migration20261127200000University } from './Migration20261127200000University';

/** Committed migrations, in order; the ORM never creates the schema by itself. */
export const migrations = [{ name: 'Migration20261127200000University', class: Migration20261127200000University }];
