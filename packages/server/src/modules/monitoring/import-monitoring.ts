import path from 'node:path';
import { RISK_TYPES, isInScope, isRiskTypeCode, MAX_RISK_TYPES_PER_HOUSEHOLD, normalizeHouseholdNumber, parseYesNo, isBlankCell, scopeOf, type Actor, type Scope } from '@fangpin/domain';
import type pg from 'pg';
import { AppError } from '../../errors.ts';
import { timeSlice } from '../../event-loop.ts';
import { normalizeDateText, parseAmount } from '../../files/cell-values.ts';
import { matchHeader, type ColumnSpec, type HeaderMatch } from '../../files/header-map.ts';
import { assertRejectedWithinLimit, DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../../files/import-limits.ts';
import { readRows, sha256File } from '../../files/table-reader.ts';
import { refreshCoverage } from './refresh-coverage.ts';
import { lockHouseholdsByNumberWithMonitoring, upsertImportedMonitoring, type ImportedMonitoringRecord } from './repo.ts';
import { recordAudit, type AuditActor } from '../audit/record-audit.ts';
import { insertImportErrors, runImportBatch } from '../registry/import-batches.ts';
import { insertHistory } from '../registry/repo.ts';
import type { ImportRowCode, ImportRowError } from '@fangpin/domain';

type Field =
  | 'householdNumber'
  | 'category'
  | 'riskTypes'
  | 'identifiedOn'
  | 'incomeYear'
  | 'perCapitaIncome'
  | 'wageIncome'
  | 'transferIncome'
  | 'compliantOutOfPocket'
  | 'hasDisabilityAllowance'
  | 'hasHousingProblem'
  | 'hasWaterProblem'
  | 'eliminationMode'
  | 'eliminatedOn'
  | 'perCapitaIncomeAfterElimination'
  | 'isNoLabourSafetyNet';

/** Headers of the national system's monitoring-object export (防返贫监测对象信息). */
export const MONITORING_COLUMNS: readonly ColumnSpec<Field>[] = [
  { field: 'householdNumber', aliases: ['户编号', '户码', '户号'], isRequired: true },
  { field: 'category', aliases: ['监测对象类别', '监测类型', '对象类别'] },
  { field: 'riskTypes', aliases: ['风险类型', '致贫返贫风险', '主要风险'] },
  { field: 'identifiedOn', aliases: ['识别监测时间', '纳入监测时间', '识别时间'] },
  { field: 'incomeYear', aliases: ['收入年度', '年度'] },
  { field: 'perCapitaIncome', aliases: ['人均纯收入', '家庭人均纯收入', '人均纯收入(元)'], isRequired: true },
  { field: 'wageIncome', aliases: ['工资性收入', '工资性收入(元)'] },
  { field: 'transferIncome', aliases: ['转移性收入', '转移性收入(元)'] },
  { field: 'compliantOutOfPocket', aliases: ['合规自付医疗支出', '合规自付支出', '合规自付医疗费用(元)'] },
  { field: 'hasDisabilityAllowance', aliases: ['是否享受残疾人补贴', '残疾人两项补贴'] },
  { field: 'hasHousingProblem', aliases: ['住房安全问题', '是否存在住房安全问题'] },
  { field: 'hasWaterProblem', aliases: ['饮水安全问题', '是否存在饮水安全问题'] },
  { field: 'eliminationMode', aliases: ['风险消除方式', '消除方式'] },
  { field: 'eliminatedOn', aliases: ['风险消除时间', '消除时间'] },
  { field: 'perCapitaIncomeAfterElimination', aliases: ['风险消除后人均纯收入', '消除后人均纯收入'] },
  { field: 'isNoLabourSafetyNet', aliases: ['是否整户无劳动能力兜底保障户', '整户无劳动能力兜底保障户'] },
];

const CATEGORY: Record<string, string> = { 脱贫不稳定户: 'unstable', 边缘易致贫户: 'marginal', 突发严重困难户: 'sudden', unstable: 'unstable', marginal: 'marginal', sudden: 'sudden' };
const ELIMINATION: Record<string, string> = { 帮扶消除: 'assisted', 自然消除: 'natural', assisted: 'assisted', natural: 'natural' };
const RISK_BY_NAME = new Map<string, string>(Object.values(RISK_TYPES).flatMap((r) => [[r.zh, r.code], [r.zh.replace(/（.*）/, ''), r.code]] as [string, string][]));

export type MonitoringRecord = ImportedMonitoringRecord;

export type MonitoringImportResult = { rows: number; imported: number; rejected: number; created: number; updated: number; unchanged: number; errors: ImportRowError[]; batchId: string };

/**
 * Imports the monitoring facts of households (one row per household, keyed by 户编号) from a national
 * export. Same guarantees as the registry import: every bad row reported with row, column, code and
 * a zh-CN message; good rows stored; a repeat changes nothing; every change kept in history; the
 * file is imported whole or not at all (import-batches.ts).
 */
export async function importMonitoring(pool: pg.Pool, actor: AuditActor & { regionCode?: string }, file: string, options: { today: string; fileName?: string; limits?: ImportLimits }): Promise<MonitoringImportResult> {
  const scope: Scope | undefined = actor.regionCode ? scopeOf(actor as Actor) : undefined;
  const limits = options.limits ?? DEFAULT_IMPORT_LIMITS;
  const fileSha256 = await sha256File(file, limits);
  const countyCode = scope?.countyCodes[0] ?? null;
  const batch = { kind: 'monitoring' as const, fileName: options.fileName ?? path.basename(file), fileSha256, actor, regionCode: actor.regionCode ?? null, countyCode };
  return runImportBatch(pool, batch, async (tx, batchId) => {
    const result: MonitoringImportResult = { rows: 0, imported: 0, rejected: 0, created: 0, updated: 0, unchanged: 0, errors: [], batchId };
    let header: HeaderMatch<Field> | undefined;
    const parsed: { row: number; householdNumber: string; record: MonitoringRecord }[] = [];
    const seen = new Map<string, number>();
    const slice = timeSlice();
    for await (const { rowNumber, cells } of readRows(file, { limits })) {
      if (slice.isOver()) await slice.next();
      if (!header) {
        header = matchHeader(MONITORING_COLUMNS, rowNumber, cells, { mustHave: 'householdNumber', minMatches: 3 });
        if (!header && rowNumber >= 30) break;
        if (header && header.columns.perCapitaIncome === undefined) throw new AppError('IMPORT_FILE_INVALID', 'Missing the required column 人均纯收入 (per-capita net income)', { row: rowNumber, reason: 'monitoringColumnMissing', params: { column: '人均纯收入' } });
        continue;
      }
      if (cells.every((c) => c === '')) continue;
      result.rows++;
      const errors: ImportRowError[] = [];
      const h = header;
      const cell = (f: Field) => (h.columns[f] === undefined ? '' : (cells[h.columns[f]] ?? '').trim());
      const bad = (f: Field, code: ImportRowCode, message: string) => errors.push({ row: rowNumber, column: h.headers[h.columns[f]!] ?? f, code, message });
      const amount = (f: Field, label: string, required = false): number | null => {
        const text = cell(f);
        if (!text) {
          if (required) bad(f, 'VALUE_BLANK', `${label}为空`);
          return null;
        }
        const value = parseAmount(text);
        if (value === undefined) bad(f, 'AMOUNT_INVALID', `${label}“${text}”不是有效金额`);
        return value ?? null;
      };
      const date = (f: Field, label: string): string | null => {
        const text = cell(f);
        if (!text) return null;
        const value = normalizeDateText(text);
        if (!value) bad(f, 'DATE_INVALID', `${label}“${text}”不是有效日期`);
        else if (value > options.today) bad(f, 'DATE_IN_FUTURE', `${label} ${value} 晚于今天`);
        return value ?? null;
      };
      const yesNo = (f: Field, label: string): boolean => {
        const text = cell(f);
        if (isBlankCell(text)) return false;
        const value = parseYesNo(text);
        if (value === null) bad(f, 'VALUE_UNKNOWN', `${label}“${text}”无法识别（应为 是 或 否）`);
        return value ?? false;
      };
      const householdNumber = normalizeHouseholdNumber(cell('householdNumber'));
      if (!householdNumber) bad('householdNumber', 'HOUSEHOLD_NUMBER_BLANK', '户编号为空');
      const categoryText = cell('category');
      const category = categoryText ? (CATEGORY[categoryText] ?? null) : null;
      if (categoryText && !category) bad('category', 'VALUE_UNKNOWN', `监测对象类别“${categoryText}”无法识别（脱贫不稳定户、边缘易致贫户或突发严重困难户）`);
      const riskTypes: string[] = [];
      for (const part of cell('riskTypes').split(/[,，;；、\s]+/).filter(Boolean)) {
        const code = isRiskTypeCode(part) ? part : RISK_BY_NAME.get(part);
        if (!code) bad('riskTypes', 'RISK_TYPE_UNKNOWN', `风险类型“${part}”无法识别`);
        else if (!riskTypes.includes(code)) riskTypes.push(code);
      }
      if (riskTypes.length > MAX_RISK_TYPES_PER_HOUSEHOLD) bad('riskTypes', 'TOO_MANY_RISK_TYPES', `风险类型最多 ${MAX_RISK_TYPES_PER_HOUSEHOLD} 项，本行有 ${riskTypes.length} 项`);
      const identifiedOn = date('identifiedOn', '识别监测时间');
      const yearText = cell('incomeYear');
      const incomeYear = yearText ? Number(yearText) : Number(options.today.slice(0, 4)) - 1;
      if (!Number.isInteger(incomeYear) || incomeYear < 2015 || incomeYear > Number(options.today.slice(0, 4))) bad('incomeYear', 'YEAR_INVALID', `收入年度“${yearText}”不正确`);
      const perCapitaIncome = amount('perCapitaIncome', '人均纯收入', true);
      const modeText = cell('eliminationMode');
      const eliminationMode = modeText ? (ELIMINATION[modeText] ?? null) : null;
      if (modeText && !eliminationMode) bad('eliminationMode', 'VALUE_UNKNOWN', `风险消除方式“${modeText}”无法识别（帮扶消除 或 自然消除）`);
      const eliminatedOn = date('eliminatedOn', '风险消除时间');
      if (eliminationMode && !eliminatedOn) bad('eliminatedOn', 'VALUE_BLANK', '已填写风险消除方式，但风险消除时间为空');
      if (eliminatedOn && identifiedOn && eliminatedOn < identifiedOn) bad('eliminatedOn', 'DATE_ORDER', `风险消除时间 ${eliminatedOn} 早于识别监测时间 ${identifiedOn}`);
      const record: MonitoringRecord = {
        category,
        riskTypes,
        identifiedOn,
        incomeYear,
        perCapitaIncome: perCapitaIncome ?? 0,
        wageIncome: amount('wageIncome', '工资性收入') ?? 0,
        transferIncome: amount('transferIncome', '转移性收入') ?? 0,
        compliantOutOfPocket: amount('compliantOutOfPocket', '合规自付医疗支出') ?? 0,
        hasDisabilityAllowance: yesNo('hasDisabilityAllowance', '是否享受残疾人补贴'),
        hasHousingProblem: yesNo('hasHousingProblem', '住房安全问题'),
        hasWaterProblem: yesNo('hasWaterProblem', '饮水安全问题'),
        eliminationMode,
        eliminatedOn,
        perCapitaIncomeAfterElimination: amount('perCapitaIncomeAfterElimination', '风险消除后人均纯收入'),
        isNoLabourSafetyNet: yesNo('isNoLabourSafetyNet', '是否整户无劳动能力兜底保障户'),
      };
      const first = seen.get(householdNumber);
      if (householdNumber && first !== undefined) bad('householdNumber', 'DUPLICATE_HOUSEHOLD_IN_FILE', `同一户在本文件第 ${first} 行已出现`);
      if (errors.length > 0) {
        result.errors.push(...errors);
        result.rejected++;
        if (result.rejected > limits.maxRejectedRows) assertRejectedWithinLimit(limits, result.rejected, rowNumber, errors[0]!.code);
        continue;
      }
      seen.set(householdNumber, rowNumber);
      parsed.push({ row: rowNumber, householdNumber, record });
    }
    if (!header) throw AppError.because('IMPORT_FILE_INVALID', 'monitoringHeaderMissing');

    for (let i = 0; i < parsed.length; i += 2000) {
      const slice = parsed.slice(i, i + 2000);
      const found = await lockHouseholdsByNumberWithMonitoring(tx, slice.map((p) => p.householdNumber));
      const byNumber = new Map(found.map((f) => [f.householdNumber, f]));
      const history: Parameters<typeof insertHistory>[1] = [];
      for (const p of slice) {
        const h = byNumber.get(p.householdNumber);
        const column = header.headers[header.columns.householdNumber!] ?? '户编号';
        if (!h || (scope && !isInScope(scope, h.regionCode))) {
          result.rejected++;
          result.errors.push({ row: p.row, column, code: h ? 'HOUSEHOLD_OUT_OF_SCOPE' : 'HOUSEHOLD_NOT_IN_REGISTRY', message: h ? `户编号 ${p.householdNumber} 不在您的管辖范围内` : `户编号 ${p.householdNumber} 不在户籍信息中，请先导入农户信息` });
          continue;
        }
        result.imported++;
        const before = h.current ? normalizeRecord(h.current) : null;
        const after = normalizeRecord(p.record);
        if (before && JSON.stringify(before) === JSON.stringify(after)) {
          result.unchanged++;
          continue;
        }
        await upsertImportedMonitoring(tx, h, p.record);
        if (before) result.updated++;
        else result.created++;
        history.push({ countyCode: h.countyCode, householdId: h.id, memberId: null, action: before ? 'monitoring.updated' : 'monitoring.created', actorId: actor.userId, actorName: actor.username, source: `import:${batchId}`, before, after });
      }
      await insertHistory(tx, history);
      // Risks and out-of-pocket spending may have changed: re-check the coverage of what was written.
      await refreshCoverage(tx, history.map((e) => e.householdId));
    }
    result.errors.sort((a, b) => a.row - b.row);
    await insertImportErrors(tx, batchId, result.errors);
    await recordAudit(tx, actor, 'monitoring.imported', { type: 'import_batch', id: batchId, regionCode: actor.regionCode ?? null }, { details: { rows: result.rows, imported: result.imported, created: result.created, updated: result.updated, rejected: result.rejected } });
    return { result, counts: result };
  });
}

/** A record in one canonical form (numbers as numbers, sorted keys) so a repeat compares equal. */
function normalizeRecord(r: MonitoringRecord): MonitoringRecord {
  return {
    category: r.category ?? null,
    riskTypes: [...r.riskTypes],
    identifiedOn: r.identifiedOn ?? null,
    incomeYear: Number(r.incomeYear),
    perCapitaIncome: Number(r.perCapitaIncome),
    wageIncome: Number(r.wageIncome),
    transferIncome: Number(r.transferIncome),
    compliantOutOfPocket: Number(r.compliantOutOfPocket),
    hasDisabilityAllowance: r.hasDisabilityAllowance,
    hasHousingProblem: r.hasHousingProblem,
    hasWaterProblem: r.hasWaterProblem,
    eliminationMode: r.eliminationMode ?? null,
    eliminatedOn: r.eliminatedOn ?? null,
    perCapitaIncomeAfterElimination: r.perCapitaIncomeAfterElimination === null ? null : Number(r.perCapitaIncomeAfterElimination),
    isNoLabourSafetyNet: r.isNoLabourSafetyNet,
  };
}
