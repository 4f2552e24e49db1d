import { parentPort } from 'node:worker_threads';
import type { ProblemParams, ProblemReason } from '@fangpin/domain';
import { AppError } from '../errors.ts';
import { estimateDataRows } from './count-rows.ts';
import type { ImportLimits } from './import-limits.ts';
import { NotPlainCsvError, readPlainCsvLines, scanTableFile } from './plain-csv.ts';
import { readTableRows, type TableRow } from './read-table.ts';

/**
 * The table worker: a thread that reads files (detects the encoding, parses CSV and XLSX, hashes),
 * so no file, however large or hostile, holds the server's event loop. It runs one task at a time
 * for table-worker-pool.ts and streams rows back in batches, at most as many ahead as the main
 * thread has asked for (`credits`), so a fast reader never fills the main thread's memory.
 */
export type TableTask =
  | { kind: 'rows'; file: string; limits: ImportLimits }
  | { kind: 'plainCsvLines'; file: string; limits: ImportLimits }
  | { kind: 'scan'; file: string }
  | { kind: 'estimateRows'; file: string; headerLines: number };

/** Rows packed for the transfer: a flat list of cells (one clone per string, no object per row). */
export type PackedRows = { numbers: Int32Array; counts: Int32Array; cells: string[]; sheetOf: Int32Array; sheets: string[] };
/** Lines of a plain CSV, joined by "\n" (one string to copy). */
export type PackedLines = { firstLine: number; count: number; text: string };

export type ToWorker = { type: 'start'; id: number; task: TableTask; credits: number } | { type: 'pull'; id: number } | { type: 'cancel'; id: number };
export type SerializedError = { code?: string; message: string; field?: string; row?: number; reason?: ProblemReason; params?: ProblemParams; extra?: Record<string, unknown>; isNotPlainCsv?: boolean };
export type FromWorker =
  | { type: 'rows'; id: number; rows: PackedRows }
  | { type: 'lines'; id: number; lines: PackedLines }
  | { type: 'done'; id: number; result?: unknown }
  | { type: 'error'; id: number; error: SerializedError };

/** A batch is sent at this many rows, or earlier once its cells hold this many characters. */
const BATCH_ROWS = 1000;
const BATCH_CHARS = 1 << 20;

let current: { id: number; credits: number; isCancelled: boolean; wake?: () => void } | undefined;

function send(message: FromWorker): void {
  parentPort!.postMessage(message);
}

/** Waits until the main thread wants another batch; false when the task was cancelled meanwhile. */
async function mayContinue(task: NonNullable<typeof current>): Promise<boolean> {
  while (task.credits <= 0 && !task.isCancelled) await new Promise<void>((resolve) => (task.wake = resolve));
  task.credits--;
  return !task.isCancelled;
}

function pack(rows: TableRow[]): PackedRows {
  const numbers = new Int32Array(rows.length);
  const counts = new Int32Array(rows.length);
  const sheetOf = new Int32Array(rows.length);
  const sheets: string[] = [];
  const cells: string[] = [];
  rows.forEach((row, i) => {
    numbers[i] = row.rowNumber;
    counts[i] = row.cells.length;
    for (const cell of row.cells) cells.push(cell);
    if (row.sheet === undefined) sheetOf[i] = -1;
    else {
      if (sheets[sheets.length - 1] !== row.sheet) sheets.push(row.sheet);
      sheetOf[i] = sheets.length - 1;
    }
  });
  return { numbers, counts, cells, sheetOf, sheets };
}

async function run(id: number, task: TableTask, credits: number): Promise<void> {
  const state = { id, credits, isCancelled: false } as NonNullable<typeof current>;
  current = state;
  try {
    if (task.kind === 'scan') return send({ type: 'done', id, result: await scanTableFile(task.file) });
    if (task.kind === 'estimateRows') return send({ type: 'done', id, result: await estimateDataRows(task.file, task.headerLines) });
    if (task.kind === 'plainCsvLines') {
      for await (const block of readPlainCsvLines(task.file, task.limits)) {
        if (!(await mayContinue(state))) break;
        send({ type: 'lines', id, lines: { firstLine: block.firstLine, count: block.lines.length, text: block.lines.join('\n') } });
      }
      return send({ type: 'done', id });
    }
    let batch: TableRow[] = [];
    let chars = 0;
    for await (const row of readTableRows(task.file, task.limits)) {
      batch.push(row);
      for (const cell of row.cells) chars += cell.length;
      if (batch.length < BATCH_ROWS && chars < BATCH_CHARS) continue;
      if (!(await mayContinue(state))) break;
      send({ type: 'rows', id, rows: pack(batch) });
      batch = [];
      chars = 0;
    }
    if (batch.length > 0 && (await mayContinue(state))) send({ type: 'rows', id, rows: pack(batch) });
    send({ type: 'done', id });
  } catch (error) {
    send({ type: 'error', id, error: serialize(error) });
  } finally {
    current = undefined;
  }
}

function serialize(error: unknown): SerializedError {
  if (error instanceof AppError) return { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}), ...(error.row !== undefined ? { row: error.row } : {}), ...(error.reason ? { reason: error.reason } : {}), ...(error.params ? { params: error.params } : {}), ...(error.extra ? { extra: error.extra } : {}) };
  if (error instanceof NotPlainCsvError) return { message: error.message, isNotPlainCsv: true };
  return { message: error instanceof Error ? error.message : String(error) };
}

parentPort!.on('message', (message: ToWorker) => {
  if (message.type === 'start') {
    void run(message.id, message.task, message.credits);
    return;
  }
  if (!current || current.id !== message.id) return;
  if (message.type === 'pull') current.credits++;
  else current.isCancelled = true;
  current.wake?.();
  current.wake = undefined;
});
