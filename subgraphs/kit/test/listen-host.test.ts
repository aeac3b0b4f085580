import { loadSubgraphConfig } from '../src/subgraph-config';

const DATABASE = { SKB_DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/mitra_skb' };
const PRODUCTION = {
  ...DATABASE,
  NODE_ENV: 'production',
  JWKS_URL: 'https://idp.example/.well-known/jwks.json',
  GATEWAY_SECRET: 'a-production-gateway-secret-of-enough-length',
  CURSOR_SECRET: 'a-production-cursor-secret-of-enough-length',
};

describe('HOST: where a subgraph listens', () => {
  it('is loopback by default in development and tests', () => {
    expect(loadSubgraphConfig('skb', DATABASE).host).toBe('127.0.0.1');
    expect(loadSubgraphConfig('skb', { ...DATABASE, NODE_ENV: 'test', HOST: '' }).host).toBe('127.0.0.1');
  });

  it('is every interface by default in production, and HOST decides wherever it is set', () => {
    expect(loadSubgraphConfig('skb', PRODUCTION).host).toBe('0.0.0.0');
    expect(loadSubgraphConfig('skb', { ...PRODUCTION, HOST: '192.0.2.10' }).host).toBe('192.0.2.10');
    expect(loadSubgraphConfig('skb', { ...DATABASE, HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });
});
