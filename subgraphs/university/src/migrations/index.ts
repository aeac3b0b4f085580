import type { MigrationEntry } from '@mitra/kit';
import { Migration20261127200000University } from './Migration20261127200000University';
import { Migration20261205000000UniversityProgramProvider } from './Migration20261205000000UniversityProgramProvider';
import { Migration20261205100000UniversityCatalogue } from './Migration20261205100000UniversityCatalogue';
import { Migration20261212000000UniversityTierProgression } from './Migration20261212000000UniversityTierProgression';
import { Migration20261213000000UniversityConsultation } from './Migration20261213000000UniversityConsultation';
import { Migration20261214000000UniversityFollowUp } from './Migration20261214000000UniversityFollowUp';
import { Migration20261221100000UniversityStatisticsVersion } from './Migration20261221100000UniversityStatisticsVersion';

/**
 * Committed migrations, in order; the ORM never creates the schema by itself.
 * Their names sort in the order they run (a test checks it).
 */
export const migrations: MigrationEntry[] = [
  { name: 'Migration20261127200000University', class: Migration20261127200000University },
  { name: 'Migration20261205000000UniversityProgramProvider', class: Migration20261205000000UniversityProgramProvider },
  { name: 'Migration20261205100000UniversityCatalogue', class: Migration20261205100000UniversityCatalogue },
  { name: 'Migration20261212000000UniversityTierProgression', class: Migration20261212000000UniversityTierProgression },
  { name: 'Migration20261213000000UniversityConsultation', class: Migration20261213000000UniversityConsultation },
  { name: 'Migration20261214000000UniversityFollowUp', class: Migration20261214000000UniversityFollowUp },
  { name: 'Migration20261221100000UniversityStatisticsVersion', class: Migration20261221100000UniversityStatisticsVersion },
];
