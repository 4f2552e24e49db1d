import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempFile } from '../../test/registry-files.ts';
import fs from 'node:fs';
import { estimateDataRows } from './count-rows.ts';
import { readTableRows } from './read-table.ts';
import { MergeFiller } from './xlsx-merges.ts';

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
