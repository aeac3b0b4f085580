import { runService } from '@mitra/kit';
import { loadGatewayConfig } from './config';
import { createGatewayServer } from './server';

runService(async () => {
  const server = await createGatewayServer(loadGatewayConfig());
  return server.listen();
});
