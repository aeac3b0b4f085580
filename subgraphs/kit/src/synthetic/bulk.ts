/**
 * Bulk loading without COPY: rows are gathered column by column and sent as
 * one `insert ... select * from unnest($1::uuid[], $2::text[], ...)` per
 * batch, so a batch of thousands of rows is one statement with one
 * parameter per column. While PostgreSQL stores one batch, the next is
 * being generated.
 */

/** The part of a `pg` client used here. */
export interface SqlClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

/**
 * One statement at a time on one connection (pg no longer queues overlapping
 * calls for you), in the order they were asked for: a batch that refers to
 * another table's rows always follows that table's batch.
 */
export function inOrder(client: SqlClient): SqlClient {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    query(text, values) {
      const run = tail.then(() => client.query(text, values));
      tail = run.catch(() => undefined);
      return run;
    },
  };
}

export type ColumnType = 'uuid' | 'text' | 'date' | 'timestamptz' | 'integer' | 'boolean' | 'numeric';

export const DEFAULT_BATCH_ROWS = 5000;

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

export class LoadProgress {
  private rows = 0;
  private readonly perTable = new Map<string, number>();
  private readonly started = Date.now();
  private lastReport = Date.now();

  constructor(
    private readonly name: string,
    private readonly totalTeachers: number,
    private readonly log: (line: string) => void = (line) => console.log(line),
    private readonly intervalMs = 2000,
  ) {}

  added(table: string, rows: number): void {
    this.rows += rows;
    this.perTable.set(table, (this.perTable.get(table) ?? 0) + rows);
  }

  /** How far the walk over all teachers is. */
  teachers(done: number): void {
    this.step('teachers', done, this.totalTeachers);
  }

  /** How far a walk over `total` things is; printed every few seconds. */
  step(what: string, done: number, total: number): void {
    const now = Date.now();
    if (now - this.lastReport >= this.intervalMs) {
      this.lastReport = now;
      const share = total ? Math.floor((100 * done) / total) : 100;
      this.log(`[${this.name}] ${what} ${String(share).padStart(3)}% (${fmt(done)}/${fmt(total)}), ${fmt(this.rows)} rows so far, ${fmt(this.rate())} rows/s`);
    }
  }

  get totalRows(): number {
    return this.rows;
  }

  get seconds(): number {
    return (Date.now() - this.started) / 1000;
  }

  rate(): number {
    return Math.round(this.rows / Math.max(0.001, this.seconds));
  }

  counts(): Record<string, number> {
    return Object.fromEntries(this.perTable);
  }
}

export function fmt(n: number): string {
  return n.toLocaleString('en');
}

/** One table's batch: `add()` a row of values in column order; `close()` sends the rest. */
export class BulkInsert {
  private readonly sql: string;
  private columns: unknown[][];
  private size = 0;
  private pending: Promise<void> | undefined;
  private failure: unknown;

  constructor(
    private readonly client: SqlClient,
    private readonly table: string,
    columns: ReadonlyArray<readonly [name: string, type: ColumnType]>,
    private readonly progress?: LoadProgress,
    /** A table whose rows these rows refer to (a foreign key): its batch is sent first. */
    private readonly after?: BulkInsert,
    private readonly batchRows = DEFAULT_BATCH_ROWS,
  ) {
    const names = columns.map(([name]) => quote(name)).join(', ');
    const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
    this.sql = `insert into ${quote(table)} (${names}) select * from unnest(${arrays})`;
    this.columns = columns.map(() => []);
  }

  /** Adds one row; every `batchRows` rows, waits for the previous batch and sends this one. */
  add(...values: unknown[]): Promise<void> | void {
    for (let c = 0; c < values.length; c++) this.columns[c].push(values[c]);
    this.size += 1;
    if (this.size >= this.batchRows) return this.flush();
  }

  /** Sends what has been gathered (after the referenced table's rows). */
  async flush(): Promise<void> {
    if (this.after) await this.after.flush();
    if (this.pending) await this.pending;
    if (this.failure) throw this.failure;
    if (!this.size) return;
    const columns = this.columns;
    const size = this.size;
    this.columns = columns.map(() => []);
    this.size = 0;
    // Not awaited: the next batch is generated while this one is stored.
    // A failure is kept (never left as an unhandled rejection) and thrown at the next flush.
    this.pending = this.client.query(this.sql, columns).then(
      () => this.progress?.added(this.table, size),
      (error: unknown) => {
        this.failure = error;
      },
    );
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.pending) await this.pending;
    if (this.failure) throw this.failure;
  }
}

/** A few rows as one multi-row insert (for small tables, and columns unnest cannot carry such as arrays). */
export async function insertValues(client: SqlClient, table: string, columns: string[], rows: unknown[][], progress?: LoadProgress): Promise<void> {
  if (!rows.length) return;
  const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => `(${row.map((v) => `$${values.push(v)}`).join(', ')})`);
    await client.query(`insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${tuples.join(', ')}`, values);
    progress?.added(table, chunk.length);
  }
}
