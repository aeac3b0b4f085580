import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A key pair's files (PEM). */
export interface Issued {
  cert: string;
  key: string;
}

/** Certificates a TLS test needs, made on the fly in a folder of its own (never committed, valid two days). */
export interface Certificates {
  dir: string;
  /** The test CA that signs everything below. */
  ca: Issued;
  /** A CA nobody trusts: what a partner's certificate looks like to a gateway given the wrong CA. */
  otherCa: Issued;
  /** Server certificate for 127.0.0.1 and localhost. */
  server: Issued;
  /** Server certificate for `localhost` only: checked by name, it fails for 127.0.0.1. */
  localhostOnly: Issued;
  /** Client certificate (the gateway's, for subgraphs that require one). */
  client: Issued;
  /** A client certificate from the other CA. */
  strangerClient: Issued;
  /** A file's text. */
  read(file: string): string;
}

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

function makeCa(dir: string, name: string): Issued {
  const issued = { cert: path.join(dir, `${name}.pem`), key: path.join(dir, `${name}.key`) };
  openssl([
    'req',
    '-x509',
    ...EC_KEY,
    '-keyout',
    issued.key,
    '-out',
    issued.cert,
    '-days',
    '2',
    '-subj',
    `/CN=Mitra test ${name}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  return issued;
}

function issue(dir: string, ca: Issued, name: string, extensions: string[]): Issued {
  const issued = { cert: path.join(dir, `${name}.pem`), key: path.join(dir, `${name}.key`) };
  const csr = path.join(dir, `${name}.csr`);
  const ext = path.join(dir, `${name}.ext`);
  fs.writeFileSync(ext, ['basicConstraints=CA:FALSE', ...extensions].join('\n') + '\n');
  openssl(['req', '-new', ...EC_KEY, '-keyout', issued.key, '-out', csr, '-subj', `/CN=${name}`]);
  openssl([
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    ca.cert,
    '-CAkey',
    ca.key,
    '-CAcreateserial',
    '-out',
    issued.cert,
    '-days',
    '2',
    '-extfile',
    ext,
  ]);
  return issued;
}

/** Makes a CA and the certificates above with the openssl command (OpenSSL 3 on the developers' machines and CI). */
export function makeCertificates(dir: string): Certificates {
  fs.mkdirSync(dir, { recursive: true });
  const ca = makeCa(dir, 'ca');
  const otherCa = makeCa(dir, 'other-ca');
  const server = ['extendedKeyUsage=serverAuth', 'keyUsage=critical,digitalSignature'];
  const client = ['extendedKeyUsage=clientAuth', 'keyUsage=critical,digitalSignature'];
  return {
    dir,
    ca,
    otherCa,
    server: issue(dir, ca, 'server', [...server, 'subjectAltName=DNS:localhost,IP:127.0.0.1']),
    localhostOnly: issue(dir, ca, 'localhost-only', [...server, 'subjectAltName=DNS:localhost']),
    client: issue(dir, ca, 'gateway-client', client),
    strangerClient: issue(dir, otherCa, 'stranger-client', client),
    read: (file) => fs.readFileSync(file, 'utf8'),
  };
}
