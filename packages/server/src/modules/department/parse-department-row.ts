import { ID_PROBLEM_CODES, idProblemMessage, kindNames, kindOfText, parseIdNumber, type DepartmentImportResult, type DepartmentSource, type SourceField, type ImportRowCode } from '@fangpin/domain';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import { AppError } from '../../errors.ts';
import { normalizeDateText, parseAmount } from '../../files/cell-values.ts';
import { assertRejectedWithinLimit, mostFrequent, type ImportLimits } from '../../files/import-limits.ts';
import { normalizeHeader } from '../../files/header-map.ts';
import { copyBytea, copyText } from './copy-rows.ts';
import type { SettlementFingerprints } from './settlement-fingerprints.ts';

/**
 * One department row → its staging line (COPY text format) or its rejection (code, column, zh-CN
 * message). The rules are those of the import (ID checksum and birth date, dates not in the
 * future, amounts not negative, kinds from the source's list); the common cell forms
 * (2026-03-05, 774.70) take a short path, every other form goes through the general parsers.
 */

/** A source's header row: field → column index, and the headers as written (for error columns). */
export type DepartmentHeader = { rowNumber: number; columns: Partial<Record<string, number>>; headers: string[] };

/**
 * The header row of a department file: at least two known headers, one of them the ID number.
 * `mapping` (file header → field, saved by the user for unusual files) is applied first and wins
 * over the built-in aliases; headers are compared after `normalizeHeader`.
 */
export function makeHeaderMatcher(source: DepartmentSource, mapping: Record<string, string> | undefined): (rowNumber: number, cells: string[]) => DepartmentHeader | undefined {
  const fields = new Set(source.fields.map((f) => f.field));
  const mapped = new Map<string, string>();
  for (const [header, field] of Object.entries(mapping ?? {})) {
    const h = normalizeHeader(header);
    if (h && fields.has(field)) mapped.set(h, field);
  }
  const aliases = source.fields.map((f) => ({ field: f.field, aliases: new Set(f.aliases.map(normalizeHeader)) }));
  return (rowNumber, cells) => {
    const columns: Partial<Record<string, number>> = {};
    const normalized = cells.map(normalizeHeader);
    const taken = new Set<number>();
    normalized.forEach((h, index) => {
      const field = h ? mapped.get(h) : undefined;
      if (field !== undefined && columns[field] === undefined) {
        columns[field] = index;
        taken.add(index);
      }
    });
    normalized.forEach((h, index) => {
      if (!h || taken.has(index)) return;
      for (const spec of aliases) {
        if (columns[spec.field] !== undefined) continue;
        if (spec.aliases.has(h)) {
          columns[spec.field] = index;
          taken.add(index);
          return;
        }
      }
    });
    if (taken.size < 2 || columns.idNumber === undefined) return undefined;
    return { rowNumber, columns, headers: cells };
  };
}

export function assertRequired(source: DepartmentSource, header: DepartmentHeader, sheet: string | undefined): void {
  const missing = source.fields.filter((f) => f.isRequired && header.columns[f.field] === undefined).map((f) => f.zh);
  if (missing.length > 0) {
    throw new AppError(
      'IMPORT_FILE_INVALID',
      `${sheet ? `Sheet ${sheet}: ` : ''}missing column(s) ${missing.join(', ')}`,
      { row: header.rowNumber },
    );
  }
}

/** One problem of a row: code, column as written in the file, zh-CN message. */
export type RowProblem = { code: ImportRowCode; column: string; message: string };

/**
 * A rejected row: its first problem's code and column, the messages of all its problems (a clerk
 * fixes a row once, not once per problem), and each problem (`problems`, two or more when the row has several).
 */
export type Rejection = RowProblem & { problems?: RowProblem[] };

/** Columns of the staging table, in the order of `parseRow`'s lines. */
export const STAGE_COLUMNS = 'seq, sheet, row, error_code, error_column, error_message, id_index, id_masked, event_date, amount_fen, kind, "values"';

const TOTALS = /^(合计|总计|小计|共计)/;
/** What spreadsheets put in an empty date or amount cell ("-", "—", "/"): read as empty, not as a bad value. */
const PLACEHOLDER = /^[-－—–/／]+$/;
const SIX_DIGITS = /\d{6}/;

/** Excel stores dates as day numbers since 1899-12-30; such a cell reaches us as digits. */
function excelSerialDate(text: string): string | undefined {
  if (!/^\d{5}(\.\d+)?$/.test(text)) return undefined;
  const days = Math.floor(Number(text));
  if (days < 20000 || days > 80000) return undefined;
  return new Date(Date.UTC(1899, 11, 30) + days * 86_400_000).toISOString().slice(0, 10);
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** `YYYY-MM-DD` as written (the usual form), checked without building a Date; undefined when not that form. */
function isoDate(text: string): string | undefined | null {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) if (!isDigit(text.charCodeAt(i))) return undefined;
  if (text.charCodeAt(0) === 48) return undefined; // years before 1000: the general parser decides
  const y = Number(text.slice(0, 4));
  const m = (text.charCodeAt(5) - 48) * 10 + text.charCodeAt(6) - 48;
  const d = (text.charCodeAt(8) - 48) * 10 + text.charCodeAt(9) - 48;
  if (m < 1 || m > 12 || d < 1) return null;
  const days = m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d > days ? null : text;
}

function parseDate(text: string): string | undefined {
  const fast = isoDate(text);
  if (fast === null) return undefined;
  return fast ?? normalizeDateText(text) ?? excelSerialDate(text);
}

/** Plain digits with an optional decimal part (the usual form) without regular expressions; else the general parser. */
function parseAmountText(text: string): number | undefined {
  let dot = -1;
  const n = text.length;
  let isPlain = n > 0 && n < 16;
  for (let i = 0; i < n && isPlain; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && dot < 0 && i > 0 && i < n - 1) dot = i;
    else if (!isDigit(c)) isPlain = false;
  }
  if (!isPlain) return parseAmount(text);
  return Math.round(Number(text) * 100) / 100;
}

/** A row's problems (at least one) as its rejection: the first's code, every column and message. */
function rejectionOf(problems: RowProblem[]): Rejection {
  const first = problems[0]!;
  if (problems.length === 1) return first;
  return { code: first.code, column: problems.map((p) => p.column).join('、'), message: problems.map((p) => p.message).join('；'), problems };
}

/** The errors an import returns (the stored rejected rows hold them all). */
const MAX_ERRORS_RETURNED = 1000;

/**
 * Counts a rejected row in `result` (both readers, the general one and the files engine's): its
 * code, the import's limit on rejected rows (throws past it), and one error per problem, so a row
 * with two problems shows both (its stored row holds them together).
 */
export function countRejection(result: DepartmentImportResult, rejection: Rejection, sheet: string | null, row: number, limits: ImportLimits): void {
  result.rejected++;
  result.rejectedByCode[rejection.code] = (result.rejectedByCode[rejection.code] ?? 0) + 1;
  if (result.rejected > limits.maxRejectedRows) assertRejectedWithinLimit(limits, result.rejected, row, mostFrequent(result.rejectedByCode));
  for (const { code, column, message } of rejection.problems ?? [rejection]) {
    if (result.errors.length < MAX_ERRORS_RETURNED) result.errors.push({ sheet, row, code, column, message });
  }
}

type FieldPlan = { spec: SourceField; key: string; index: number | undefined; column: string; defaultKind: string | null };

export type RowParser = {
  /** The staging line of an accepted row, or the rejection. */
  parse(seq: number, sheet: string | null, row: number, cells: string[]): string | Rejection;
  /** The staging line of a rejected row. */
  rejectedLine(seq: number, sheet: string | null, row: number, rejection: Rejection): string;
};

/** `fingerprints`, when given, sees every accepted row's blind index, event date and amount (rolling-sum sources). */
export function makeRowParser(source: DepartmentSource, header: DepartmentHeader, deps: { cipher: PersonalDataCipher; today: string }, fingerprints?: SettlementFingerprints): RowParser {
  const columnOf = (field: string) => header.headers[header.columns[field] ?? -1] ?? source.fields.find((f) => f.field === field)?.zh ?? field;
  const plans: FieldPlan[] = source.fields
    .filter((f) => f.type !== 'idNumber')
    .map((spec) => ({ spec, key: JSON.stringify(spec.field), index: header.columns[spec.field], column: columnOf(spec.field), defaultKind: spec.kinds ? (Object.values(spec.kinds)[0] ?? null) : null }));
  const idIndex = header.columns.idNumber;
  const idColumn = columnOf('idNumber');
  const { today, cipher } = deps;

  return {
    parse(seq, sheet, row, cells) {
      const idText = idIndex === undefined ? '' : (cells[idIndex] ?? '').trim();
      if (!SIX_DIGITS.test(idText) && cells.some((c) => TOTALS.test(c.trim()))) return { code: 'TOTALS_ROW', column: idColumn, message: '合计行（不是人员记录），未导入' };
      // Every problem of the row is reported, not only the first.
      const problems: RowProblem[] = [];
      const reject = (plan: FieldPlan, code: ImportRowCode, message: string): void => void problems.push({ code, column: plan.column, message });
      const id = parseIdNumber(idText, { today });
      if (!id.ok) problems.push({ code: ID_PROBLEM_CODES[id.problem], column: idColumn, message: idProblemMessage(id.problem, 'zh-CN') });
      let json = '{';
      let eventDate: string | null = null;
      let amountFen: number | null = null;
      let kind: string | null = null;
      for (const plan of plans) {
        const f = plan.spec;
        let text = plan.index === undefined ? '' : (cells[plan.index] ?? '').trim();
        if ((f.type === 'date' || f.type === 'amount') && text && !isDigit(text.charCodeAt(0)) && PLACEHOLDER.test(text)) text = '';
        let value: string;
        if (!text) {
          if (f.isRequired) {
            reject(plan, 'VALUE_BLANK', `${f.zh}为空`);
            continue;
          }
          if (f.type === 'kind' && f.kinds) kind = plan.defaultKind;
          value = f.type === 'kind' && kind !== null ? JSON.stringify(kind) : 'null';
        } else if (f.type === 'date') {
          const date = parseDate(text);
          if (!date || date > today) {
            reject(plan, date ? 'DATE_IN_FUTURE' : 'DATE_INVALID', date ? `${f.zh} ${date} 晚于今天` : `${f.zh}“${text}”不是有效日期`);
            continue;
          }
          value = `"${date}"`;
          if (f.field === source.dateField) eventDate = date;
        } else if (f.type === 'amount') {
          const amount = parseAmountText(text);
          if (amount === undefined || !Number.isFinite(amount) || amount < 0) {
            const isInvalid = amount === undefined || !Number.isFinite(amount);
            reject(plan, isInvalid ? 'AMOUNT_INVALID' : 'AMOUNT_NEGATIVE', isInvalid ? `${f.zh}“${text}”不是有效金额` : `${f.zh} ${amount} 为负数`);
            continue;
          }
          value = String(amount);
          if (f.field === source.amountField) amountFen = Math.round(amount * 100);
        } else if (f.type === 'kind') {
          const code = kindOfText(f, text);
          if (!code) {
            reject(plan, 'VALUE_UNKNOWN', `${f.zh}“${text}”无法识别（可选：${kindNames(f).join('、')}）`);
            continue;
          }
          value = JSON.stringify(code);
          kind = code;
        } else {
          value = JSON.stringify(text);
        }
        json += json.length === 1 ? `${plan.key}:${value}` : `,${plan.key}:${value}`;
      }
      json += '}';
      if (!id.ok || problems.length > 0) return rejectionOf(problems);
      const index = cipher.blindIndex(id.value);
      fingerprints?.add(index, eventDate, amountFen);
      // The masked ID as maskIdNumber gives it for a valid 18-character number: first 6, 11 stars, the check character.
      return `${seq}\t${copyText(sheet)}\t${row}\t\\N\t\\N\t\\N\t${copyBytea(index)}\t${id.value.slice(0, 6)}***********${id.value.slice(17)}\t${eventDate ?? '\\N'}\t${amountFen ?? '\\N'}\t${copyText(kind)}\t${copyText(json)}\n`;
    },
    rejectedLine(seq, sheet, row, r) {
      return `${seq}\t${copyText(sheet)}\t${row}\t${copyText(r.code)}\t${copyText(r.column)}\t${copyText(r.message)}\t\\N\t\\N\t\\N\t\\N\t\\N\t{}\n`;
    },
  };
}
