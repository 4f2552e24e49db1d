import crypto from 'node:crypto';
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { AppError } from '../errors.ts';
import { limitExceeded, type ImportLimits } from './import-limits.ts';
import { csvDialectOf, tableFormatOf } from './read-table.ts';

/**
 * The fast path for plain CSV (department files are large, and most are plain CSV: no quotes, one
 * record per line). This half runs in the table worker: it hashes the file, decodes it and cuts it
 * into lines; the main thread splits the lines at commas (table-reader.ts), about five times faster
 * than the general CSV parser, giving the same rows and row numbers. Anything else (XLSX, quoted
 * fields, unusual line ends) goes through `readTableRows`.
 */
export type FileFacts = { sha256: string; isPlainCsv: boolean };

const CHUNK_BYTES = 4 << 20;
const BLOCK_LINES = 1000;

/** The file's SHA-256 (how a repeat is recognised) and whether the fast CSV path may read it, in one pass. */
export async function scanTableFile(file: string): Promise<FileFacts> {
  if (!fs.existsSync(file)) throw new AppError('IMPORT_FILE_INVALID', `File not found: ${file}`, { reason: 'fileNotFound' });
  // The fast path splits UTF-8 or GB18030 lines at commas; UTF-16 and tab-separated text take the general reader.
  const dialect = tableFormatOf(file) === 'csv' ? csvDialectOf(file) : undefined;
  const mayBePlain = dialect !== undefined && dialect.delimiter === ',' && (dialect.encoding === 'utf8' || dialect.encoding === 'gb18030');
  const hash = crypto.createHash('sha256');
  let hasQuote = false;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK_BYTES })) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    // 0x22 is never a trail byte of GBK/GB18030 or UTF-8, so a byte search finds every quote.
    if (mayBePlain && !hasQuote && bytes.indexOf(0x22) >= 0) hasQuote = true;
  }
  return { sha256: hash.digest('hex'), isPlainCsv: mayBePlain && !hasQuote };
}

/**
 * Thrown when a line does not look like the general parser would read it the same way (a carriage
 * return inside a line, mixed line ends): the caller starts again with the general reader.
 */
export class NotPlainCsvError extends Error {
  override readonly name = 'NotPlainCsvError';
}

/**
 * The file's lines in blocks of up to 1,000, decoded, without their line ends; `firstLine` is the
 * 1-based line number of the block's first line. A line longer than the limit is refused as soon as
 * it is, whole or not (bounded memory whatever the file).
 */
export async function* readPlainCsvLines(file: string, limits: ImportLimits): AsyncGenerator<{ firstLine: number; lines: string[] }> {
  const decoder = iconv.getDecoder(csvDialectOf(file).encoding, { stripBOM: true });
  let line = 0;
  // The first line end decides, as in the general parser: "\r\n" or "\n" for the whole file.
  let isCrLf: boolean | undefined;
  const tooLong = () => limitExceeded('maxLineChars', limits.maxLineChars, { row: line + 1 }, { lineLength: true });
  /** Up to BLOCK_LINES complete lines of `text` from `from` (and the last one without a line end when `isLast`). */
  const linesOf = (text: string, from: number, isLast: boolean): { lines: string[]; next: number } => {
    const lines: string[] = [];
    let start = from;
    while (lines.length < BLOCK_LINES) {
      const end = text.indexOf('\n', start);
      if (end < 0 && (!isLast || start >= text.length)) break;
      let stop = end < 0 ? text.length : end;
      if (end >= 0 && isCrLf === undefined) isCrLf = stop > start && text.charCodeAt(stop - 1) === 13;
      if (end >= 0 && isCrLf) {
        if (text.charCodeAt(stop - 1) !== 13) throw new NotPlainCsvError('mixed line ends');
        stop--;
      }
      if (stop - start > limits.maxLineChars) throw tooLong();
      const content = text.slice(start, stop);
      if (content.includes('\r')) throw new NotPlainCsvError('carriage return inside a line');
      line++;
      lines.push(content);
      start = end < 0 ? text.length : end + 1;
    }
    return { lines, next: start };
  };
  const firstLineOf = (lines: string[]) => line - lines.length + 1;
  let carry = '';
  const chunks = fs.createReadStream(file, { highWaterMark: CHUNK_BYTES })[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    for (let isLast = false; !isLast; ) {
      let text: string;
      const { value, done } = await chunks.next();
      if (done) {
        isLast = true;
        text = carry + (decoder.end() ?? '');
      } else {
        text = carry + decoder.write(value);
      }
      let at = 0;
      for (;;) {
        const { lines, next } = linesOf(text, at, isLast);
        at = next;
        if (lines.length === 0) break;
        yield { firstLine: firstLineOf(lines), lines };
      }
      carry = text.slice(at);
      // A line still without its end, already over the limit: refused before it grows further.
      if (carry.length > limits.maxLineChars + 1) throw tooLong();
    }
  } finally {
    // Closes the file when the reader stops early (an invalid header, a restart with the general reader).
    await chunks.return?.();
  }
}
