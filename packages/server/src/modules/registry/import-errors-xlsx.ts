import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type pg from 'pg';
import { xlsxRow } from '../../files/xlsx-cells.ts';

/**
 * The rejected rows of an import as an XLSX the sender can fix and send back: row number, column,
 * code and zh-CN message, followed by the row's own cells (ID numbers and phones masked).
 */
export async function writeImportErrorsXlsx(pool: pg.Pool, batchId: string, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('错误行 Errors');
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ row: number; column: string; code: string; message: string; raw: Record<string, string> | null }>(
      `SELECT row, "column", code, message, raw FROM import_errors WHERE batch_id = $1 ORDER BY row, id`,
      [batchId],
    );
    const rawHeaders = rows[0]?.raw ? Object.keys(rows[0].raw) : [];
    const header = sheet.addRow(xlsxRow(['行号 Row', '列 Column', '错误代码 Code', '错误说明 Message', ...rawHeaders]));
    header.font = { bold: true };
    header.commit();
    sheet.columns = [{ width: 10 }, { width: 18 }, { width: 26 }, { width: 60 }, ...rawHeaders.map(() => ({ width: 16 }))];
    for (const r of rows) sheet.addRow(xlsxRow([r.row, r.column, r.code, r.message, ...rawHeaders.map((h) => r.raw?.[h] ?? '')])).commit();
  } finally {
    client.release();
  }
  sheet.commit();
  await workbook.commit();
}
