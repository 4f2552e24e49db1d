import { countyCodeOf, isRegionCode, normalizeRegionCode, parentRegionCode, regionLevelOf, REGION_LEVELS } from '@fangpin/domain';
import type pg from 'pg';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { readRows } from '../../files/table-reader.ts';
import { recordAudit, type AuditActor } from '../audit/record-audit.ts';
import { upsertRegions, type RegionInput } from './repo.ts';

export type RegionLoadResult = { rows: number; loaded: number; changed: number; rejected: number; errors: { row: number; column: string; code: string; message: string }[] };

/**
 * Loads the region tree from a CSV/XLSX with columns code, name, level, parent_code (Chinese headers
 * 代码, 名称, 级别, 上级代码 also accepted). Every row is checked (12/15-digit code, level agrees with the
 * code, parent present in the file or the database); good rows are upserted in one transaction.
 */
export async function loadRegions(pool: pg.Pool, actor: AuditActor, file: string): Promise<RegionLoadResult> {
  const result: RegionLoadResult = { rows: 0, loaded: 0, changed: 0, rejected: 0, errors: [] };
  const good: RegionInput[] = [];
  let columns: { code: number; name: number; level: number; parent: number } | undefined;
  for await (const { rowNumber, cells } of readRows(file)) {
    if (!columns) {
      const find = (...names: string[]) => cells.findIndex((c) => names.includes(c.trim().toLowerCase()));
      const found = { code: find('code', '代码', '区划代码'), name: find('name', '名称'), level: find('level', '级别'), parent: find('parent_code', '上级代码') };
      if (found.code >= 0 && found.name >= 0) columns = found;
      continue;
    }
    if (cells.every((c) => !c)) continue;
    result.rows++;
    const reject = (column: string, code: string, message: string) => {
      result.rejected++;
      result.errors.push({ row: rowNumber, column, code, message });
    };
    const rawCode = cells[columns.code] ?? '';
    let code: string;
    try {
      code = normalizeRegionCode(rawCode);
    } catch {
      reject('code', 'REGION_INVALID', `区划代码“${rawCode}”格式不正确`);
      continue;
    }
    if (!isRegionCode(code)) {
      reject('code', 'REGION_INVALID', `区划代码“${rawCode}”格式不正确`);
      continue;
    }
    const name = (cells[columns.name] ?? '').trim();
    if (!name) {
      reject('name', 'NAME_BLANK', '名称为空');
      continue;
    }
    const level = regionLevelOf(code);
    const statedLevel = columns.level >= 0 ? (cells[columns.level] ?? '').trim() : '';
    if (statedLevel && statedLevel !== level) {
      reject('level', 'LEVEL_MISMATCH', `级别“${statedLevel}”与代码 ${code} 的级别 ${level} 不符`);
      continue;
    }
    const parentCode = parentRegionCode(code);
    const levelRank = REGION_LEVELS.indexOf(level);
    good.push({ code, name, level, levelRank, parentCode, countyCode: levelRank >= 2 ? countyCodeOf(code) : null });
  }
  if (!columns) throw new AppError('IMPORT_FILE_INVALID', 'No header with columns code and name');
  const inFile = new Set(good.map((r) => r.code));
  return withTransaction(pool, async (tx) => {
    const parents = [...new Set(good.map((r) => r.parentCode).filter((p): p is string => !!p && !inFile.has(p)))];
    const { rows } = await tx.query<{ code: string }>(`SELECT code FROM regions WHERE code = ANY($1::varchar[])`, [parents]);
    const known = new Set([...inFile, ...rows.map((r) => r.code)]);
    const accepted = good.filter((r) => {
      if (!r.parentCode || known.has(r.parentCode)) return true;
      result.rejected++;
      result.errors.push({ row: 0, column: 'parent_code', code: 'PARENT_UNKNOWN', message: `${r.code} ${r.name} 的上级 ${r.parentCode} 不存在` });
      return false;
    });
    result.changed = await upsertRegions(tx, accepted);
    result.loaded = accepted.length;
    await recordAudit(tx, actor, 'regions.loaded', { type: 'regions' }, { details: { rows: result.rows, loaded: result.loaded, changed: result.changed, rejected: result.rejected } });
    return result;
  });
}
