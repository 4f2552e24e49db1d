import { reasonTextEn, type ProblemReason } from '@fangpin/domain';
import { AppError } from '../errors.ts';

/**
 * What one imported file may hold (issue 10, item 10). Real exports stay far inside every limit; a
 * file beyond one is refused with the limit, where it was hit and the variable that raises it,
 * before it can hold the server (a CSV of 100,000 columns, a 200 MB line, millions of bad rows).
 * Set in config.ts from the environment; the defaults are in README.md.
 */
export type ImportLimits = {
  /** Columns of one row, up to its last non-empty cell (FANGPIN_IMPORT_MAX_COLUMNS). */
  maxColumns: number;
  /** Characters of one CSV line (record), or of one XLSX row's cells together (FANGPIN_IMPORT_MAX_LINE_CHARS). */
  maxLineChars: number;
  /** Characters of one cell: Excel's own limit is 32,767 (FANGPIN_IMPORT_MAX_CELL_CHARS). */
  maxCellChars: number;
  /** Rows of one file, every sheet together (FANGPIN_IMPORT_MAX_ROWS). */
  maxRows: number;
  /** Rejected rows an import keeps before it refuses the whole file (FANGPIN_IMPORT_MAX_REJECTED_ROWS). */
  maxRejectedRows: number;
  /** Memory of the thread that reads a file, in MB (FANGPIN_IMPORT_WORKER_MEMORY_MB). */
  workerMemoryMb: number;
};

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxColumns: 1000,
  maxLineChars: 1_000_000,
  maxCellChars: 32_767,
  maxRows: 5_000_000,
  maxRejectedRows: 100_000,
  workerMemoryMb: 512,
};

/** The environment variable that sets each limit (named in every refusal). */
export const LIMIT_VARIABLES: Record<keyof ImportLimits, string> = {
  maxColumns: 'FANGPIN_IMPORT_MAX_COLUMNS',
  maxLineChars: 'FANGPIN_IMPORT_MAX_LINE_CHARS',
  maxCellChars: 'FANGPIN_IMPORT_MAX_CELL_CHARS',
  maxRows: 'FANGPIN_IMPORT_MAX_ROWS',
  maxRejectedRows: 'FANGPIN_IMPORT_MAX_REJECTED_ROWS',
  workerMemoryMb: 'FANGPIN_IMPORT_WORKER_MEMORY_MB',
};

const n = (value: number) => value.toLocaleString('en-US');

/** Which reason of the contract (contracts/reasons/files.ts) tells a person about each limit. */
const LIMIT_REASONS = {
  maxRows: 'limitRows',
  maxCellChars: 'limitCellChars',
  maxLineChars: 'limitLineChars',
  maxColumns: 'limitColumns',
  maxRejectedRows: 'limitRejectedRows',
  workerMemoryMb: 'limitWorkerMemory',
} as const satisfies Partial<Record<keyof ImportLimits, ProblemReason>>;

/**
 * The refusal of a file over a limit: code IMPORT_LIMIT_EXCEEDED with its reason and params (the
 * row, column and sheet where it was hit, what was found, the limit and the variable that sets it),
 * and `limit`/`max` for programs. `lineLength`: a line the CSV reader could not end (no count known).
 */
export function limitExceeded(
  limit: keyof typeof LIMIT_REASONS,
  max: number,
  place: { row?: number; sheet?: string | undefined; column?: number },
  found?: { count?: number; topCode?: string | undefined; lineLength?: true },
): AppError {
  const variable = LIMIT_VARIABLES[limit];
  const reason: ProblemReason = found?.lineLength ? 'limitLineLength' : LIMIT_REASONS[limit];
  const params = {
    max: n(max),
    variable,
    ...(place.row !== undefined ? { row: n(place.row) } : {}),
    ...(place.column !== undefined ? { column: n(place.column) } : {}),
    ...(place.sheet ? { sheet: place.sheet } : {}),
    ...(found?.count !== undefined ? { found: n(found.count) } : {}),
    ...(limit === 'maxRejectedRows' ? { topCode: found?.topCode ?? '—' } : {}),
  };
  const where = place.sheet ? ` (sheet “${place.sheet}”)` : '';
  return new AppError('IMPORT_LIMIT_EXCEEDED', `The file exceeds an import limit${where}: ${reasonTextEn(reason, params)}`, {
    ...(place.row !== undefined ? { row: place.row } : {}),
    reason,
    params,
    extra: { limit, max, ...(place.sheet ? { sheet: place.sheet } : {}) },
  });
}

/**
 * Refuses an import once it has rejected more rows than the limit (a file this wrong is the wrong
 * file, or wrongly mapped), naming the most frequent reason. Call once per rejected row.
 */
export function assertRejectedWithinLimit(limits: ImportLimits, rejected: number, row: number, topCode: string | undefined): void {
  if (rejected <= limits.maxRejectedRows) return;
  throw limitExceeded('maxRejectedRows', limits.maxRejectedRows, { row }, { topCode });
}

/** The code counted most often (ties: the first seen), to name in a refusal. */
export function mostFrequent(counts: Record<string, number>): string | undefined {
  let top: string | undefined;
  for (const [code, count] of Object.entries(counts)) if (top === undefined || count > counts[top]!) top = code;
  return top;
}

/**
 * The limits every row is held to, whichever reader read it: rows of the file, columns up to the
 * last non-empty cell (empty cells past the limit are dropped), characters of a cell and of the row.
 */
export class RowGuard {
  private rows = 0;
  constructor(private readonly limits: ImportLimits) {}

  /** The row's cells (trailing empty cells past the column limit dropped); throws at a limit. */
  check(rowNumber: number, cells: string[], sheet?: string): string[] {
    const { maxRows, maxColumns, maxCellChars, maxLineChars } = this.limits;
    if (++this.rows > maxRows) throw limitExceeded('maxRows', maxRows, { row: rowNumber, sheet });
    let chars = 0;
    for (let i = 0; i < cells.length; i++) {
      const length = cells[i]!.length;
      // A NUL is no character of a text table: the file is UTF-16 without its byte-order mark, or not text at all (PostgreSQL refuses it: it gave 500).
      if (cells[i]!.includes('\u0000')) throw nulInFile(rowNumber, i + 1, sheet);
      if (length > maxCellChars) throw limitExceeded('maxCellChars', maxCellChars, { row: rowNumber, sheet, column: i + 1 }, { count: length });
      chars += length;
    }
    if (chars > maxLineChars) throw limitExceeded('maxLineChars', maxLineChars, { row: rowNumber, sheet }, { count: chars });
    if (cells.length <= maxColumns) return cells;
    let last = cells.length - 1;
    while (last >= 0 && cells[last] === '') last--;
    if (last + 1 > maxColumns) throw limitExceeded('maxColumns', maxColumns, { row: rowNumber, sheet }, { count: last + 1 });
    return cells.slice(0, maxColumns);
  }
}

function nulInFile(row: number, column: number, sheet: string | undefined): AppError {
  return AppError.because('IMPORT_FILE_INVALID', 'nulCharacter', { row: n(row), column: n(column), ...(sheet ? { sheet } : {}) }, { row, extra: { column, ...(sheet ? { sheet } : {}) } });
}
