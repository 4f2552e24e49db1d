import fs from 'node:fs';
import iconv from 'iconv-lite';
import { csvDialectOf, tableFormatOf } from './read-table.ts';
import { readXlsxLastRows } from './xlsx-parts.ts';

/**
 * A quick estimate of a table's data rows for a progress bar (rows done / total), before the import
 * reads it properly: for CSV, the non-blank lines after the first `headerLines`; for XLSX, the
 * last rows the sheets declare (`<dimension>`) less the header lines (`null` when a sheet does not
 * declare it: the bar then shows rows done only).
 * A quoted cell with a line break counts twice: this is a progress total, not an accounting number.
 */
export async function estimateDataRows(file: string, headerLines = 1): Promise<number | null> {
  if (tableFormatOf(file) !== 'csv') {
    const lastRows = await readXlsxLastRows(file).catch(() => []);
    return lastRows.length === 0 ? null : Math.max(0, lastRows.reduce((a, b) => a + b, 0) - headerLines);
  }
  let lines = 0;
  let isBlank = true;
  // UTF-16 text: a byte 0x0a may be half of a character (上 is 0x4e0a), so its lines are counted in UTF-8.
  const { encoding } = csvDialectOf(file);
  const raw = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  const bytes = encoding === 'utf16le' || encoding === 'utf16be' ? raw.pipe(iconv.decodeStream(encoding, { stripBOM: true })).pipe(iconv.encodeStream('utf8')) : raw;
  for await (const chunk of bytes as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === 0x0a) {
        if (!isBlank) lines++;
        isBlank = true;
      } else if (byte !== 0x0d && byte !== 0x20 && byte !== 0x2c && byte !== 0x09) {
        isBlank = false;
      }
    }
  }
  if (!isBlank) lines++;
  return Math.max(0, lines - headerLines);
}
