import { loadGatewayConfig } from '../src/config';

const PRODUCTION = {
  NODE_ENV: 'production',
  JWKS_URL: 'https://idp.example/.well-known/jwks.json',
  GATEWAY_SECRET: 'a-production-gateway-secret-of-enough-length',
};

describe('HOST: where the gateway listens', () => {
  it('is loopback by default in development and tests', () => {
    expect(loadGatewayConfig({}).host).toBe('127.0.0.1');
    expect(loadGatewayConfig({ NODE_ENV: 'test' }).host).toBe('127.0.0.1');
    expect(loadGatewayConfig({ HOST: '' }).host).toBe('127.0.0.1');
  });

  it('is every interface by default in production, and HOST decides wherever it is set', () => {
    expect(loadGatewayConfig(PRODUCTION).host).toBe('0.0.0.0');
    expect(loadGatewayConfig({ ...PRODUCTION, HOST: '10.1.2.3' }).host).toBe('10.1.2.3');
    expect(loadGatewayConfig({ HOST: '::' }).host).toBe('::');
  });
});
