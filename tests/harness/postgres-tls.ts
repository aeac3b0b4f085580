import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { Issued } from './certificates';

const SETTINGS = ['ssl', 'ssl_cert_file', 'ssl_key_file'];

function adminUrl(): string {
  const url = process.env.MITRA_POSTGRES_ADMIN_URL;
  if (!url) throw new Error('MITRA_POSTGRES_ADMIN_URL is not set: the shared hub runs the embedded PostgreSQL (global-setup.ts)');
  return url;
}

async function asAdmin(statements: string[]): Promise<void> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Turns TLS on in the shared hub's embedded PostgreSQL with `server`'s
 * certificate (ALTER SYSTEM, then a reload: no restart, plain connections
 * keep working). As root, PostgreSQL runs as the OS user `postgres`, which
 * must own a copy of the key (mode 0600, or it refuses it).
 */
export async function enablePostgresTls(server: Issued, dir: string): Promise<void> {
  const cert = path.join(dir, 'postgres-server.pem');
  const key = path.join(dir, 'postgres-server.key');
  fs.copyFileSync(server.cert, cert);
  fs.copyFileSync(server.key, key);
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(cert, 0o644);
  fs.chmodSync(key, 0o600);
  if (process.getuid?.() === 0) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    fs.chownSync(key, id('-u'), id('-g'));
  }
  await asAdmin([
    `alter system set ssl_cert_file = '${cert}'`,
    `alter system set ssl_key_file = '${key}'`,
    'alter system set ssl = on',
    'select pg_reload_conf()',
  ]);
}

/** Puts the server back as it was: TLS off. */
export async function disablePostgresTls(): Promise<void> {
  await asAdmin([...SETTINGS.map((setting) => `alter system reset ${setting}`), 'select pg_reload_conf()']);
}

/** How many client connections to `database` use TLS, and how many do not (pg_stat_ssl). */
export async function tlsConnections(database: string): Promise<{ tls: number; plain: number }> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ tls: number; plain: number }>(
      `select count(*) filter (where s.ssl)::int as tls, count(*) filter (where not s.ssl)::int as plain
         from pg_stat_ssl s join pg_stat_activity a using (pid)
        where a.datname = $1 and a.backend_type = 'client backend'`,
      [database],
    );
    return rows[0];
  } finally {
    await client.end();
  }
}
