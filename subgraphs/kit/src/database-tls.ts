import type { ConnectionOptions } from 'node:tls';
import { ConfigError, readPemSetting } from '@mitra/runtime';

/** The `sslmode` values a database URL may carry, as libpq reads them. */
export const SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

export interface DatabaseTls {
  mode: SslMode;
  /** The driver's `ssl` option: false for a plain connection. */
  ssl: false | ConnectionOptions;
}

/**
 * The TLS of a partner's database connection, from its URL's `sslmode`,
 * `sslrootcert`, `sslcert` and `sslkey`, with libpq's meanings (node-postgres
 * reads `require` as `verify-full`; MikroORM drops the parameters):
 * - no sslmode or `disable`: plain TCP (a database on the same host);
 * - `require`: encrypted, the server not verified, unless `sslrootcert` is
 *   given, which makes it `verify-ca` (as libpq does);
 * - `verify-ca`: the server's certificate must chain to `sslrootcert`
 *   (or the system's roots for `sslrootcert=system` or none), any host name;
 * - `verify-full`: and name the host of the URL.
 * `allow` and `prefer` fall back to a plain connection when TLS fails, which
 * the driver cannot do: refused rather than read as something else.
 */
export function databaseTls(databaseUrl: string, setting = 'DATABASE_URL'): DatabaseTls {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new ConfigError(`${setting} is not a URL`);
  }
  const params = url.searchParams;
  const given = params.get('sslmode') ?? 'disable';
  if (!(SSL_MODES as readonly string[]).includes(given)) {
    throw new ConfigError(`${setting}: sslmode=${given} is not supported; use one of ${SSL_MODES.join(', ')}`);
  }
  const rootCert = params.get('sslrootcert');
  const ownCert = params.get('sslcert');
  const ownKey = params.get('sslkey');
  if (Boolean(ownCert) !== Boolean(ownKey)) throw new ConfigError(`${setting}: sslcert and sslkey go together`);
  const mode: SslMode = given === 'require' && rootCert ? 'verify-ca' : (given as SslMode);
  if (mode === 'disable') return { mode, ssl: false };

  const ssl: ConnectionOptions = { rejectUnauthorized: mode !== 'require' };
  if (rootCert && rootCert !== 'system' && mode !== 'require') ssl.ca = readPemSetting(`${setting} sslrootcert`, rootCert);
  if (ownCert && ownKey) {
    ssl.cert = readPemSetting(`${setting} sslcert`, ownCert);
    ssl.key = readPemSetting(`${setting} sslkey`, ownKey);
  }
  // verify-ca: the chain only; the certificate may name another host (libpq's meaning).
  if (mode === 'verify-ca') ssl.checkServerIdentity = () => undefined;
  return { mode, ssl };
}
