import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '@mitra/runtime';
import { databaseTls } from '../src/database-tls';
import { loadSubgraphConfig } from '../src/subgraph-config';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-db-tls-'));
const ca = path.join(dir, 'root.pem');
const cert = path.join(dir, 'client.pem');
const key = path.join(dir, 'client.key');
fs.writeFileSync(ca, 'CA PEM');
fs.writeFileSync(cert, 'CLIENT CERT PEM');
fs.writeFileSync(key, 'CLIENT KEY PEM');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const BASE = 'postgres://u:p@db.partner.example:5432/mitra_skb';
const url = (query: string) => `${BASE}?${query}`;

describe('databaseTls: sslmode in a database URL, with libpq meanings', () => {
  it('no sslmode and disable: a plain connection', () => {
    expect(databaseTls(BASE)).toEqual({ mode: 'disable', ssl: false });
    expect(databaseTls(url('sslmode=disable'))).toEqual({ mode: 'disable', ssl: false });
  });

  it('require: encrypted without verifying the server', () => {
    expect(databaseTls(url('sslmode=require'))).toEqual({ mode: 'require', ssl: { rejectUnauthorized: false } });
  });

  it('require with sslrootcert verifies the chain, as libpq does', () => {
    const { mode, ssl } = databaseTls(url(`sslmode=require&sslrootcert=${ca}`));
    expect(mode).toBe('verify-ca');
    expect(ssl).toMatchObject({ rejectUnauthorized: true, ca: 'CA PEM' });
  });

  it('verify-ca: the chain, any host name', () => {
    const { ssl } = databaseTls(url(`sslmode=verify-ca&sslrootcert=${ca}`));
    expect(ssl).toMatchObject({ rejectUnauthorized: true, ca: 'CA PEM' });
    expect(ssl && ssl.checkServerIdentity?.('other.host', {} as never)).toBeUndefined();
  });

  it('verify-full: chain and host name (Node checks the name by default), with a client certificate', () => {
    const { mode, ssl } = databaseTls(url(`sslmode=verify-full&sslrootcert=${ca}&sslcert=${cert}&sslkey=${key}`));
    expect(mode).toBe('verify-full');
    expect(ssl).toEqual({ rejectUnauthorized: true, ca: 'CA PEM', cert: 'CLIENT CERT PEM', key: 'CLIENT KEY PEM' });
  });

  it('verify-full with sslrootcert=system or none: the system roots', () => {
    expect(databaseTls(url('sslmode=verify-full&sslrootcert=system')).ssl).toEqual({ rejectUnauthorized: true });
    expect(databaseTls(url('sslmode=verify-full')).ssl).toEqual({ rejectUnauthorized: true });
  });

  it.each([
    ['sslmode=prefer', 'sslmode=prefer is not supported; use one of disable, require, verify-ca, verify-full'],
    ['sslmode=allow', 'sslmode=allow is not supported'],
    ['sslmode=verify', 'sslmode=verify is not supported'],
    [`sslmode=require&sslcert=${cert}`, 'sslcert and sslkey go together'],
    ['sslmode=verify-full&sslrootcert=/nonexistent/root.pem', 'sslrootcert: cannot read /nonexistent/root.pem (ENOENT)'],
  ])('refuses %s, naming the setting', (query, message) => {
    expect(() => databaseTls(url(query), 'SKB_DATABASE_URL')).toThrow(ConfigError);
    expect(() => databaseTls(url(query), 'SKB_DATABASE_URL')).toThrow(`SKB_DATABASE_URL`);
    expect(() => databaseTls(url(query), 'SKB_DATABASE_URL')).toThrow(message);
  });

  it('a subgraph refuses to start with an unsupported sslmode', () => {
    expect(() => loadSubgraphConfig('skb', { SKB_DATABASE_URL: url('sslmode=prefer') })).toThrow(
      'SKB_DATABASE_URL: sslmode=prefer is not supported',
    );
  });
});
