import type { MigrationEntry } from '@mitra/kit';
import { Migration20261127130000Skb } from './Migration20261127130000Skb';
import { Migration20261127130001SkbEventVersion } from './Migration20261127130001SkbEventVersion';
import { Migration20261127130002SkbActiveRegistrationUnique } from './Migration20261127130002SkbActiveRegistrationUnique';
import { Migration20261205000000SkbVenueOwner } from './Migration20261205000000SkbVenueOwner';
import { Migration20261221100000SkbStatisticsVersion } from './Migration20261221100000SkbStatisticsVersion';

/**
 * Committed migrations, in order; the ORM never creates the schema by itself.
 * Their names sort in the order they run (a test checks it). The first was
 * called Migration20261127300000Skb, which sorted after the two that follow
 * it; databases that recorded it under that name are renamed by migrate().
 */
export const migrations: MigrationEntry[] = [
  { name: 'Migration20261127130000Skb', class: Migration20261127130000Skb, formerNames: ['Migration20261127300000Skb'] },
  { name: 'Migration20261127130001SkbEventVersion', class: Migration20261127130001SkbEventVersion },
  { name: 'Migration20261127130002SkbActiveRegistrationUnique', class: Migration20261127130002SkbActiveRegistrationUnique },
  { name: 'Migration20261205000000SkbVenueOwner', class: Migration20261205000000SkbVenueOwner },
  { name: 'Migration20261221100000SkbStatisticsVersion', class: Migration20261221100000SkbStatisticsVersion },
];
