import { runSeedCli } from '@mitra/fixtures';
import { seedDemo } from './seeds/demo';
import { entities, migrations, tables } from './subgraph';
import { seedSynthetic } from './seeds/synthetic';

runSeedCli({ name: 'schools', entities, migrations, tables, seedDemo, seedSynthetic }).catch((error: unknown) => {
  console.error(`[schools] seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
