import { DEFAULT_IMPORT_LIMITS, RowGuard, type ImportLimits } from './import-limits.ts';
import type { FileFacts } from './plain-csv.ts';
import type { TableRow } from './read-table.ts';
import type { PackedLines, PackedRows } from './table-worker.ts';
import { runTableQuery, runTableTask } from './table-worker-pool.ts';

export type { FileFacts } from './plain-csv.ts';
export { NotPlainCsvError } from './plain-csv.ts';
export type { TableRow } from './read-table.ts';

/**
 * How the server and the CLI read a file: every byte is read, decoded and parsed on a table worker
 * thread (table-worker.ts), never on the event loop, and held to the import limits. Rows arrive in
 * batches; the loop serves other requests between them.
 */
function unpack(packed: PackedRows): TableRow[] {
  const rows: TableRow[] = new Array(packed.numbers.length);
  let at = 0;
  for (let i = 0; i < rows.length; i++) {
    const count = packed.counts[i]!;
    const sheet = packed.sheetOf[i]! >= 0 ? packed.sheets[packed.sheetOf[i]!] : undefined;
    rows[i] = { rowNumber: packed.numbers[i]!, cells: packed.cells.slice(at, at + count), ...(sheet !== undefined ? { sheet } : {}) };
    at += count;
  }
  return rows;
}

/** A plain CSV's lines, split at commas, trimmed, and held to the row limits. */
function splitLines(block: PackedLines, guard: RowGuard): TableRow[] {
  const lines = block.count === 1 ? [block.text] : block.text.split('\n');
  const rows: TableRow[] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const cells = lines[i]!.split(',');
    for (let c = 0; c < cells.length; c++) cells[c] = cells[c]!.trim();
    const rowNumber = block.firstLine + i;
    rows[i] = { rowNumber, cells: guard.check(rowNumber, cells) };
  }
  return rows;
}

/**
 * The rows of a file in batches (about 1,000 rows each). `isPlainCsv` (from `scanFile`) takes the
 * fast path for plain CSV, which throws NotPlainCsvError on a line the general parser would read
 * differently: the caller then starts again without it.
 */
export async function* readRowBatches(file: string, options: { isPlainCsv?: boolean; limits?: ImportLimits } = {}): AsyncGenerator<TableRow[]> {
  const limits = options.limits ?? DEFAULT_IMPORT_LIMITS;
  if (options.isPlainCsv) {
    const guard = new RowGuard(limits);
    for await (const message of runTableTask({ kind: 'plainCsvLines', file, limits }, limits.workerMemoryMb)) {
      if (message.type === 'lines') yield splitLines(message.lines, guard);
    }
    return;
  }
  for await (const message of runTableTask({ kind: 'rows', file, limits }, limits.workerMemoryMb)) {
    if (message.type === 'rows') yield unpack(message.rows);
  }
}

/** The rows of a file one by one (read in batches off the event loop). */
export async function* readRows(file: string, options: { limits?: ImportLimits } = {}): AsyncGenerator<TableRow> {
  for await (const batch of readRowBatches(file, options)) yield* batch;
}

/** The file's SHA-256 (how a repeat is recognised) and whether the plain-CSV fast path may read it. */
export function scanFile(file: string, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Promise<FileFacts> {
  return runTableQuery<FileFacts>({ kind: 'scan', file }, limits.workerMemoryMb);
}

/** The file's SHA-256. */
export async function sha256File(file: string, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Promise<string> {
  return (await scanFile(file, limits)).sha256;
}

/** A quick estimate of the data rows for a progress bar (count-rows.ts), counted off the event loop. */
export function estimateDataRows(file: string, headerLines = 1, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Promise<number | null> {
  return runTableQuery<number | null>({ kind: 'estimateRows', file, headerLines }, limits.workerMemoryMb);
}
