import { Migration20261127300000Skb } from './Migration20261127300000Skb';
import { Migration20261127130001SkbEventVersion } from './Migration20261127130001SkbEventVersion';
import { Migration20261127130002SkbActiveRegistrationUnique } from './Migration20261127130002SkbActiveRegistrationUnique';

/** Committed migrations, in order; the ORM never creates the schema by itself. */
export const migrations = [
  { name: 'Migration20261127300000Skb', class: Migration20261127300000Skb },
  { name: 'Migration20261127130001SkbEventVersion', class: Migration20261127130001SkbEventVersion },
  { name: 'Migration20261127130002SkbActiveRegistrationUnique', class: Migration20261127130002SkbActiveRegistrationUnique },
];
