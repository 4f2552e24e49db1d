import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { zip } from '../../test/fuzz-inputs.ts';
import { tempFile } from '../../test/registry-files.ts';
import fs from 'node:fs';
import { estimateDataRows } from './count-rows.ts';
import { readTableRows } from './read-table.ts';
import { entryStream, MergeFiller, zipEntries } from './xlsx-parts.ts';

async function rowsOf(file: string) {
  const rows: { sheet?: string; rowNumber: number; cells: string[] }[] = [];
  for await (const row of readTableRows(file)) rows.push(row);
  return rows;
}

describe('XLSX merged cells', () => {
  it('fills a merged value into every cell of its range: titles across columns, an address over the members', async () => {
    const workbook = new ExcelJS.Workbook();
    // The first sheet has no merges; the second has them: each sheet's ranges apply to that sheet only.
    const notes = workbook.addWorksheet('说明');
    notes.addRow(['说明', '本表由县医保局导出']);
    notes.addRow(['第二行', '']);
    notes.addRow(['第三行', '']);
    const sheet = workbook.addWorksheet('结算明细');
    sheet.addRow(['乐业县医保结算明细（2026年）']);
    sheet.mergeCells('A1:E1');
    sheet.addRow(['身份证号码', '姓名', '家庭住址', '结算日期', '个人自付']);
    sheet.addRow(['451028198805170011', '黄大明', '同乐镇刷把村3号', '2026-03-05', 100]);
    sheet.addRow(['451028199001010022', '罗小花', null, '2026-03-06', 200]);
    sheet.addRow(['451028201506010033', '黄小明', null, null, 300]);
    sheet.mergeCells('C3:C5'); // the household's address, written once for its three members
    sheet.mergeCells('D4:D5'); // one settlement date for two rows
    sheet.addRow(['451028197001010044', '韦老三', '逻西乡马庄村1号', '2026-04-01', 50]);
    sheet.addRow(['合计', null, null, null, 650]);
    sheet.mergeCells('A7:D7');
    const file = tempFile('merged.xlsx');
    await workbook.xlsx.writeFile(file);

    const rows = await rowsOf(file);
    expect(rows.filter((r) => r.sheet === '说明').map((r) => r.cells)).toEqual([['说明', '本表由县医保局导出'], ['第二行'], ['第三行']]);
    const data = rows.filter((r) => r.sheet === '结算明细');
    expect(data.map((r) => r.rowNumber)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(data[0]!.cells).toEqual(Array(5).fill('乐业县医保结算明细（2026年）'));
    expect(data[2]!.cells).toEqual(['451028198805170011', '黄大明', '同乐镇刷把村3号', '2026-03-05', '100']);
    expect(data[3]!.cells).toEqual(['451028199001010022', '罗小花', '同乐镇刷把村3号', '2026-03-06', '200']);
    expect(data[4]!.cells).toEqual(['451028201506010033', '黄小明', '同乐镇刷把村3号', '2026-03-06', '300']);
    expect(data[5]!.cells).toEqual(['451028197001010044', '韦老三', '逻西乡马庄村1号', '2026-04-01', '50']);
    expect(data[6]!.cells).toEqual(['合计', '合计', '合计', '合计', '650']);
  });

  it('a merged range whose top cell is empty stays empty; ranges end where they end', () => {
    const filler = new MergeFiller([
      { top: 2, left: 1, bottom: 3, right: 1 },
      { top: 4, left: 2, bottom: 5, right: 3 },
    ]);
    expect(filler.fill(1, ['a', 'b'])).toEqual(['a', 'b']);
    expect(filler.fill(2, ['', 'x'])).toEqual(['', 'x']);
    expect(filler.fill(3, ['', 'y'])).toEqual(['', 'y']);
    expect(filler.fill(4, ['p', '甲'])).toEqual(['p', '甲', '甲']);
    expect(filler.fill(5, ['q'])).toEqual(['q', '甲', '甲']);
    expect(filler.fill(6, ['r', ''])).toEqual(['r', '']);
  });
});

describe('text tables in other encodings and delimiters', () => {
  it("reads Excel's Unicode text (UTF-16 with BOM, tab-separated) and a UTF-16 CSV like the UTF-8 CSV", async () => {
    const table = [
      ['县医保局结算明细（上半年）'],
      ['身份证号码', '姓名', '家庭住址', '个人自付'],
      ['451028198805170011', '黄大明', '同乐镇上岗村', '12,345.60'],
      ['451028199001010022', '罗小花', '逻西乡马庄村', '200'],
    ];
    const quote = (c: string) => (c.includes(',') ? `"${c}"` : c);
    const csv = table.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
    const tsv = table.map((r) => r.join('\t')).join('\r\n') + '\r\n';
    const files = {
      utf8: tempFile('utf8.csv'),
      unicodeText: tempFile('unicode.txt'),
      utf16beCsv: tempFile('utf16be.csv'),
    };
    fs.writeFileSync(files.utf8, csv);
    fs.writeFileSync(files.unicodeText, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]));
    fs.writeFileSync(files.utf16beCsv, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(csv, 'utf16le').swap16()]));
    // 上 is 0x4e0a: in UTF-16LE its second byte is a line feed, which must not count as a line end.
    expect(fs.readFileSync(files.unicodeText).includes(Buffer.from([0x0a, 0x4e]))).toBe(true);
    const expected = table.map((cells, i) => ({ rowNumber: i + 1, cells }));
    for (const file of Object.values(files)) {
      expect(await rowsOf(file)).toEqual(expected);
      expect(await estimateDataRows(file, 2)).toBe(2);
    }
  });
});

describe('cells written for Excel', () => {
  it('reads ="…" (a formula for a text literal, so Excel keeps every digit) as its text', async () => {
    const file = tempFile('formula-literals.csv');
    fs.writeFileSync(file, '身份证号码,姓名,个人自付\r\n="451028198805170011",黄大明,"=""1,200"""\r\n=" 451028199001010022 ",罗小花,=SUM(A1)\r\n');
    expect((await rowsOf(file)).map((r) => r.cells)).toEqual([
      ['身份证号码', '姓名', '个人自付'],
      ['451028198805170011', '黄大明', '1,200'],
      ['451028199001010022', '罗小花', '=SUM(A1)'],
    ]);
  });
});

describe('files that cannot be read say why', () => {
  /** An OLE compound file (.xls, or Excel's container for a password-protected .xlsx) holding a stream of that name. */
  function compoundFile(name: string, streamName: string): string {
    const file = tempFile(name);
    const bytes = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes);
    Buffer.from(streamName, 'utf16le').copy(bytes, 0x480); // a directory entry's name
    fs.writeFileSync(file, bytes);
    return file;
  }

  it('an empty file, an old .xls and a password-protected .xlsx are refused with what to do', async () => {
    const empty = tempFile('empty.csv');
    fs.writeFileSync(empty, '');
    await expect(rowsOf(empty)).rejects.toMatchObject({ code: 'IMPORT_FILE_INVALID', reason: 'tableFileEmpty' });
    await expect(rowsOf(compoundFile('old.xls', 'Workbook'))).rejects.toMatchObject({ code: 'IMPORT_FILE_INVALID', reason: 'xlsNotSupported' });
    await expect(rowsOf(compoundFile('locked.xlsx', 'EncryptedPackage'))).rejects.toMatchObject({ code: 'IMPORT_FILE_INVALID', reason: 'excelPasswordProtected', message: expect.stringContaining('password-protected') });
  });
});

describe('the progress total of a file', () => {
  it('counts the data lines of a CSV and the declared rows of an XLSX, less the lines above the data', async () => {
    const csv = tempFile('a.csv');
    fs.writeFileSync(csv, '县医保局结算明细\r\n身份证号码,个人自付\r\n1,2\r\n3,4\r\n,\r\n\r\n5,6');
    expect(await estimateDataRows(csv, 2)).toBe(3);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('明细');
    sheet.addRow(['县医保局结算明细']);
    sheet.addRow(['身份证号码', '个人自付']);
    for (let i = 0; i < 500; i++) sheet.addRow([`45102819880517${String(i).padStart(4, '0')}`, i]);
    const xlsx = tempFile('a.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    expect(await estimateDataRows(xlsx, 2)).toBe(500);
  });
});

/** A ZIP of `parts` in the given order (deflated), as some tools write XLSX files. */
function writeZip(file: string, parts: { name: string; data: Buffer }[]): void {
  fs.writeFileSync(file, zip(parts.map((p) => ({ ...p, deflate: true }))));
}

/** Every part of an XLSX file, inflated, in the ZIP's order. */
async function partsOf(file: string): Promise<{ name: string; data: Buffer }[]> {
  const parts: { name: string; data: Buffer }[] = [];
  for (const entry of zipEntries(file)) {
    const stream = await entryStream(file, entry);
    const chunks: Buffer[] = [];
    if (stream) for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
    parts.push({ name: entry.name, data: Buffer.concat(chunks) });
  }
  return parts;
}

/** The part with every tag in its root's namespace written with the prefix `x:`, as some .NET exports write XLSX. */
function prefixed(xml: Buffer): Buffer {
  return Buffer.from(
    xml
      .toString('utf8')
      .replace(/<(\/?)(?![?!])([A-Za-z])/g, '<$1x:$2')
      .replace('xmlns="', 'xmlns:x="'),
  );
}

describe('XLSX parts in any order and form', () => {
  async function twoSheetWorkbook(): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('说明').addRow(['填表说明']);
    const sheet = workbook.addWorksheet('明细');
    sheet.addRow(['身份证号码', '姓名', '结算日期', '个人自付']);
    sheet.addRow(['451028198805170011', '黄大明', new Date(Date.UTC(2026, 2, 5)), 100.5]);
    sheet.addRow(['451028199001010022', '罗小花', '2026-03-06', 200]);
    sheet.mergeCells('A5:B5');
    sheet.getCell('A5').value = '合计';
    const written = tempFile('written.xlsx');
    await workbook.xlsx.writeFile(written);
    return written;
  }
  const expectedRows = [
    { sheet: '说明', rowNumber: 1, cells: ['填表说明'] },
    { sheet: '明细', rowNumber: 1, cells: ['身份证号码', '姓名', '结算日期', '个人自付'] },
    { sheet: '明细', rowNumber: 2, cells: ['451028198805170011', '黄大明', '2026-03-05', '100.5'] },
    { sheet: '明细', rowNumber: 3, cells: ['451028199001010022', '罗小花', '2026-03-06', '200'] },
    { sheet: '明细', rowNumber: 5, cells: ['合计', '合计'] },
  ];

  it('reads every sheet when the workbook part comes last, after the shared strings and the sheets', async () => {
    // ExcelJS's own streaming reader failed on this order ("Cannot read properties of undefined
    // (reading 'sheets')"), and lost parts at random on ExcelJS's usual order (exceljs issue #3064).
    const written = await twoSheetWorkbook();
    const parts = await partsOf(written);
    const rank = (name: string) => (name === 'xl/workbook.xml' ? 3 : /^xl\/worksheets\/.+/.test(name) ? 2 : name === 'xl/sharedStrings.xml' ? 1 : 0);
    const reordered = tempFile('reordered.xlsx');
    writeZip(reordered, [...parts].sort((a, b) => rank(a.name) - rank(b.name)));
    expect(zipEntries(reordered).map((e) => e.name).slice(-4)).toEqual(['xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/workbook.xml']);
    for (const file of [written, reordered]) expect(await rowsOf(file)).toEqual(expectedRows);
  });

  it('reads a workbook whose every tag carries a namespace prefix (<x:row>), as some .NET exports write them', async () => {
    const parts = await partsOf(await twoSheetWorkbook());
    const file = tempFile('prefixed.xlsx');
    writeZip(file, parts.map((p) => (/^xl\/.+\.xml$/.test(p.name) ? { name: p.name, data: prefixed(p.data) } : p)));
    const sheetXml = (await partsOf(file)).find((p) => p.name === 'xl/worksheets/sheet2.xml')!.data.toString('utf8');
    expect(sheetXml).toContain('<x:row');
    expect(sheetXml).toContain('<x:mergeCell ');
    expect(await rowsOf(file)).toEqual(expectedRows);
    expect(await estimateDataRows(file, 1)).toBe(5 + 1 - 1);
  });

  it('refuses clearly, without a crash, a workbook part that is not SpreadsheetML', async () => {
    const parts = await partsOf(await twoSheetWorkbook());
    const file = tempFile('not-spreadsheetml.xlsx');
    writeZip(file, parts.map((p) => (p.name === 'xl/workbook.xml' ? { name: p.name, data: Buffer.from('<?xml version="1.0"?><document><body/></document>') } : p)));
    await expect(rowsOf(file)).rejects.toMatchObject({ reason: 'excelUnreadable', message: expect.stringMatching(/save it again as \.xlsx, or save it as CSV$/) });
  });

  it('keeps Chinese text whole when a character is cut by the boundary between two chunks of a part', async () => {
    // ExcelJS decodes each chunk of a part on its own: a character cut in two became two U+FFFD.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('明细');
    sheet.addRow(['身份证号码', '姓名', '家庭住址']);
    const expected: string[][] = [];
    for (let i = 0; i < 20_000; i++) {
      const row = ['451028198805170011', `黄${'大明小花罗张百谋阿文'.charAt(i % 10)}${i}`, `乐业县同乐镇刷把村${i}号`];
      expected.push(row);
      sheet.addRow(row);
    }
    const file = tempFile('chinese.xlsx');
    await workbook.xlsx.writeFile(file);
    const rows = await rowsOf(file);
    expect(rows.filter((r) => r.cells.some((c) => c.includes('\uFFFD')))).toEqual([]);
    expect(rows.slice(1).map((r) => r.cells)).toEqual(expected);
  });
});
