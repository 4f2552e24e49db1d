import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import copyStreams from 'pg-copy-streams';

/**
 * A batch's rows as Parquet files (docs/department-rows.md), kept in `department_row_files`: one
 * part per file, each file at most PIECE_ROWS rows (fast-import.ts), so that a part is sent, read
 * and backed up (as one line) whole at a bounded size. Written inside the import's transaction.
 */

/**
 * Stores the Parquet files `files` as the rows of `batchId`, one part each, in order: streamed by a
 * binary COPY, so that no file is ever whole in memory (a 12 MB query parameter cost some 40 MB of RSS).
 */
export async function storeRowFiles(tx: pg.PoolClient, batchId: string, comparedOn: string, files: string[]): Promise<void> {
  const uuid = Buffer.from(batchId.replace(/-/g, ''), 'hex');
  const days = Math.round((Date.parse(`${comparedOn}T00:00:00Z`) - Date.parse('2000-01-01T00:00:00Z')) / 86_400_000);
  await copyFilesIn(
    tx,
    'COPY department_row_files (batch_id, part, compared_on, data) FROM STDIN (FORMAT binary)',
    files.map((file, part) => ({ fields: [uuid, int4(part), int4(days)], file })),
  );
}

/** An integer (int4, date as days since 2000-01-01) as a field of PostgreSQL's binary COPY. */
export function int4(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n, 0);
  return b;
}

/**
 * A binary COPY (`copySql`, FROM STDIN (FORMAT binary)) of rows whose fields are `fields` (each
 * already in PostgreSQL's binary form) and last the bytes of `file`, streamed from disk.
 */
export async function copyFilesIn(tx: pg.PoolClient, copySql: string, rows: { fields: Buffer[]; file: string }[]): Promise<void> {
  async function* copyData(): AsyncGenerator<Buffer> {
    // PostgreSQL's binary COPY: signature, flags, header extension; per row its field count and each field's length and bytes; -1.
    yield Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
    for (const { fields, file } of rows) {
      const head = Buffer.alloc(2 + fields.reduce((n, f) => n + 4 + f.length, 0) + 4);
      let at = head.writeInt16BE(fields.length + 1, 0);
      for (const f of fields) {
        at = head.writeInt32BE(f.length, at);
        at += f.copy(head, at);
      }
      head.writeInt32BE(fs.statSync(file).size, at);
      yield head;
      for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) yield chunk as Buffer;
    }
    const trailer = Buffer.alloc(2);
    trailer.writeInt16BE(-1, 0);
    yield trailer;
  }
  await pipeline(Readable.from(copyData()), tx.query(copyStreams.from(copySql)));
}

/**
 * The one bytea value `query` selects (one row, one column), written to `file` by a binary COPY
 * streamed to disk (a query's result would arrive as text, whole in memory). False, and no file,
 * when the query selects no row.
 */
export async function fetchValueToFile(tx: pg.PoolClient, query: string, file: string): Promise<boolean> {
  const value = new BinaryCopyValue();
  await pipeline(tx.query(copyStreams.to(`COPY (${query}) TO STDOUT (FORMAT binary)`)), value, fs.createWriteStream(file));
  if (value.isFound) return true;
  fs.rmSync(file, { force: true });
  return false;
}

/** The row files of `batchIds`, written into `dir` (`<batch>-<part>.parquet`), and their paths. */
export async function fetchRowFiles(tx: pg.PoolClient, batchIds: string[], dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const batchId of batchIds) {
    const { rows: parts } = await tx.query<{ part: number }>('SELECT part FROM department_row_files WHERE batch_id = $1 ORDER BY part', [batchId]);
    for (const { part } of parts) {
      const file = path.join(dir, `${batchId}-${part}.parquet`);
      if (!(await fetchValueToFile(tx, `SELECT data FROM department_row_files WHERE batch_id = ${tx.escapeLiteral(batchId)}::uuid AND part = ${Number(part)}`, file))) {
        throw new Error(`The row file ${batchId} part ${part} is gone`);
      }
      files.push(file);
    }
  }
  return files;
}


/**
 * The bytes of the single value of a binary COPY of one row and one column: the 19-byte header,
 * the row's field count (2 bytes) and the value's length (4) come first, the trailer (2 bytes, -1)
 * last; a COPY of no row is the header and the trailer (`isFound` false).
 */
class BinaryCopyValue extends Transform {
  private skip = 19 + 2 + 4;
  private left = -1;
  private head = Buffer.alloc(0);
  isFound = false;
  private isEmpty = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let data = chunk;
    if (this.isEmpty) return done();
    if (this.left < 0) {
      this.head = Buffer.concat([this.head, data]);
      if (this.head.length >= 21 && this.head.readInt16BE(19) === -1) {
        this.isEmpty = true;
        return done();
      }
      if (this.head.length < this.skip) return done();
      this.left = this.head.readInt32BE(this.skip - 4);
      this.isFound = true;
      data = this.head.subarray(this.skip);
      this.head = Buffer.alloc(0);
    }
    const take = Math.min(this.left, data.length);
    if (take > 0) this.push(data.subarray(0, take));
    this.left -= take;
    done();
  }

  override _flush(done: TransformCallback): void {
    done(this.isEmpty || this.left === 0 ? null : new Error('The row file ended before its value did'));
  }
}
