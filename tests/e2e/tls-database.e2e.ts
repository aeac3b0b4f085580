import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { databaseTls } from '@mitra/kit';
import { makeCertificates, type Certificates } from '../harness/certificates';
import { hubUrls } from '../harness/env';
import { startExtraSubgraph } from '../harness/extra-subgraph';
import { makeDataDir } from '../harness/hub';
import { disablePostgresTls, enablePostgresTls, tlsConnections } from '../harness/postgres-tls';
import { until } from '../harness/wait';

/**
 * Issue 16: database URLs honour `sslmode`. The shared hub's embedded
 * PostgreSQL gets TLS turned on (with a certificate for `localhost` only,
 * made by the harness); the server itself says which connections use it
 * (pg_stat_ssl). Each mode is tried with the driver options the kit derives
 * from the URL, and a subgraph process is started on a verify-full URL.
 */

jest.setTimeout(60_000);

let certs: Certificates;
let dir: string;
const skbUrl = () => new URL(hubUrls().databases.skb);

/** The skb database's URL with `host` and the given query. */
function urlWith(host: string, query: Record<string, string>): string {
  const url = skbUrl();
  url.hostname = host;
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.toString();
}

/** Connects as the kit would for this URL; whether the server sees TLS on this very connection. */
async function connectedWithTls(url: string): Promise<boolean> {
  const parsed = new URL(url);
  const client = new Client({
    host: parsed.hostname,
    port: Number(parsed.port),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: parsed.pathname.slice(1),
    ssl: databaseTls(url).ssl,
    connectionTimeoutMillis: 5_000,
  });
  await client.connect();
  try {
    const { rows } = await client.query<{ ssl: boolean }>('select ssl from pg_stat_ssl where pid = pg_backend_pid()');
    return rows[0].ssl;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dir = makeDataDir('mitra-db-tls-');
  certs = makeCertificates(path.join(dir, 'certs'));
  await enablePostgresTls(certs.localhostOnly, dir);
});

afterAll(async () => {
  await disablePostgresTls();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('each sslmode, against a server whose certificate names localhost', () => {
  it('no sslmode and disable: plain', async () => {
    expect(await connectedWithTls(urlWith('127.0.0.1', {}))).toBe(false);
    expect(await connectedWithTls(urlWith('127.0.0.1', { sslmode: 'disable' }))).toBe(false);
  });

  it('require: encrypted, the certificate not checked', async () => {
    expect(await connectedWithTls(urlWith('127.0.0.1', { sslmode: 'require' }))).toBe(true);
  });

  it('verify-ca: encrypted, the chain checked, not the name', async () => {
    expect(await connectedWithTls(urlWith('127.0.0.1', { sslmode: 'verify-ca', sslrootcert: certs.ca.cert }))).toBe(true);
    await expect(connectedWithTls(urlWith('127.0.0.1', { sslmode: 'verify-ca', sslrootcert: certs.otherCa.cert }))).rejects.toThrow(
      /self-signed|unable to verify|certificate/i,
    );
  });

  it('verify-full: the chain and the name of the host in the URL', async () => {
    expect(await connectedWithTls(urlWith('localhost', { sslmode: 'verify-full', sslrootcert: certs.ca.cert }))).toBe(true);
    await expect(connectedWithTls(urlWith('127.0.0.1', { sslmode: 'verify-full', sslrootcert: certs.ca.cert }))).rejects.toThrow(
      /Hostname\/IP does not match certificate's altnames/,
    );
  });

  it('require with sslrootcert checks the chain, as libpq does', async () => {
    await expect(connectedWithTls(urlWith('127.0.0.1', { sslmode: 'require', sslrootcert: certs.otherCa.cert }))).rejects.toThrow(
      /certificate/i,
    );
  });
});

it('a subgraph on a verify-full URL reaches its database over TLS only', async () => {
  const before = await tlsConnections('mitra_skb');
  const skb = await startExtraSubgraph('skb', {
    SKB_DATABASE_URL: urlWith('localhost', { sslmode: 'verify-full', sslrootcert: certs.ca.cert }),
    DB_POOL_MAX: '2',
  });
  try {
    const response = await fetch(skb.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ venues { name } }' }),
    });
    const body = (await response.json()) as { data: { venues: unknown[] } };
    expect(body.data.venues.length).toBeGreaterThan(0);
    const during = await tlsConnections('mitra_skb');
    expect(during.tls).toBeGreaterThan(before.tls);
    // Its pool holds at most DB_POOL_MAX connections: every new connection is one of its own, and TLS.
    expect(during.plain).toBeLessThanOrEqual(before.plain);
  } finally {
    await skb.stop();
  }
  await until(async () => (await tlsConnections('mitra_skb')).tls === before.tls, 10_000, 'its connections did not close');
});

it('a subgraph whose database certificate does not name the host refuses to start', async () => {
  await expect(
    startExtraSubgraph('skb', { SKB_DATABASE_URL: urlWith('127.0.0.1', { sslmode: 'verify-full', sslrootcert: certs.ca.cert }) }),
  ).rejects.toThrow(/exited[\s\S]*altnames/);
});
