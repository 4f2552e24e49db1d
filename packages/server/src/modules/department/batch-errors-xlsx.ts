import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type pg from 'pg';
import { DEPARTMENT_SOURCES, type DepartmentSourceCode } from '@fangpin/domain';
import { xlsxRow } from '../../files/xlsx-cells.ts';

/**
 * The rejected rows of a department batch as an XLSX the department can fix and send back: where the
 * row was (sheet, row) and what is wrong (column, code, zh-CN message, which quotes a bad date,
 * amount or kind as written). Rejected rows keep none of their cells (a malformed ID number cannot
 * be blind-indexed and is never stored in clear), so the department finds the row by position in
 * the file it sent.
 */
export async function writeDepartmentErrorsXlsx(pool: pg.Pool, batchId: string, source: DepartmentSourceCode, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('退回修改 Rejected rows');
  const header = sheet.addRow(xlsxRow(['工作表 Sheet', '行号 Row', '列 Column', '错误代码 Code', '错误说明 Message']));
  header.font = { bold: true };
  header.commit();
  sheet.columns = [{ width: 14 }, { width: 10 }, { width: 16 }, { width: 26 }, { width: 70 }];
  const { rows } = await pool.query<{ sheet: string | null; row: number; column: string; code: string; message: string }>(
    `SELECT sheet, row, error_column AS "column", error_code AS code, error_message AS message FROM department_rows WHERE batch_id = $1 AND fate = 'rejected' ORDER BY seq`,
    [batchId],
  );
  for (const r of rows) sheet.addRow(xlsxRow([r.sheet ?? '', r.row, r.column, r.code, r.message])).commit();
  sheet.commit();
  const about = workbook.addWorksheet('说明 About');
  about.addRow(xlsxRow([`来源 Source: ${DEPARTMENT_SOURCES[source].zh}`])).commit();
  about.addRow(xlsxRow([`批次 Batch: ${batchId}`])).commit();
  about.commit();
  await workbook.commit();
}
