import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { zip } from '../../test/fuzz-inputs.ts';
import { tempFile } from '../../test/registry-files.ts';
import { AppError } from '../errors.ts';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './import-limits.ts';
import { readTableRows } from './read-table.ts';
import { readRowBatches, readRows, scanFile } from './table-reader.ts';

/**
 * Issue 10, item 10: what one file may hold. Each limit refuses the file with IMPORT_LIMIT_EXCEEDED,
 * the limit's name and where it was hit; the 200 MB single line is refused with bounded memory.
 */
async function refusalOf(rows: AsyncIterable<unknown>): Promise<AppError> {
  try {
    for await (const _ of rows) {
      // read to the end
    }
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the file was not refused');
}

const limits = (overrides: Partial<ImportLimits>): ImportLimits => ({ ...DEFAULT_IMPORT_LIMITS, ...overrides });

describe('import limits', () => {
  it('a CSV of 100,000 columns (870 KB) is refused at its first row, naming the column limit', async () => {
    const file = tempFile('wide.csv');
    fs.writeFileSync(file, Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',') + '\r\n1,2,3\r\n');
    expect(fs.statSync(file).size).toBeGreaterThan(500_000);
    const error = await refusalOf(readRows(file));
    expect(error).toMatchObject({ code: 'IMPORT_LIMIT_EXCEEDED', row: 1, extra: { limit: 'maxColumns', max: 1000 } });
    // Errors as data: the reason and what fills its text (the web writes the sentence in the reader's language).
    expect(error).toMatchObject({ reason: 'limitColumns', params: { row: '1', found: '100,000', max: '1,000', variable: 'FANGPIN_IMPORT_MAX_COLUMNS' } });
    expect(error.message).toContain('Row 1: a row of 100,000 columns (limit 1,000); nothing was imported (limit set by FANGPIN_IMPORT_MAX_COLUMNS)');
    // Empty cells past the limit are not columns: a row padded with commas reads as its cells.
    const padded = tempFile('padded.csv');
    fs.writeFileSync(padded, 'a,b' + ','.repeat(5000) + '\r\n');
    const rows = [];
    for await (const row of readRows(padded)) rows.push(row);
    expect(rows).toEqual([{ rowNumber: 1, cells: ['a', 'b', ...Array(998).fill('')] }]);
  });

  it('a 200 MB CSV on one line is refused early, the plain and the general reader alike, with bounded memory', async () => {
    const file = tempFile('one-line.csv');
    const out = fs.openSync(file, 'w');
    const chunk = Buffer.from('x'.repeat(1 << 20));
    for (let i = 0; i < 200; i++) fs.writeSync(out, chunk);
    fs.closeSync(out);
    const peakBefore = process.resourceUsage().maxRSS;
    const facts = await scanFile(file);
    expect(facts.isPlainCsv).toBe(true);
    for (const isPlainCsv of [true, false]) {
      const error = await refusalOf(readRowBatches(file, { isPlainCsv }));
      expect(error).toMatchObject({ code: 'IMPORT_LIMIT_EXCEEDED', row: 1, extra: { limit: 'maxLineChars', max: 1_000_000 } });
      expect(error.message).toContain('FANGPIN_IMPORT_MAX_LINE_CHARS');
    }
    // The whole line as a string would be 200 MB or more; before the limit it took 3.2 GB.
    const grownMb = (process.resourceUsage().maxRSS - peakBefore) / 1024;
    expect(grownMb).toBeLessThan(150);
    fs.rmSync(file);
  });

  it('rows, cells and lines over their limits are refused with where they were', async () => {
    const file = tempFile('rows.csv');
    fs.writeFileSync(file, ['身份证号码,姓名', ...Array.from({ length: 60 }, (_, i) => `${i},甲`)].join('\n') + '\n');
    expect(await refusalOf(readRows(file, { limits: limits({ maxRows: 50 }) }))).toMatchObject({ code: 'IMPORT_LIMIT_EXCEEDED', row: 51, extra: { limit: 'maxRows', max: 50 } });

    const cell = tempFile('cell.csv');
    fs.writeFileSync(cell, `身份证号码,姓名\n1,"${'长'.repeat(40_000)}"\n`);
    const tooLong = await refusalOf(readRows(cell));
    expect(tooLong).toMatchObject({ code: 'IMPORT_LIMIT_EXCEEDED', row: 2, extra: { limit: 'maxCellChars', max: 32_767 } });
    expect(tooLong).toMatchObject({ reason: 'limitCellChars', params: { row: '2', column: '2', found: '40,000' } });
    expect(tooLong.message).toContain('Row 2, column 2: a cell of 40,000 characters');

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('明细');
    sheet.addRow(['身份证号码', '姓名']);
    sheet.addRow(['1', '长'.repeat(40_000)]);
    const xlsx = tempFile('cell.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    expect(await refusalOf(readRows(xlsx))).toMatchObject({ code: 'IMPORT_LIMIT_EXCEEDED', row: 2, extra: { limit: 'maxCellChars', sheet: '明细' } });
  });

  it('a NUL character (a UTF-16 file without its byte-order mark, a binary file) refuses the file, naming row and column', async () => {
    for (const isPlainCsv of [true, false]) {
      const file = tempFile('nul.csv');
      fs.writeFileSync(file, '身份证号码,姓名\n451028198805170011,黄\u0000大明\n');
      const error = await refusalOf(readRowBatches(file, { isPlainCsv }));
      expect(error).toMatchObject({ code: 'IMPORT_FILE_INVALID', row: 2, extra: { column: 2 } });
      expect(error).toMatchObject({ reason: 'nulCharacter', params: { row: '2', column: '2' } });
      expect(error.message).toContain('Row 2, column 2 holds a NUL character');
    }
  });

  // Heavy (200 MB to deflate, a worker filling its heap): 34 s on a loaded 2-core machine.
  it('an XLSX whose reading would need more memory than allowed is refused, and the next file reads as usual', { timeout: 180_000 }, async () => {
    // A ZIP bomb: a shared string of 200 MB, deflated to a few hundred KB.
    const file = tempFile('bomb.xlsx');
    const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);
    const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const shared = Buffer.concat([xml(`<sst ${ns} count="1" uniqueCount="1"><si><t>`), Buffer.alloc(200 << 20, 0x61), Buffer.from('</t></si></sst>')]);
    writeZip(file, [
      { name: '[Content_Types].xml', data: xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
      { name: 'xl/workbook.xml', data: xml(`<workbook ${ns}><sheets><sheet name="明细" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
      { name: 'xl/_rels/workbook.xml.rels', data: xml('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>') },
      { name: 'xl/sharedStrings.xml', data: shared },
      { name: 'xl/worksheets/sheet1.xml', data: xml(`<worksheet ${ns}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`) },
    ]);
    expect(fs.statSync(file).size).toBeLessThan(1 << 20);
    const error = await refusalOf(readRows(file, { limits: limits({ workerMemoryMb: 128 }) }));
    expect(error).toMatchObject({ code: 'IMPORT_LIMIT_EXCEEDED', extra: { limit: 'workerMemoryMb', max: 128 } });
    expect(error.message).toContain('FANGPIN_IMPORT_WORKER_MEMORY_MB');
    const csv = tempFile('after.csv');
    fs.writeFileSync(csv, 'a,b\n1,2\n');
    const rows = [];
    for await (const row of readRows(csv, { limits: limits({ workerMemoryMb: 128 }) })) rows.push(row.cells);
    expect(rows).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('the worker reads what the parser reads: every path gives the same rows', async () => {
    const file = tempFile('same.csv');
    const lines = ['县医保局结算明细', '身份证号码,姓名,结算日期,个人自付', ...Array.from({ length: 2500 }, (_, i) => `45102819880517${String(i).padStart(4, '0')}, 甲${i} ,2026-03-05,${i}.5`)];
    fs.writeFileSync(file, lines.join('\r\n') + '\r\n');
    const inThread = [];
    for await (const row of readTableRows(file)) inThread.push(row);
    const general = [];
    for await (const batch of readRowBatches(file)) general.push(...batch);
    const plain = [];
    for await (const batch of readRowBatches(file, { isPlainCsv: (await scanFile(file)).isPlainCsv })) plain.push(...batch);
    expect(general).toEqual(inThread);
    expect(plain).toEqual(inThread);
    expect(inThread).toHaveLength(2502);
  });
});

/** A ZIP of `parts` (deflated), as an XLSX is. */
function writeZip(file: string, parts: { name: string; data: Buffer }[]): void {
  fs.writeFileSync(file, zip(parts.map((p) => ({ ...p, deflate: true }))));
}
