import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { Duck } from './duck.ts';

/**
 * Rows between PostgreSQL and DuckDB go through CSV files in DuckDB's directory: PostgreSQL's COPY
 * writes and reads CSV as fast as it reads anything, DuckDB reads and writes it in parallel, and
 * Node only moves bytes (no row becomes a JavaScript value). In both CSV dialects an unquoted empty
 * field is NULL and `""` the empty string.
 */

/** `COPY (query) TO STDOUT` as CSV into `file`. */
export async function pgToCsv(client: pg.PoolClient, query: string, file: string): Promise<void> {
  await pipeline(client.query(copyStreams.to(`COPY (${query}) TO STDOUT (FORMAT csv)`)), fs.createWriteStream(file));
}

/** DuckDB's `query` as a CSV file (no header), then `COPY table (columns) FROM STDIN` in PostgreSQL; returns the rows copied. */
export async function duckToPg(duck: Duck, client: pg.PoolClient, query: string, table: string, columns: string, name: string): Promise<number> {
  const file = `${duck.dir}/${name}.csv`;
  await duck.run(`COPY (${query}) TO '${file}' (FORMAT csv, HEADER false)`);
  const stream = client.query(copyStreams.from(`COPY ${table} (${columns}) FROM STDIN (FORMAT csv)`));
  await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), stream);
  fs.rmSync(file, { force: true });
  return Number(stream.rowCount ?? 0);
}

/** A PostgreSQL query's rows as a DuckDB table (`columns`: DuckDB's names and types, in the query's order). */
export async function pgToDuck(client: pg.PoolClient, duck: Duck, query: string, table: string, columns: Record<string, string>, name: string): Promise<void> {
  const file = `${duck.dir}/${name}.csv`;
  await pgToCsv(client, query, file);
  const spec = Object.entries(columns)
    .map(([c, t]) => `'${c}': '${t}'`)
    .join(', ');
  await duck.run(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM read_csv('${file}', header = false, auto_detect = false, allow_quoted_nulls = false, columns = {${spec}})`);
  fs.rmSync(file, { force: true });
}
