import type { SubgraphName } from '@mitra/kit';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests through jest (tests/jest.config.js), whose globalSetup starts the hub`);
  return value;
}

/** Where globalSetup started the hub. */
export function hubUrls(): { gateway: string; subgraphs: Record<SubgraphName, string>; databases: Record<SubgraphName, string> } {
  return {
    gateway: required('MITRA_GATEWAY_URL'),
    subgraphs: {
      schools: required('MITRA_SCHOOLS_URL'),
      university: required('MITRA_UNIVERSITY_URL'),
      skb: required('MITRA_SKB_URL'),
    },
    databases: {
      schools: required('MITRA_SCHOOLS_DATABASE_URL'),
      university: required('MITRA_UNIVERSITY_DATABASE_URL'),
      skb: required('MITRA_SKB_DATABASE_URL'),
    },
  };
}

/** The secrets globalSetup gave the hub: tokens are signed with the first, the second proves "I am the gateway". */
export function hubSecrets(): { jwtSecret: string; gatewaySecret: string } {
  return { jwtSecret: required('MITRA_JWT_SECRET'), gatewaySecret: required('MITRA_GATEWAY_SECRET') };
}
