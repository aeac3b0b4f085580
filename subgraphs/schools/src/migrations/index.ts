import type { MigrationEntry } from '@mitra/kit';
import { Migration20261127100000Schools } from './Migration20261127100000Schools';
import { Migration20261205100000SchoolsOrganizations } from './Migration20261205100000SchoolsOrganizations';
import { Migration20261215100000SchoolsTrainingNeeds } from './Migration20261215100000SchoolsTrainingNeeds';
import { Migration20261220100000SchoolsStatisticsVersion } from './Migration20261220100000SchoolsStatisticsVersion';

/**
 * Committed migrations, in order; the ORM never creates the schema by itself.
 * Their names sort in the order they run (a test checks it).
 */
export const migrations: MigrationEntry[] = [
  { name: 'Migration20261127100000Schools', class: Migration20261127100000Schools },
  { name: 'Migration20261205100000SchoolsOrganizations', class: Migration20261205100000SchoolsOrganizations },
  { name: 'Migration20261215100000SchoolsTrainingNeeds', class: Migration20261215100000SchoolsTrainingNeeds },
  { name: 'Migration20261220100000SchoolsStatisticsVersion', class: Migration20261220100000SchoolsStatisticsVersion },
];
