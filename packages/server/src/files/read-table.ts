import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '../errors.ts';
import { DEFAULT_IMPORT_LIMITS, limitExceeded, RowGuard, type ImportLimits } from './import-limits.ts';
import { entryStream, MergeFiller, readXlsxMerges, xmlText, zipEntries, type MergedRange } from './xlsx-parts.ts';

/**
 * Reading tables as departments and the national system really send them: CSV in UTF-8 (with or
 * without BOM), GBK or GB18030; Excel's "Unicode text" (UTF-16 with BOM, tab-separated); or XLSX
 * (merged cells filled: every cell of a merged range has its value); streamed, so file size does
 * not matter, and held to the import limits (import-limits.ts), so a hostile file is refused early.
 * Rows keep the row number a person sees in Excel or a text editor, so every error can point at its row.
 *
 * This module parses: it runs in the table worker (table-worker.ts), off the server's event loop.
 * The server and CLI read files through table-reader.ts.
 */
export type TableRow = { rowNumber: number; cells: string[]; sheet?: string };

export type TableEncoding = 'utf8' | 'gb18030' | 'utf16le' | 'utf16be';

/**
 * UTF-16 when the sample starts with its byte-order mark (Excel's "Unicode text", 另存为“Unicode
 * 文本”); UTF-8 when the sample decodes strictly as UTF-8; otherwise GB18030 (a superset of GBK and GB2312).
 */
function detectEncoding(sample: Buffer): TableEncoding {
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf16be';
  let end = sample.length;
  // Do not judge a multi-byte character cut at the end of the sample.
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const byte = sample[end - i]!;
    if ((byte & 0xc0) === 0xc0) {
      end -= i;
      break;
    }
    if ((byte & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

function readSample(file: string, bytes: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = fs.readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether an OLE compound file (the container of .xls files) holds an encrypted workbook: Excel keeps a password-protected .xlsx in one. */
function isEncryptedWorkbook(file: string): boolean {
  const name = Buffer.from('EncryptedPackage', 'utf16le');
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    let carry = Buffer.alloc(0);
    for (let position = 0; ; ) {
      const read = fs.readSync(fd, chunk, 0, chunk.length, position);
      if (read === 0) return false;
      const text = Buffer.concat([carry, chunk.subarray(0, read)]);
      if (text.includes(name)) return true;
      carry = text.subarray(Math.max(0, text.length - name.length));
      position += read;
    }
  } finally {
    fs.closeSync(fd);
  }
}

export function tableFormatOf(file: string): 'csv' | 'xlsx' {
  const sample = readSample(file, 4);
  if (sample.length === 0) throw AppError.because('IMPORT_FILE_INVALID', 'tableFileEmpty');
  if (sample[0] === 0x50 && sample[1] === 0x4b) return 'xlsx'; // a ZIP container
  if (sample[0] === 0xd0 && sample[1] === 0xcf) {
    if (isEncryptedWorkbook(file)) {
      throw AppError.because('IMPORT_FILE_INVALID', 'excelPasswordProtected');
    }
    throw AppError.because('IMPORT_FILE_INVALID', 'xlsNotSupported');
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx') throw AppError.because('IMPORT_FILE_INVALID', 'xlsxDamaged');
  return 'csv';
}

export async function* readTableRows(file: string, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): AsyncGenerator<TableRow> {
  if (!fs.existsSync(file)) throw new AppError('IMPORT_FILE_INVALID', `File not found: ${file}`, { reason: 'fileNotFound' });
  const guard = new RowGuard(limits);
  const rows = tableFormatOf(file) === 'xlsx' ? readXlsxRows(file) : readCsvRows(file, limits);
  for await (const row of rows) {
    row.cells = guard.check(row.rowNumber, row.cells, row.sheet);
    yield row;
  }
}

/** How a text table is written: its encoding and its delimiter. */
export type CsvDialect = { encoding: TableEncoding; delimiter: ',' | '\t' };

/**
 * Tab-separated when the first lines have more tabs than commas (Excel's "Unicode text" and "Text
 * (tab delimited)" exports; amounts like "12,345.60" hold commas, so the count decides, not their presence).
 */
export function csvDialectOf(file: string): CsvDialect {
  const sample = readSample(file, 64 * 1024);
  const encoding = detectEncoding(sample);
  const lines = iconv.decode(sample, encoding).split('\n', 21).slice(0, 20);
  let tabs = 0;
  let commas = 0;
  for (const line of lines) {
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 9) tabs++;
      else if (c === 44) commas++;
    }
  }
  return { encoding, delimiter: tabs > commas ? '\t' : ',' };
}

/**
 * A CSV cell's text. Systems that export for Excel often write long numbers as a formula for a text
 * literal, ="451028198805170011", so Excel does not round them: the literal is the value.
 */
export function csvCellText(cell: string): string {
  const c = cell.trim();
  return c.length >= 3 && c.charCodeAt(0) === 61 && c.charCodeAt(1) === 34 && c.endsWith('"') ? c.slice(2, -1).replace(/""/g, '"').trim() : c;
}

async function* readCsvRows(file: string, limits: ImportLimits): AsyncGenerator<TableRow> {
  const { encoding, delimiter } = csvDialectOf(file);
  const raw = fs.createReadStream(file);
  const decoded = raw.pipe(iconv.decodeStream(encoding, { stripBOM: true }));
  // max_record_size: a line longer than the limit is refused while it is read, not once it is whole (a 200 MB line would need gigabytes).
  const parser = decoded.pipe(parse({ delimiter, relax_column_count: true, relax_quotes: true, info: true, skip_empty_lines: false, trim: false, max_record_size: limits.maxLineChars }));
  let lastLine = 0;
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // csv-parse reports the line the record ended on; a record starts on the line after the previous one.
      const rowNumber = lastLine + 1;
      lastLine = record.info.lines;
      yield { rowNumber, cells: record.record.map(csvCellText) };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') {
      throw limitExceeded('maxLineChars', limits.maxLineChars, { row: lastLine + 1 }, { lineLength: true });
    }
    throw new AppError('IMPORT_FILE_INVALID', `The CSV file cannot be parsed near line ${lastLine + 1}: ${(error as Error).message}`, { reason: 'csvUnparseable', params: { line: lastLine + 1 } });
  } finally {
    raw.destroy(); // the file is closed when the reader stops early
  }
}

/** The parts of ExcelJS's streaming reader that `PartsInOrderReader` drives (not in its typings). */
type ReaderParts = {
  _parseRels(stream: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(stream: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(stream: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseStyles(stream: NodeJS.ReadableStream): Promise<void>;
  _parseWorksheet(chunks: AsyncIterable<string>, sheetNo: string): Generator<unknown>;
};

const XLSX_INVALID = (detail: string) => new AppError('IMPORT_FILE_INVALID', `The Excel file cannot be read: ${detail}`, { reason: 'excelUnreadable' });

/**
 * ExcelJS's streaming reader, fed the workbook's parts in the order it needs them. ExcelJS reads the
 * ZIP front to back in one pass and pauses that pass while a part is read; the ZIP parser keeps going
 * and ends, and whatever entries it had not handed over are lost (exceljs issue #3064). The entry
 * most often lost is `xl/workbook.xml`, which ExcelJS writes last ("Cannot read properties of
 * undefined (reading 'sheets')", seen in our own tests), but a lost sheet would silently lose rows.
 * Here every part is found through the ZIP's central directory: relationships, workbook, shared
 * strings and styles first, then each sheet, still streamed row by row.
 */
class PartsInOrderReader extends ExcelJS.stream.xlsx.WorkbookReader {
  constructor(private readonly file: string) {
    super(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  }

  async *parse(): AsyncGenerator<unknown> {
    const parts = this as unknown as ReaderParts;
    const entries = new Map(zipEntries(this.file).map((e) => [e.name.toLowerCase(), e]));
    const open = async (name: string) => {
      const entry = entries.get(name);
      const stream = entry ? await entryStream(this.file, entry) : undefined;
      return stream ? xmlText(stream as AsyncIterable<Buffer>) : undefined;
    };
    const rels = await open('xl/_rels/workbook.xml.rels');
    if (rels) await parts._parseRels(rels);
    const workbook = await open('xl/workbook.xml');
    if (!workbook) throw XLSX_INVALID('no workbook part (xl/workbook.xml): not an XLSX file, or damaged');
    await parts._parseWorkbook(workbook);
    // A workbook part ExcelJS cannot make sense of (not SpreadsheetML, or damaged).
    if (!(this as unknown as { model?: unknown }).model) throw XLSX_INVALID('its workbook part is written in a form this reader does not understand; open it in Excel or WPS and save it again as .xlsx, or save it as CSV');
    const sharedStrings = await open('xl/sharedstrings.xml');
    if (sharedStrings) yield* parts._parseSharedStrings(sharedStrings);
    const styles = await open('xl/styles.xml');
    if (styles) await parts._parseStyles(styles);
    const sheets = [...entries.values()]
      .map((e) => ({ entry: e, no: /^xl\/worksheets\/sheet(\d+)\.xml$/i.exec(e.name)?.[1] }))
      .filter((s): s is { entry: (typeof s)['entry']; no: string } => s.no !== undefined)
      .sort((a, b) => Number(a.no) - Number(b.no));
    for (const sheet of sheets) {
      const stream = await entryStream(this.file, sheet.entry);
      if (stream) yield* parts._parseWorksheet(xmlText(stream as AsyncIterable<Buffer>), sheet.no);
    }
  }
}

async function* readXlsxRows(file: string): AsyncGenerator<TableRow> {
  const reader = new PartsInOrderReader(file);
  // The sheet's file number (xl/worksheets/sheet<N>.xml) is announced just before the sheet itself.
  let sheetFileNo: string | undefined;
  (reader as unknown as NodeJS.EventEmitter).on('entry', (entry: { type?: string; id?: string | number }) => {
    if (entry.type === 'worksheet') sheetFileNo = String(entry.id);
  });
  // Merged cells: the streaming reader does not see them, so they are read first and filled in.
  const merges = await readXlsxMerges(file).catch(() => new Map<string, MergedRange[]>());
  try {
    for await (const sheet of reader) {
      const name = (sheet as unknown as { name?: string }).name;
      const ranges = sheetFileNo === undefined ? undefined : merges.get(sheetFileNo);
      const filler = ranges ? new MergeFiller(ranges) : undefined;
      for await (const row of sheet) {
        const values = row.values as unknown[];
        let cells: string[] = [];
        // ExcelJS refuses a column past XFD (16,384), so a row holds at most that many cells; the guard then applies the limit.
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        if (filler) cells = filler.fill(row.number, cells);
        yield { rowNumber: row.number, cells, ...(name ? { sheet: name } : {}) };
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw XLSX_INVALID((error as Error).message);
  }
}

/**
 * Text of an Excel cell. Large numbers (≥ 10^15) are given in exponent form on purpose: such a cell
 * is an ID number that Excel turned into a number and rounded, and must be rejected, never matched.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Math.abs(value) >= 1e15 ? value.toExponential() : String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (v.richText) return v.richText.map((r) => r.text).join('').trim();
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return '';
  }
  return typeof value === 'bigint' || typeof value === 'symbol' ? value.toString() : '';
}
