import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { SUBGRAPH_NAMES, type SubgraphName } from '@mitra/runtime';

/**
 * The benchmark's floor: one database, `bench_floor`, holding a copy of all
 * three partners' tables (schemas `schools`, `university`, `skb`, with the
 * same indexes), so that an operation can be answered by a single SQL
 * statement. A benchmark artefact only: the product never reads it, and no
 * partner's database is touched (the copy is made through postgres_fdw,
 * read-only).
 */
export const FLOOR_DATABASE = 'bench_floor';

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;
const literal = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** Tables that hold no partner data. */
const BOOKKEEPING = new Set(['mikro_orm_migrations', 'mitra_meta']);

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** The partner's own tables (bookkeeping aside) and their index definitions, from its catalogue. */
async function partnerTables(url: string): Promise<{ tables: string[]; indexes: string[] }> {
  const partner = await connect(url);
  try {
    const tables = (
      await partner.query<{ tablename: string }>(`select tablename from pg_tables where schemaname = 'public' order by tablename`)
    ).rows
      .map((r) => r.tablename)
      .filter((t) => !BOOKKEEPING.has(t));
    const indexes = (
      await partner.query<{ indexdef: string }>(`select indexdef from pg_indexes where schemaname = 'public' and tablename = any($1)`, [
        tables,
      ])
    ).rows.map((r) => r.indexdef);
    return { tables, indexes };
  } finally {
    await partner.end();
  }
}

/** Copies one partner's tables, with their indexes, into the schema named after it (through a temporary postgres_fdw server). */
async function copyPartner(floor: Client, name: SubgraphName, url: string): Promise<void> {
  const source = new URL(url);
  const stage = `stage_${name}`;
  const server = `bench_src_${name}`;
  await floor.query(`drop schema if exists ${quote(name)} cascade`);
  await floor.query(`drop schema if exists ${quote(stage)} cascade`);
  await floor.query(`drop server if exists ${quote(server)} cascade`);
  await floor.query(
    `create server ${quote(server)} foreign data wrapper postgres_fdw options (host ${literal(source.hostname)}, port ${literal(source.port || '5432')}, dbname ${literal(decodeURIComponent(source.pathname.slice(1)))})`,
  );
  await floor.query(
    `create user mapping for current_user server ${quote(server)} options (user ${literal(decodeURIComponent(source.username))}, password ${literal(decodeURIComponent(source.password))})`,
  );
  await floor.query(`create schema ${quote(stage)}`);
  await floor.query(`create schema ${quote(name)}`);
  const { tables, indexes } = await partnerTables(url);
  await floor.query(
    `import foreign schema public limit to (${tables.map(quote).join(', ')}) from server ${quote(server)} into ${quote(stage)}`,
  );
  for (const table of tables) {
    await floor.query(`create table ${quote(name)}.${quote(table)} as select * from ${quote(stage)}.${quote(table)}`);
  }
  for (const definition of indexes) {
    await floor.query(definition.replace(/ ON public\./, ` ON ${quote(name)}.`));
  }
  await floor.query(`drop schema ${quote(stage)} cascade`);
  await floor.query(`drop server ${quote(server)} cascade`);
}

/**
 * What the copy was made of: the data set and the migrations each partner's
 * database has applied (a migration since the copy, such as a new column,
 * makes it stale even when the data set is the same).
 */
async function copyMarker(urls: Record<SubgraphName, string>, label: string): Promise<string> {
  const hash = createHash('sha1');
  for (const name of SUBGRAPH_NAMES) {
    const partner = await connect(urls[name]);
    try {
      const { rows } = await partner.query<{ name: string }>('select name from mikro_orm_migrations order by name');
      hash.update(`${name}:${rows.map((r) => r.name).join(',')};`);
    } finally {
      await partner.end();
    }
  }
  return `${label} (migrations ${hash.digest('hex').slice(0, 12)})`;
}

/**
 * Makes `bench_floor` hold exactly `label`'s rows, in the partners' current
 * tables (so after their migrations: the hub applies them when it starts):
 * skipped when its marker already says so. Returns the floor database's URL.
 */
export async function ensureFloor(urls: Record<SubgraphName, string>, label: string, log: (line: string) => void): Promise<string> {
  const floorUrl = withDatabase(urls.schools, FLOOR_DATABASE);
  const admin = await connect(withDatabase(urls.schools, 'postgres'));
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [FLOOR_DATABASE]);
    if (!rowCount) await admin.query(`create database ${quote(FLOOR_DATABASE)}`);
  } finally {
    await admin.end();
  }

  const marker = await copyMarker(urls, label);
  const floor = await connect(floorUrl);
  try {
    await floor.query('create table if not exists bench_meta (key text primary key, value text not null)');
    const { rows } = await floor.query<{ value: string }>(`select value from bench_meta where key = 'dataset'`);
    if (rows[0]?.value === marker) {
      log(`Floor: ${FLOOR_DATABASE} already holds ${marker}`);
      return floorUrl;
    }
    const started = Date.now();
    log(
      `Floor: copying the three partners' tables into ${FLOOR_DATABASE} (one database, for the single-SQL baseline)${rows[0] ? `: it held ${rows[0].value}` : ''}`,
    );
    await floor.query('create extension if not exists postgres_fdw');
    for (const name of SUBGRAPH_NAMES) await copyPartner(floor, name, urls[name]);
    await floor.query('vacuum analyze');
    await floor.query(`insert into bench_meta (key, value) values ('dataset', $1) on conflict (key) do update set value = excluded.value`, [
      marker,
    ]);
    log(`Floor: ${FLOOR_DATABASE} holds ${marker} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return floorUrl;
  } finally {
    await floor.end();
  }
}

/** Runs the floor SQL once and returns its JSON (to check it answers). */
export async function probeFloor(floorUrl: string, sql: string, params: unknown[]): Promise<unknown> {
  const client = await connect(floorUrl);
  try {
    const { rows } = await client.query<{ data: unknown }>(sql, params);
    return rows[0]?.data;
  } finally {
    await client.end();
  }
}

/** `connections` clients, each running the statement back to back for `seconds`; every latency in ms. */
export async function loadFloor(
  floorUrl: string,
  sql: string,
  params: unknown[],
  connections: number,
  seconds: number,
): Promise<{ latencies: number[]; seconds: number; errors: number }> {
  const clients = await Promise.all(Array.from({ length: connections }, () => connect(floorUrl)));
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  try {
    await Promise.all(
      clients.map(async (client, n) => {
        // A named statement is planned once per connection, as a tuned client would.
        const query = { name: `floor_${n}`, text: sql, values: params };
        while (performance.now() < deadline) {
          const t0 = performance.now();
          try {
            await client.query(query);
            latencies.push(performance.now() - t0);
          } catch {
            errors += 1;
          }
        }
      }),
    );
    return { latencies, seconds: (performance.now() - started) / 1000, errors };
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}
