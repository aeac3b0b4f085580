import { Migration20261127300000Skb } from './Migration20261127300000Skb';

/** Committed migrations, in order; the ORM never creates the schema by itself. */
export const migrations = [{ name: 'Migration20261127300000Skb', class: Migration20261127300000Skb }];
