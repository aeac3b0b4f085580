import { bySubgraph, partnerEnv, type SubgraphName } from '@mitra/runtime';

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run the end-to-end tests through jest (tests/jest.config.js), whose globalSetup starts the hub`);
  return value;
}

/** Where globalSetup started the hub. */
export function hubUrls(): { gateway: string; subgraphs: Record<SubgraphName, string>; databases: Record<SubgraphName, string> } {
  return {
    gateway: required('MITRA_GATEWAY_URL'),
    subgraphs: bySubgraph((name) => required(`MITRA_${partnerEnv(name).url}`)),
    databases: bySubgraph((name) => required(`MITRA_${partnerEnv(name).databaseUrl}`)),
  };
}

/** The secrets globalSetup gave the hub: tokens are signed with the first, the second proves "I am the gateway". */
export function hubSecrets(): { jwtSecret: string; gatewaySecret: string } {
  return { jwtSecret: required('MITRA_JWT_SECRET'), gatewaySecret: required('MITRA_GATEWAY_SECRET') };
}
