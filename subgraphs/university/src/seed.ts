import { runSeedCli } from '@mitra/kit';
import { entities, migrations, seedDemo, tables } from './subgraph';

runSeedCli({ name: 'university', entities, migrations, tables, seedDemo }).catch((error: unknown) => {
  console.error(`[university] seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
