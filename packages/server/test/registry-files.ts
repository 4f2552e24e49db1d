import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { REGISTRY_CSV_HEADER_ZH, generateRegistry, registryRowToCsvCells } from '../src/modules/demo/generate-registry.ts';
import type { TestCounty } from './factories.ts';

/** Registry files made by the test suite itself, as national-system exports look. */
export function registryRows(county: TestCounty, households: number, seed = 7): string[][] {
  return [...generateRegistry({ seed, villages: county.villages, households, asOf: '2025-12-31' })].map(registryRowToCsvCells);
}

export const HEADER = [...REGISTRY_CSV_HEADER_ZH];
export const COL = Object.fromEntries(HEADER.map((h, i) => [h, i])) as Record<(typeof HEADER)[number], number>;

export function tempFile(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fangpin-test-'));
  return path.join(dir, name);
}

export function writeCsv(file: string, rows: string[][], options: { encoding?: 'utf8' | 'gbk' | 'utf8-bom'; titleRows?: string[] } = {}): string {
  const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const text = [...(options.titleRows ?? []), HEADER.map(quote).join(','), ...rows.map((r) => r.map(quote).join(','))].join('\r\n') + '\r\n';
  const encoding = options.encoding ?? 'utf8';
  if (encoding === 'gbk') fs.writeFileSync(file, iconv.encode(text, 'gbk'));
  else fs.writeFileSync(file, (encoding === 'utf8-bom' ? '\ufeff' : '') + text);
  return file;
}

/** XLSX with a merged title row above the header; `numericIdRows` get their ID cell as an Excel number. */
export async function writeXlsx(file: string, rows: string[][], options: { numericIdRows?: number[] } = {}): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('农户信息');
  sheet.addRow(['乐业县防返贫监测信息系统 农户成员信息导出']);
  sheet.mergeCells(1, 1, 1, HEADER.length);
  sheet.addRow(HEADER);
  rows.forEach((r, i) => {
    const cells: (string | number)[] = [...r];
    if (options.numericIdRows?.includes(i)) cells[COL['证件号码']] = Number(r[COL['证件号码']]);
    sheet.addRow(cells);
  });
  await workbook.xlsx.writeFile(file);
  return file;
}
