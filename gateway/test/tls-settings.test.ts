import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadGatewayConfig } from '../src/config';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-gateway-tls-'));
const pem = (name: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${name} PEM`);
  return file;
};
const [ca, cert, key] = [pem('ca.pem'), pem('cert.pem'), pem('key.pem')];
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('TLS settings of the gateway', () => {
  it('none: plain http both ways', () => {
    expect(loadGatewayConfig({})).toMatchObject({ tls: null, subgraphTls: null });
  });

  it('reads the files it is given', () => {
    const config = loadGatewayConfig({
      TLS_CERT_FILE: cert,
      TLS_KEY_FILE: key,
      SUBGRAPH_CA_FILE: ca,
      SUBGRAPH_CLIENT_CERT_FILE: cert,
      SUBGRAPH_CLIENT_KEY_FILE: key,
    });
    expect(config.tls).toEqual({ cert: 'cert.pem PEM', key: 'key.pem PEM' });
    expect(config.subgraphTls).toEqual({ ca: 'ca.pem PEM', cert: 'cert.pem PEM', key: 'key.pem PEM' });
  });

  it.each([
    [{ TLS_CERT_FILE: cert }, 'TLS_CERT_FILE and TLS_KEY_FILE go together'],
    [{ TLS_CLIENT_CA_FILE: ca }, 'TLS_CLIENT_CA_FILE needs TLS_CERT_FILE and TLS_KEY_FILE'],
    [{ SUBGRAPH_CLIENT_KEY_FILE: key }, 'SUBGRAPH_CLIENT_CERT_FILE and SUBGRAPH_CLIENT_KEY_FILE go together'],
    [{ SUBGRAPH_CA_FILE: path.join(dir, 'missing.pem') }, `SUBGRAPH_CA_FILE: cannot read ${path.join(dir, 'missing.pem')} (ENOENT)`],
  ])('refuses %j', (env, message) => {
    expect(() => loadGatewayConfig(env as Record<string, string>)).toThrow(message);
  });
});
