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

/**
 * The refusal of a file over a limit: code IMPORT_LIMIT_EXCEEDED, the row (and sheet) where it was
 * hit, and `limit`/`max` for programs. `what` says what was found, in English and Chinese.
 */
export function limitExceeded(
  limit: keyof ImportLimits,
  max: number,
  place: { row?: number; sheet?: string | undefined; column?: number },
  what: { en: string; zh: string },
): AppError {
  const where = place.row === undefined ? { en: '', zh: '' } : {
    en: ` at ${place.sheet ? `sheet “${place.sheet}”, ` : ''}row ${n(place.row)}${place.column ? `, column ${n(place.column)}` : ''}`,
    zh: `${place.sheet ? `工作表“${place.sheet}”` : ''}第 ${n(place.row)} 行${place.column ? `第 ${n(place.column)} 列` : ''}`,
  };
  const variable = LIMIT_VARIABLES[limit];
  return new AppError(
    'IMPORT_LIMIT_EXCEEDED',
    `The file exceeds an import limit${where.en}: ${what.en} (limit ${n(max)}, ${variable}); nothing was imported / 文件超出导入限制：${where.zh}${what.zh}（上限 ${n(max)}，可由 ${variable} 调整），未导入任何数据`,
    { ...(place.row !== undefined ? { row: place.row } : {}), extra: { limit, max, ...(place.sheet ? { sheet: place.sheet } : {}) } },
  );
}

/**
 * Refuses an import once it has rejected more rows than the limit (a file this wrong is the wrong
 * file, or wrongly mapped), naming the most frequent reason. Call once per rejected row.
 */
export function assertRejectedWithinLimit(limits: ImportLimits, rejected: number, row: number, topCode: string | undefined): void {
  if (rejected <= limits.maxRejectedRows) return;
  throw limitExceeded(
    'maxRejectedRows',
    limits.maxRejectedRows,
    { row },
    {
      en: `more than ${n(limits.maxRejectedRows)} rows were rejected${topCode ? ` (most often ${topCode})` : ''}: check that this is the right file and that its columns are recognised`,
      zh: `已有超过 ${n(limits.maxRejectedRows)} 行被退回${topCode ? `（最多的原因：${topCode}）` : ''}，请检查文件是否选错、各列是否识别正确`,
    },
  );
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
    if (++this.rows > maxRows) throw limitExceeded('maxRows', maxRows, { row: rowNumber, sheet }, { en: `more than ${n(maxRows)} rows`, zh: `文件超过 ${n(maxRows)} 行` });
    let chars = 0;
    for (let i = 0; i < cells.length; i++) {
      const length = cells[i]!.length;
      // A NUL is no character of a text table: the file is UTF-16 without its byte-order mark, or not text at all (PostgreSQL refuses it: it gave 500).
      if (cells[i]!.includes('\u0000')) throw nulInFile(rowNumber, i + 1, sheet);
      if (length > maxCellChars) throw limitExceeded('maxCellChars', maxCellChars, { row: rowNumber, sheet, column: i + 1 }, { en: `a cell of ${n(length)} characters`, zh: `单元格有 ${n(length)} 个字符` });
      chars += length;
    }
    if (chars > maxLineChars) throw limitExceeded('maxLineChars', maxLineChars, { row: rowNumber, sheet }, { en: `a row of ${n(chars)} characters`, zh: `该行有 ${n(chars)} 个字符` });
    if (cells.length <= maxColumns) return cells;
    let last = cells.length - 1;
    while (last >= 0 && cells[last] === '') last--;
    if (last + 1 > maxColumns) throw limitExceeded('maxColumns', maxColumns, { row: rowNumber, sheet }, { en: `a row of ${n(last + 1)} columns`, zh: `该行有 ${n(last + 1)} 列` });
    return cells.slice(0, maxColumns);
  }
}

function nulInFile(row: number, column: number, sheet: string | undefined): AppError {
  const where = `${sheet ? `sheet “${sheet}”, ` : ''}row ${n(row)}, column ${n(column)}`;
  const whereZh = `${sheet ? `工作表“${sheet}”` : ''}第 ${n(row)} 行第 ${n(column)} 列`;
  return new AppError(
    'IMPORT_FILE_INVALID',
    `The file holds a NUL character at ${where}: it is not a text table (a UTF-16 file without its byte-order mark, or a binary file); export it again as CSV or XLSX / 文件${whereZh}含有空字符（NUL），不是正常的表格文本（可能是缺少 BOM 的 UTF-16 文件或二进制文件），请重新导出为 CSV 或 XLSX`,
    { row, extra: { column, ...(sheet ? { sheet } : {}) } },
  );
}
