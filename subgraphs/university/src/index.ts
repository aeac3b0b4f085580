import 'reflect-metadata';
import { createLogger, createOrm, createSubgraphServer, loadSubgraphConfig, migrate, runService } from '@mitra/kit';
import { definition, entities, migrations } from './subgraph';

/** The university partner's service: its own database, its own port. */
async function main() {
  const config = loadSubgraphConfig('university');
  const orm = await createOrm({
    databaseUrl: config.databaseUrl,
    entities,
    migrations,
    poolMax: config.dbPoolMax,
    logger: createLogger('university', config.logLevel),
  });
  await migrate(orm);
  const server = await createSubgraphServer(definition, config, orm);
  return server.listen();
}

runService(main);
