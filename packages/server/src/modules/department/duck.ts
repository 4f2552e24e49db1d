import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { isAlive } from '../../db/embedded.ts';

/**
 * DuckDB in process, for one department import or re-comparison (docs/department-rows.md): a
 * database file in a temporary directory of its own, removed when the work ends (DuckDB keeps no
 * state: the rows it writes go to PostgreSQL). Offline: no extension is installed or loaded
 * (Parquet and JSON are built in). Its memory is bounded (`FANGPIN_DUCKDB_MEMORY`, default 160 MB;
 * DuckDB spills to the directory beyond it) and it uses at most two threads.
 * `FANGPIN_DUCKDB_TRACE=1` prints each statement's time and the process's RSS to stderr.
 */
export type Duck = {
  dir: string;
  run(sql: string): Promise<void>;
  /** The rows of a query as plain objects (BIGINTs as numbers when safe). */
  all<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  connection: DuckDBConnection;
  close(): void;
};

export async function openDuck(label: string): Promise<Duck> {
  const base = process.env.FANGPIN_DUCKDB_TMP ?? os.tmpdir();
  sweepOrphans(base);
  // Readable by this user only (mkdtemp): while DuckDB works its files hold the file's lines, ID numbers
  // in clear, as the upload itself does.
  const dir = fs.mkdtempSync(path.join(base, `${DIR_PREFIX}${label}-${process.pid}-`));
  const trace = process.env.FANGPIN_DUCKDB_TRACE === '1';
  let instance: DuckDBInstance | undefined;
  try {
    instance = await DuckDBInstance.create(path.join(dir, 'work.duckdb'), {
      memory_limit: process.env.FANGPIN_DUCKDB_MEMORY ?? '160MB',
      threads: '2',
      temp_directory: path.join(dir, 'spill'),
      preserve_insertion_order: 'true',
      // Give freed memory back to the system soon (the process's RSS, not only DuckDB's buffers, is what counts).
      allocator_flush_threshold: process.env.FANGPIN_DUCKDB_FLUSH ?? '4MB',
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      enable_external_access: 'true',
    });
    const connection = await instance.connect();
    const timed = async <R>(sql: string, work: () => Promise<R>): Promise<R> => {
      const t0 = performance.now();
      try {
        return await work();
      } finally {
        if (trace) process.stderr.write(`duckdb ${Math.round(performance.now() - t0)} ms, rss ${Math.round(process.memoryUsage.rss() / 1048576)} MB: ${sql.replace(/\s+/g, ' ').slice(0, 160)}\n`);
      }
    };
    const owned = instance;
    let isClosed = false;
    return {
      dir,
      connection,
      run: (sql) => timed(sql, async () => void (await connection.run(sql))),
      all: <T,>(sql: string) =>
        timed(sql, async () => {
          const reader = await connection.runAndReadAll(sql);
          return reader.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v]))) as T[];
        }),
      close() {
        if (isClosed) return;
        isClosed = true;
        try {
          connection.closeSync();
          owned.closeSync();
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    instance?.closeSync();
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

const DIR_PREFIX = 'fangpin-duckdb-';

/**
 * Removes the directories DuckDB left when its process was killed (an import stopped halfway): they
 * may hold a file's lines, ID numbers in clear. A directory names its process; one whose process is
 * gone goes (a process of the same number still running keeps it: the safe side).
 */
export function sweepOrphans(base: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(base);
  } catch {
    return;
  }
  for (const name of names) {
    const match = new RegExp(`^${DIR_PREFIX}[a-z]+-(\\d+)-`).exec(name);
    if (!match || Number(match[1]) === process.pid || isAlive(Number(match[1]))) continue;
    fs.rmSync(path.join(base, name), { recursive: true, force: true });
  }
}

/** `work` with a DuckDB of its own (`openDuck`), closed and its directory removed however it ends. */
export async function withDuck<T>(label: string, work: (duck: Duck) => Promise<T>): Promise<T> {
  const duck = await openDuck(label);
  try {
    return await work(duck);
  } finally {
    duck.close();
  }
}

/** A value as a DuckDB SQL string literal. */
export function duckString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
