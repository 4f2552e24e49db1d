import crypto from 'node:crypto';
import path from 'node:path';
import {
  DEPARTMENT_SOURCES,
  addCalendarDays,
  addWorkingDays,
  calendarForRuleSet,
  departmentRecordOf,
  evaluateDepartmentSignal,
  ID_PROBLEM_CODES,
  idProblemMessage,
  isInScope,
  maskIdNumber,
  parseIdNumber,
  scopeOf,
  type Actor,
  type DepartmentSource,
  type DepartmentSourceCode,
  type RuleSet,
  type Scope,
} from '@fangpin/domain';
import type pg from 'pg';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import { withTransaction, type Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { normalizeDateText, parseAmount } from '../../files/cell-values.ts';
import { sha256File } from '../../files/file-hash.ts';
import { matchHeader, type HeaderMatch } from '../../files/header-map.ts';
import { readTableRows } from '../../files/read-table.ts';
import { recordAudit, type AuditActor } from '../audit/record-audit.ts';
import { ruleSetInForce } from '../rules/rule-set-in-force.ts';

export type DepartmentImportResult = {
  rows: number;
  accepted: number;
  matched: number;
  unmatched: number;
  rejected: number;
  rejectedByCode: Record<string, number>;
  warnings: number;
  newWarnings: number;
  batchId: string;
  isDryRun: boolean;
  /** The same file (same content) was already imported for this source: nothing was changed. */
  isRepeat: boolean;
  errors: { sheet: string | null; row: number; column: string; code: string; message: string }[];
};

type Deps = { pool: pg.Pool; cipher: PersonalDataCipher; today: string };

type ParsedRow = {
  seq: number;
  sheet: string | null;
  row: number;
  fate: 'matched' | 'unmatched' | 'rejected';
  error?: { code: string; column: string; message: string };
  idIndex: Buffer | null;
  idMasked: string | null;
  eventDate: string | null;
  amountFen: number | null;
  kind: string | null;
  values: Record<string, string | number | null>;
  memberId?: string;
  householdId?: string;
  countyCode?: string;
};

const BATCH = 5000;
const MAX_ERRORS_RETURNED = 1000;

/**
 * Imports one department file: every row stored with its fate (matched to a person and household,
 * unmatched, or rejected with code, column and zh-CN message), then the source's signal rule run
 * under the rule set in force, raising or updating one warning per household, risk and month.
 * The whole import is one transaction: a failure or a kill leaves nothing behind, and a re-run
 * starts clean. The same file twice changes nothing (file hash). `dryRun` does everything and rolls back.
 */
export async function importDepartmentFile(
  deps: Deps,
  actor: AuditActor & { regionCode?: string },
  sourceCode: DepartmentSourceCode,
  file: string,
  options: { dryRun?: boolean; fileName?: string; onProgress?: (rows: number) => void } = {},
): Promise<DepartmentImportResult> {
  const source = DEPARTMENT_SOURCES[sourceCode];
  const scope: Scope | undefined = actor.regionCode ? scopeOf(actor as Actor) : undefined;
  const fileSha256 = await sha256File(file);

  const { rows: previous } = await deps.pool.query<DepartmentImportResult & { id: string }>(
    `SELECT id, rows, accepted, matched, unmatched, rejected, rejected_by_code AS "rejectedByCode", warnings FROM department_batches WHERE source = $1 AND file_sha256 = $2`,
    [sourceCode, fileSha256],
  );
  if (previous[0]) {
    const p = previous[0];
    return {
      rows: p.rows,
      accepted: p.accepted,
      matched: p.matched,
      unmatched: p.unmatched,
      rejected: p.rejected,
      rejectedByCode: p.rejectedByCode,
      warnings: p.warnings,
      newWarnings: 0,
      batchId: p.id,
      isDryRun: !!options.dryRun,
      isRepeat: true,
      errors: [],
    };
  }

  const batchId = crypto.randomUUID();
  const result: DepartmentImportResult = {
    rows: 0,
    accepted: 0,
    matched: 0,
    unmatched: 0,
    rejected: 0,
    rejectedByCode: {},
    warnings: 0,
    newWarnings: 0,
    batchId,
    isDryRun: !!options.dryRun,
    isRepeat: false,
    errors: [],
  };
  return withTransaction(
    deps.pool,
    async (client) => {
      // Serialises imports of one source (two uploads of the same file at once: one wins, the other repeats).
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`department:${sourceCode}`]);
      await client.query(
        `INSERT INTO department_batches (id, source, file_name, file_sha256, compared_on, actor_name, region_code, rows, accepted, matched, unmatched, rejected, rejected_by_code, warnings)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 0, 0, 0, 0, '{}', 0)`,
        [
          batchId,
          sourceCode,
          options.fileName ?? path.basename(file),
          fileSha256,
          deps.today,
          actor.username,
          actor.regionCode ?? null,
        ],
      );
      let header: HeaderMatch<string> | undefined;
      let headerSheet: string | undefined;
      let pending: ParsedRow[] = [];
      let seq = 0;
      const households = new Set<string>();
      for await (const { rowNumber, cells, sheet } of readTableRows(file)) {
        if (sheet !== headerSheet) {
          header = undefined;
          headerSheet = sheet;
        }
        if (!header) {
          header = matchHeader(source.fields, rowNumber, cells, { mustHave: 'idNumber', minMatches: 2 });
          if (header) assertRequired(source, header, sheet);
          continue;
        }
        if (cells.every((c) => c === '')) continue;
        pending.push(parseRow(deps, source, header, ++seq, sheet ?? null, rowNumber, cells));
        if (pending.length >= BATCH) {
          await writeRows(client, deps, scope, sourceCode, batchId, pending, result, households);
          pending = [];
          options.onProgress?.(result.rows);
        }
      }
      if (seq === 0 && !header)
        throw new AppError(
          'IMPORT_FILE_INVALID',
          `No header row with an ID column (身份证号码) found / 未找到包含“身份证号码”列的表头`,
        );
      await writeRows(client, deps, scope, sourceCode, batchId, pending, result, households);
      options.onProgress?.(result.rows);

      if (source.signal !== 'none' && households.size > 0) {
        const counts = await raiseWarnings(client, deps, source, batchId, households);
        result.warnings = counts.touched;
        result.newWarnings = counts.created;
      }
      await client.query(
        `UPDATE department_batches SET rows = $2, accepted = $3, matched = $4, unmatched = $5, rejected = $6, rejected_by_code = $7, warnings = $8 WHERE id = $1`,
        [
          batchId,
          result.rows,
          result.accepted,
          result.matched,
          result.unmatched,
          result.rejected,
          JSON.stringify(result.rejectedByCode),
          result.warnings,
        ],
      );
      await recordAudit(
        client,
        actor,
        'department.imported',
        { type: 'department_batch', id: batchId, regionCode: actor.regionCode ?? null },
        {
          details: {
            source: sourceCode,
            fileSha256,
            rows: result.rows,
            matched: result.matched,
            rejected: result.rejected,
            warnings: result.warnings,
          },
        },
      );
      return result;
    },
    { rollback: !!options.dryRun },
  );
}

function assertRequired(source: DepartmentSource, header: HeaderMatch<string>, sheet: string | undefined): void {
  const missing = source.fields.filter((f) => f.isRequired && header.columns[f.field] === undefined).map((f) => f.zh);
  if (missing.length > 0) {
    throw new AppError(
      'IMPORT_FILE_INVALID',
      `${sheet ? `Sheet ${sheet}: ` : ''}missing column(s) ${missing.join(', ')} / ${sheet ? `工作表“${sheet}”` : ''}缺少必需的列：${missing.join('、')}`,
      { row: header.rowNumber },
    );
  }
}

const TOTALS = /^(合计|总计|小计|共计)/;

/** Excel stores dates as day numbers since 1899-12-30; such a cell reaches us as digits. */
function excelSerialDate(text: string): string | undefined {
  if (!/^\d{5}(\.\d+)?$/.test(text)) return undefined;
  const days = Math.floor(Number(text));
  if (days < 20000 || days > 80000) return undefined;
  return new Date(Date.UTC(1899, 11, 30) + days * 86_400_000).toISOString().slice(0, 10);
}

function parseRow(
  deps: Deps,
  source: DepartmentSource,
  header: HeaderMatch<string>,
  seq: number,
  sheet: string | null,
  row: number,
  cells: string[],
): ParsedRow {
  const cell = (field: string) => {
    const index = header.columns[field];
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const columnOf = (field: string) =>
    header.headers[header.columns[field] ?? -1] ?? source.fields.find((f) => f.field === field)?.zh ?? field;
  const rejected = (
    field: string,
    code: string,
    message: string,
    values: Record<string, string | number | null> = {},
  ): ParsedRow => ({
    seq,
    sheet,
    row,
    fate: 'rejected',
    error: { code, column: columnOf(field), message },
    idIndex: null,
    idMasked: null,
    eventDate: null,
    amountFen: null,
    kind: null,
    values,
  });
  const idText = cell('idNumber');
  if (!/\d{6}/.test(idText) && cells.some((c) => TOTALS.test(c.trim())))
    return rejected('idNumber', 'TOTALS_ROW', '合计行（不是人员记录），未导入');
  const id = parseIdNumber(idText, { today: deps.today });
  if (!id.ok) return rejected('idNumber', ID_PROBLEM_CODES[id.problem], idProblemMessage(id.problem, 'zh-CN'));
  const values: Record<string, string | number | null> = {};
  let eventDate: string | null = null;
  let amountFen: number | null = null;
  let kind: string | null = null;
  for (const f of source.fields) {
    if (f.type === 'idNumber') continue;
    const text = cell(f.field);
    if (!text) {
      if (f.isRequired) return rejected(f.field, 'VALUE_BLANK', `${f.zh}为空`);
      if (f.type === 'kind' && f.kinds) kind = Object.values(f.kinds)[0] ?? null;
      values[f.field] = f.type === 'kind' ? kind : null;
      continue;
    }
    if (f.type === 'date') {
      const date = normalizeDateText(text) ?? excelSerialDate(text);
      if (!date) return rejected(f.field, 'DATE_INVALID', `${f.zh}“${text}”不是有效日期`);
      if (date > deps.today) return rejected(f.field, 'DATE_IN_FUTURE', `${f.zh} ${date} 晚于今天`);
      values[f.field] = date;
      if (f.field === source.dateField) eventDate = date;
    } else if (f.type === 'amount') {
      const amount = parseAmount(text);
      if (amount === undefined) return rejected(f.field, 'AMOUNT_INVALID', `${f.zh}“${text}”不是有效金额`);
      if (amount < 0) return rejected(f.field, 'AMOUNT_NEGATIVE', `${f.zh} ${amount} 为负数`);
      values[f.field] = amount;
      if (f.field === source.amountField) amountFen = Math.round(amount * 100);
    } else if (f.type === 'kind') {
      const code = f.kinds?.[text];
      if (!code)
        return rejected(
          f.field,
          'VALUE_UNKNOWN',
          `${f.zh}“${text}”无法识别（可选：${Object.keys(f.kinds ?? {}).join('、')}）`,
        );
      values[f.field] = code;
      kind = code;
    } else {
      values[f.field] = text;
    }
  }
  return {
    seq,
    sheet,
    row,
    fate: 'unmatched',
    idIndex: deps.cipher.blindIndex(id.value),
    idMasked: maskIdNumber(id.value),
    eventDate,
    amountFen,
    kind,
    values,
  };
}

async function writeRows(
  tx: Tx,
  deps: Deps,
  scope: Scope | undefined,
  source: DepartmentSourceCode,
  batchId: string,
  rows: ParsedRow[],
  result: DepartmentImportResult,
  households: Set<string>,
): Promise<void> {
  if (rows.length === 0) return;
  const valid = rows.filter((r) => r.idIndex);
  const { rows: found } = await tx.query<{
    idIndex: Buffer;
    memberId: string;
    householdId: string;
    countyCode: string;
    regionCode: string;
  }>(
    `SELECT m.id_index AS "idIndex", m.id AS "memberId", m.household_id AS "householdId", h.county_code AS "countyCode", h.region_code AS "regionCode"
     FROM members m JOIN households h ON h.id = m.household_id WHERE m.id_index = ANY($1::bytea[])`,
    [valid.map((r) => r.idIndex)],
  );
  const byIndex = new Map(found.map((f) => [f.idIndex.toString('hex'), f]));
  for (const r of rows) {
    result.rows++;
    if (r.fate === 'rejected') {
      result.rejected++;
      result.rejectedByCode[r.error!.code] = (result.rejectedByCode[r.error!.code] ?? 0) + 1;
      if (result.errors.length < MAX_ERRORS_RETURNED) result.errors.push({ sheet: r.sheet, row: r.row, ...r.error! });
      continue;
    }
    result.accepted++;
    const person = byIndex.get(r.idIndex!.toString('hex'));
    // A person outside the importer's region counts as not found: a department sees statistics, not other counties' registries.
    if (person && (!scope || isInScope(scope, person.regionCode))) {
      r.fate = 'matched';
      r.memberId = person.memberId;
      r.householdId = person.householdId;
      r.countyCode = person.countyCode;
      households.add(person.householdId);
      result.matched++;
    } else {
      result.unmatched++;
    }
  }
  await tx.query(
    `INSERT INTO department_rows (batch_id, seq, sheet, row, source, fate, error_code, error_column, error_message, id_index, id_masked, member_id, household_id, county_code, event_date, amount_fen, kind, "values")
     SELECT $1, * FROM unnest($2::int[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bytea[], $11::text[], $12::uuid[], $13::uuid[], $14::varchar[], $15::date[], $16::int[], $17::text[], $18::jsonb[])`,
    [
      batchId,
      rows.map((r) => r.seq),
      rows.map((r) => r.sheet),
      rows.map((r) => r.row),
      rows.map(() => source),
      rows.map((r) => r.fate),
      rows.map((r) => r.error?.code ?? null),
      rows.map((r) => r.error?.column ?? null),
      rows.map((r) => r.error?.message ?? null),
      rows.map((r) => r.idIndex),
      rows.map((r) => r.idMasked),
      rows.map((r) => r.memberId ?? null),
      rows.map((r) => r.householdId ?? null),
      rows.map((r) => r.countyCode ?? null),
      rows.map((r) => r.eventDate),
      rows.map((r) => r.amountFen),
      rows.map((r) => r.kind),
      rows.map((r) => JSON.stringify(r.values)),
    ],
  );
}

type Signal = {
  householdId: string;
  riskType: string;
  message: string;
  numbers: Record<string, number>;
  ruleSet: RuleSet;
};

/**
 * The source's signal rule over the rows of this batch (and, for rolling sums, the source's stored
 * rows of the last 12 months), then one warning per household, risk type and comparison month.
 */
async function raiseWarnings(
  tx: Tx,
  deps: Deps,
  source: DepartmentSource,
  batchId: string,
  households: ReadonlySet<string>,
): Promise<{ touched: number; created: number }> {
  // Each household is judged by the rule set of its own county (a provincial file spans many).
  const ruleSets = new Map<string, RuleSet>();
  const ruleSetOf = async (countyCode: string) => {
    let rs = ruleSets.get(countyCode);
    if (!rs) ruleSets.set(countyCode, (rs = await ruleSetInForce(tx, countyCode, deps.today)));
    return rs;
  };
  const signals: Signal[] = [];
  if (source.signal === 'rollingSum') {
    const from = addCalendarDays(deps.today, -365);
    const { rows } = await tx.query<{
      householdId: string;
      countyCode: string;
      householdType: 'formerlyPoor' | 'ordinary';
      totalFen: number;
    }>(
      // The same settlement sent again in a later file (same person, date and amount) counts once.
      `SELECT r.household_id AS "householdId", h.county_code AS "countyCode", h.type AS "householdType", sum(r.amount_fen)::bigint AS "totalFen"
       FROM (SELECT DISTINCT ON (id_index, event_date, amount_fen) household_id, amount_fen FROM department_rows
             WHERE source = $1 AND fate = 'matched' AND event_date > $2 AND event_date <= $3 AND household_id = ANY($4::uuid[])) r
       JOIN households h ON h.id = r.household_id
       GROUP BY r.household_id, h.county_code, h.type`,
      // The batch's households come from memory: rows written in this transaction have no planner
      // statistics yet, and a sub-select over them made PostgreSQL pick a quadratic plan.
      [source.code, from, deps.today, [...households]],
    );
    for (const r of rows) {
      const ruleSet = await ruleSetOf(r.countyCode);
      const signal = evaluateDepartmentSignal(
        {
          source: 'medicalInsurance',
          householdType: r.householdType,
          outOfPocketLast12Months: Number(r.totalFen) / 100,
        },
        ruleSet,
      );
      if (signal.isRaised && signal.riskType)
        signals.push({
          householdId: r.householdId,
          riskType: signal.riskType,
          message: signal.message,
          numbers: signal.numbers,
          ruleSet,
        });
    }
  } else {
    const { rows } = await tx.query<{
      householdId: string;
      countyCode: string;
      values: Record<string, string | number | null>;
    }>(
      `SELECT household_id AS "householdId", county_code AS "countyCode", "values" FROM department_rows WHERE batch_id = $1 AND fate = 'matched'`,
      [batchId],
    );
    for (const r of rows) {
      const record = departmentRecordOf(source.code, r.values);
      if (!record) continue;
      const ruleSet = await ruleSetOf(r.countyCode);
      const signal = evaluateDepartmentSignal(record, ruleSet);
      if (signal.isRaised && signal.riskType)
        signals.push({
          householdId: r.householdId,
          riskType: signal.riskType,
          message: signal.message,
          numbers: signal.numbers,
          ruleSet,
        });
    }
  }
  if (signals.length === 0) return { touched: 0, created: 0 };
  const unique = new Map(signals.map((s) => [`${s.householdId}:${s.riskType}`, s]));
  const list = [...unique.values()];
  const period = deps.today.slice(0, 7);
  // The village's check is due within the rule set's home-verification limit.
  const dueOf = (ruleSet: RuleSet) => {
    const limit = ruleSet.stepLimits.homeVerification;
    return !limit
      ? null
      : limit.unit === 'working'
        ? addWorkingDays(calendarForRuleSet(ruleSet), deps.today, limit.days)
        : addCalendarDays(deps.today, limit.days);
  };
  const { rows } = await tx.query<{ isNew: boolean }>(
    `INSERT INTO warnings (county_code, region_code, household_id, risk_type, period, sources, message, numbers, rule_set_version, batch_ids, is_monitored, due_on)
     SELECT h.county_code, h.region_code, s.household_id, s.risk_type, $1, ARRAY[$2::text], s.message, s.numbers, s.version, ARRAY[$3::uuid],
       EXISTS (SELECT 1 FROM household_monitoring m WHERE m.household_id = h.id AND m.eliminated_on IS NULL), s.due_on
     FROM unnest($4::uuid[], $5::text[], $6::text[], $7::jsonb[], $8::text[], $9::date[]) AS s(household_id, risk_type, message, numbers, version, due_on)
     JOIN households h ON h.id = s.household_id
     ON CONFLICT (household_id, risk_type, period) DO UPDATE SET
       message = EXCLUDED.message, numbers = EXCLUDED.numbers, rule_set_version = EXCLUDED.rule_set_version,
       sources = (SELECT array_agg(DISTINCT x) FROM unnest(warnings.sources || EXCLUDED.sources) x),
       batch_ids = warnings.batch_ids || EXCLUDED.batch_ids, updated_at = now()
     RETURNING (xmax = 0) AS "isNew"`,
    [
      period,
      source.code,
      batchId,
      list.map((s) => s.householdId),
      list.map((s) => s.riskType),
      list.map((s) => s.message),
      list.map((s) => JSON.stringify(s.numbers)),
      list.map((s) => s.ruleSet.version),
      list.map((s) => dueOf(s.ruleSet)),
    ],
  );
  return { touched: rows.length, created: rows.filter((r) => r.isNew).length };
}
