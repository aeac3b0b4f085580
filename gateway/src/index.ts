import cluster from 'node:cluster';
import { runService } from '@mitra/runtime';
import { loadGatewayConfig, type GatewayConfig } from './config';
import { createGatewayServer } from './server';
import { runPrimary } from './workers';

function main(): void {
  let config: GatewayConfig;
  try {
    config = loadGatewayConfig();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  // GATEWAY_WORKERS > 1: this process only looks after the workers, each of which runs the code below.
  if (cluster.isPrimary && config.workers > 1) return runPrimary(config);
  runService(async () => {
    const server = await createGatewayServer(config);
    return server.listen();
  });
}

main();
