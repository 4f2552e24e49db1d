import path from 'node:path';
import {
  countyCodeOf,
  ID_PROBLEM_CODES,
  idProblemMessage,
  isBlankCell,
  isHouseholdNumber,
  isInScope,
  isRegionCode,
  maskIdNumber,
  maskIdNumbersInText,
  maskPhone,
  normalizeHouseholdNumber,
  normalizeRegionCode,
  parseCode,
  parseIdNumber,
  parseYesNo,
  regionLevelOf,
  scopeOf,
  type Actor,
  type ImportRowCode,
  type ImportRowError,
  type HouseholdType,
  type RegistryCodeListName,
  type Scope,
} from '@fangpin/domain';
import type pg from 'pg';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { mapInSlices, timeSlice } from '../../event-loop.ts';
import { matchHeader, type HeaderMatch } from '../../files/header-map.ts';
import { normalizeDateText } from '../../files/cell-values.ts';
import { assertRejectedWithinLimit, DEFAULT_IMPORT_LIMITS, mostFrequent, type ImportLimits } from '../../files/import-limits.ts';
import { readRows, sha256File } from '../../files/table-reader.ts';
import { recordAudit, type AuditActor } from '../audit/record-audit.ts';
import { isPhone, normalizePhone, sealPhone } from './phone.ts';
import { REGISTRY_COLUMNS, type RegistryField } from './registry-columns.ts';
import { HOUSEHOLD_COLUMNS, MEMBER_COLUMNS, insertHistory, insertHouseholds, insertMembers, type HouseholdRow, type MemberRow } from './repo.ts';
import { insertImportErrors, runImportBatch } from './import-batches.ts';
import { householdSnapshot, memberSnapshot } from './snapshot.ts';

/** One problem of one row; a row with any problem is rejected whole (its other rows are unaffected). */
export type { ImportRowError } from '@fangpin/domain';

export type RegistryImportResult = {
  rows: number;
  imported: number;
  rejected: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportRowError[];
  batchId: string;
  fileSha256: string;
};

/** `limits`: what one file may hold (config.ts); the defaults when absent. */
type Deps = { pool: pg.Pool; cipher: PersonalDataCipher; today: string; limits?: ImportLimits };

type HouseholdFields = { householdNumber: string; type: HouseholdType; regionCode: string; address: string; phone: string; firstRow: number };

type MemberFields = {
  row: number;
  householdNumber: string;
  name: string;
  idNumber: string;
  sex: string;
  /** Only the year is stored in clear: the full date is inside the (encrypted) ID number. */
  birthYear: number;
  relation: string;
  health: string | null;
  labourCapacity: string | null;
  schooling: string | null;
  migrantMonths: number | null;
  hasMedicalInsurance: boolean | null;
  hasPensionInsurance: boolean | null;
  isDibao: boolean | null;
  isTekun: boolean | null;
  /** The member's own phone ('' when none); the household's phone is the first one given. */
  phone: string;
};

const BATCH_ROWS = 2000;
/** History snapshots of new values leave the ciphertext out (the row holds it). */
const LEAN = { withCiphertext: false };
const HEADER_SCAN_ROWS = 30;

/**
 * Imports a national-system style registry export (one row per member). The file is streamed and
 * checked 2,000 rows at a time, but written in one transaction: a file is imported whole or not at
 * all (a failure or a kill leaves none of its rows, and its batch says failed; see import-batches.ts).
 * Every bad row is reported with row number, column, code and a zh-CN message; good rows are
 * imported; a repeat of the same file changes nothing (rows are compared with what is stored and
 * only real changes are written, each with its history entry). An actor with a region imports only
 * inside it, and the batch records the county it was for.
 */
export async function importRegistry(
  deps: Deps,
  actor: AuditActor & { regionCode?: string },
  file: string,
  options: { fileName?: string; onProgress?: (rowsDone: number) => void } = {},
): Promise<RegistryImportResult> {
  const scope: Scope | undefined = actor.regionCode ? scopeOf(actor as Actor) : undefined;
  const limits = deps.limits ?? DEFAULT_IMPORT_LIMITS;
  const fileSha256 = await sha256File(file, limits);
  const fileName = options.fileName ?? path.basename(file);
  const regionCache = await loadRegionCache(deps.pool);
  const countyCode = scope?.countyCodes[0] ?? null;
  const batch = { kind: 'registry' as const, fileName, fileSha256, actor, regionCode: actor.regionCode ?? null, countyCode };
  return runImportBatch(deps.pool, batch, async (tx, batchId) => {
    // One registry import per county at a time: two files changing the same households wait for each other instead of deadlocking.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`registry-import:${countyCode ?? ''}`]);
    const result: RegistryImportResult = { rows: 0, imported: 0, rejected: 0, created: 0, updated: 0, unchanged: 0, errors: [], batchId, fileSha256 };
    const state: RunState = { households: new Map(), persons: new Map() };
    let header: HeaderMatch<RegistryField> | undefined;
    let pending: { row: number; cells: string[] }[] = [];
    // While one batch is written, the next is read and validated: the database and Node work at once.
    let writing: Promise<void> = Promise.resolve();
    const flush = async (h: HeaderMatch<RegistryField>, rows: { row: number; cells: string[] }[]) => {
      const checked = await validateBatch(deps, scope, h, regionCache, state, rows);
      await writing;
      writing = writeValidatedBatch(tx, deps, actor, scope, h, state, checked, result).then(() => {
        assertRejectedRowsWithinLimit(limits, result);
        options.onProgress?.(result.rows);
      });
      writing.catch(() => undefined); // awaited on the next flush; this only keeps it from counting as unhandled meanwhile
    };
    try {
      for await (const { rowNumber, cells } of readRows(file, { limits })) {
        if (!header) {
          header = matchHeader(REGISTRY_COLUMNS, rowNumber, cells, { mustHave: 'idNumber', minMatches: 3 });
          if (!header && rowNumber >= HEADER_SCAN_ROWS) break;
          if (header) assertRequiredColumns(header);
          continue;
        }
        if (cells.every((c) => c === '')) continue;
        pending.push({ row: rowNumber, cells });
        if (pending.length >= BATCH_ROWS) {
          await flush(header, pending);
          pending = [];
        }
      }
      if (!header) {
        throw new AppError(
          'IMPORT_FILE_INVALID',
          `No header row found in the first ${HEADER_SCAN_ROWS} rows: expected columns such as 户编号, 姓名, 证件号码, 与户主关系`,
        );
      }
      if (pending.length > 0) await flush(header, pending);
    } finally {
      // Never leave a write running on the connection when reading fails (the transaction is rolled back next).
      await writing.catch(() => undefined);
    }
    await writing;
    await recordAudit(tx, actor, 'registry.imported', { type: 'import_batch', id: batchId, regionCode: actor.regionCode ?? null }, {
      details: { fileName, fileSha256, rows: result.rows, imported: result.imported, created: result.created, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected },
    });
    return { result, counts: result };
  });
}

type RunState = {
  /** Household fields as first seen in this file, to check later rows of the same household. */
  households: Map<string, HouseholdFields>;
  /** ID number → first row and household in this file, to catch the same person twice. */
  persons: Map<string, { row: number; householdNumber: string }>;
};

type RegionCache = { codes: Map<string, { name: string; level: string }>; byNames: Map<string, string> };

async function loadRegionCache(pool: pg.Pool): Promise<RegionCache> {
  const { rows } = await pool.query<{ code: string; name: string; level: string; townshipName: string | null }>(
    `SELECT r.code, r.name, r.level, t.name AS "townshipName" FROM regions r LEFT JOIN regions t ON t.code = r.parent_code
     WHERE r.level IN ('village', 'group', 'township')`,
  );
  const codes = new Map<string, { name: string; level: string }>();
  const byNames = new Map<string, string>();
  for (const r of rows) {
    codes.set(r.code, { name: r.name, level: r.level });
    if (r.level === 'village') byNames.set(`${r.townshipName ?? ''}/${r.name}`, r.code);
  }
  return { codes, byNames };
}

function assertRequiredColumns(header: HeaderMatch<RegistryField>): void {
  const missing = REGISTRY_COLUMNS.filter((c) => c.isRequired && header.columns[c.field] === undefined).map((c) => c.aliases[0]);
  if (header.columns.regionCode === undefined && header.columns.village === undefined) missing.push('行政区划代码 (或 乡镇 + 行政村)');
  if (missing.length > 0) {
    throw new AppError('IMPORT_FILE_INVALID', `Missing required column(s): ${missing.join(', ')}`, { row: header.rowNumber });
  }
}

type ValidatedBatch = {
  rows: { row: number; cells: string[] }[];
  valid: MemberFields[];
  rowErrors: Map<number, ImportRowError[]>;
  fail: (row: number, field: string, code: ImportRowCode, message: string) => void;
};

/** Checks every row of a batch (no I/O), recording each problem against its row. */
async function validateBatch(deps: Deps, scope: Scope | undefined, header: HeaderMatch<RegistryField>, regions: RegionCache, state: RunState, rows: { row: number; cells: string[] }[]): Promise<ValidatedBatch> {
  const rowErrors = new Map<number, ImportRowError[]>();
  const fail = (row: number, field: string, code: ImportRowCode, message: string) => {
    const index = header.columns[field as RegistryField];
    const column = index !== undefined ? (header.headers[index] ?? field) : field;
    const list = rowErrors.get(row) ?? [];
    list.push({ row, column, code, message });
    rowErrors.set(row, list);
  };
  const valid: MemberFields[] = [];
  const slice = timeSlice();
  for (const { row, cells } of rows) {
    if (slice.isOver()) await slice.next();
    const member = validateRow(deps, header, regions, scope, state, row, cells, fail);
    if (member && !rowErrors.has(row)) valid.push(member);
  }
  return { rows, valid, rowErrors, fail };
}

/** Writes a validated batch in the import's transaction: registry rows, their history, and the batch's errors. */
async function writeValidatedBatch(tx: Tx, deps: Deps, actor: AuditActor, scope: Scope | undefined, header: HeaderMatch<RegistryField>, state: RunState, batch: ValidatedBatch, result: RegistryImportResult): Promise<void> {
  const { rows, valid, rowErrors, fail } = batch;
  const counts = await writeBatch(tx, deps, actor, scope, state, valid, fail, result.batchId);
  const errors = [...rowErrors.values()].flat();
  const cellsOf = new Map(rows.map((r) => [r.row, r.cells]));
  await insertImportErrors(tx, result.batchId, errors.map((e) => ({ ...e, raw: maskRawRow(header, cellsOf.get(e.row) ?? []) })));
  const rejectedRows = rowErrors.size;
  result.rows += rows.length;
  result.rejected += rejectedRows;
  result.imported += rows.length - rejectedRows;
  result.created += counts.created;
  result.updated += counts.updated;
  result.unchanged += counts.unchanged;
  for (const list of [...rowErrors.values()].sort((a, b) => a[0]!.row - b[0]!.row)) result.errors.push(...list);
}

/** Refuses the file once more rows were rejected than the limit allows (the whole import is then rolled back). */
function assertRejectedRowsWithinLimit(limits: ImportLimits, result: RegistryImportResult): void {
  if (result.rejected <= limits.maxRejectedRows) return;
  const rows = [...new Set(result.errors.map((e) => e.row))].sort((a, b) => a - b);
  const codes: Record<string, number> = {};
  for (const e of result.errors) codes[e.code] = (codes[e.code] ?? 0) + 1;
  assertRejectedWithinLimit(limits, result.rejected, rows[limits.maxRejectedRows] ?? rows[rows.length - 1] ?? 0, mostFrequent(codes));
}

/**
 * Error rows keep the row's cells for the downloadable error file, with personal data as the field
 * policy stores it (docs/personal-data.md): ID numbers and phones masked, the birth date cut to its
 * year, an ID number typed into any other cell masked too.
 */
function maskRawRow(header: HeaderMatch<RegistryField>, cells: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  header.headers.forEach((h, i) => {
    if (!h) return;
    const value = cells[i] ?? '';
    if (i === header.columns.idNumber) out[h] = value.trim().length >= 15 ? maskIdNumber(value) : value ? '***' : '';
    else if (i === header.columns.phone) out[h] = value ? maskPhone(value) : '';
    else if (i === header.columns.birthDate) out[h] = /^\s*((?:19|20)\d{2})/.exec(value)?.[1] ?? (value ? '***' : '');
    else out[h] = maskIdNumbersInText(value);
  });
  return out;
}

function validateRow(
  deps: Deps,
  header: HeaderMatch<RegistryField>,
  regions: RegionCache,
  scope: Scope | undefined,
  state: RunState,
  row: number,
  cells: string[],
  fail: (row: number, field: RegistryField, code: ImportRowCode, message: string) => void,
): MemberFields | undefined {
  const cell = (field: RegistryField) => {
    const index = header.columns[field];
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  let isOk = true;
  const bad = (field: RegistryField, code: ImportRowCode, message: string) => {
    isOk = false;
    fail(row, field, code, message);
  };

  // Household fields.
  const householdNumber = normalizeHouseholdNumber(cell('householdNumber'));
  if (!householdNumber) bad('householdNumber', 'HOUSEHOLD_NUMBER_BLANK', '户编号为空');
  else if (!isHouseholdNumber(householdNumber)) bad('householdNumber', 'HOUSEHOLD_NUMBER_INVALID', `户编号“${householdNumber}”格式不正确（应为数字）`);

  const typeText = cell('householdType');
  const type = typeText ? parseCode('householdType', typeText) : null;
  if (typeText && !type) bad('householdType', 'HOUSEHOLD_TYPE_UNKNOWN', `户类型“${typeText}”无法识别（应为 脱贫户 或 一般农户）`);

  let regionCode = '';
  const regionText = cell('regionCode');
  if (regionText) {
    let code: string;
    try {
      code = normalizeRegionCode(regionText);
    } catch {
      code = '';
    }
    if (!code || !isRegionCode(code)) bad('regionCode', 'REGION_INVALID', `行政区划代码“${regionText}”格式不正确（应为 12 位数字）`);
    else if (!regions.codes.has(code)) bad('regionCode', 'REGION_UNKNOWN', `行政区划代码 ${code} 不在系统的区划表中`);
    else if (!['village', 'group'].includes(regionLevelOf(code))) bad('regionCode', 'REGION_NOT_VILLAGE', `行政区划代码 ${code} 不是村级代码`);
    else regionCode = code;
  } else if (header.columns.village !== undefined) {
    const village = cell('village');
    const township = cell('township');
    const code = regions.byNames.get(`${township}/${village}`);
    if (!village) bad('village', 'REGION_MISSING', '行政村为空');
    else if (!code) bad('village', 'REGION_UNKNOWN', `未找到 ${township}${village}，请检查乡镇和行政村名称`);
    else regionCode = code;
  } else {
    bad('regionCode', 'REGION_MISSING', '行政区划代码为空');
  }
  if (regionCode && scope && !isInScope(scope, regionCode)) {
    bad('regionCode', 'REGION_OUT_OF_SCOPE', `行政区划 ${regionCode} 不在您的管辖范围内`);
    regionCode = '';
  }

  const phoneText = cell('phone');
  const phone = phoneText ? normalizePhone(phoneText) : '';
  if (phone && !isPhone(phone)) bad('phone', 'PHONE_INVALID', `联系电话“${maskPhone(phoneText)}”格式不正确`);

  // Member fields.
  const name = cell('name');
  if (!name) bad('name', 'NAME_BLANK', '姓名为空');
  else if (name.length > 50) bad('name', 'NAME_TOO_LONG', '姓名超过 50 个字符');

  const idText = cell('idNumber');
  const id = parseIdNumber(idText, { today: deps.today });
  let idNumber = '';
  if (!id.ok) bad('idNumber', ID_PROBLEM_CODES[id.problem], idProblemMessage(id.problem, 'zh-CN'));
  else idNumber = id.value;

  const sexText = cell('sex');
  let sex = id.ok ? id.sex : '';
  if (sexText) {
    const parsed = parseCode('sex', sexText);
    if (!parsed) bad('sex', 'VALUE_UNKNOWN', `性别“${sexText}”无法识别（应为 男 或 女）`);
    else if (id.ok && parsed !== id.sex) bad('sex', 'SEX_MISMATCH', `性别“${sexText}”与身份证号不符`);
    else sex = parsed;
  }
  const birthText = cell('birthDate');
  if (birthText && id.ok) {
    const birth = normalizeDateText(birthText);
    // The messages quote neither date: they are stored, and a birth date is most of an ID number.
    if (!birth) bad('birthDate', 'DATE_INVALID', '出生日期不是有效日期');
    else if (birth !== id.birthDate && birth.slice(0, 7) !== id.birthDate.slice(0, 7)) bad('birthDate', 'BIRTH_DATE_MISMATCH', '出生日期与身份证号中的出生日期不符');
  }

  const relationText = cell('relation');
  const relation = parseCode('relation', relationText);
  if (!relationText) bad('relation', 'RELATION_BLANK', '与户主关系为空');
  else if (!relation) bad('relation', 'VALUE_UNKNOWN', `与户主关系“${relationText}”无法识别`);

  const coded = (field: RegistryField, list: RegistryCodeListName, label: string): string | null => {
    const text = cell(field);
    if (isBlankCell(text)) return null;
    const code = parseCode(list, text);
    if (!code) bad(field, 'VALUE_UNKNOWN', `${label}“${text}”无法识别`);
    return code;
  };
  const health = coded('health', 'health', '健康状况');
  const labourCapacity = coded('labourCapacity', 'labourCapacity', '劳动技能');
  const schooling = coded('schooling', 'schooling', '文化程度');
  const yesNo = (field: RegistryField, label: string): boolean | null => {
    const text = cell(field);
    if (isBlankCell(text)) return null;
    const value = parseYesNo(text);
    if (value === null) bad(field, 'VALUE_UNKNOWN', `${label}“${text}”无法识别（应为 是 或 否）`);
    return value;
  };
  const hasMedicalInsurance = yesNo('hasMedicalInsurance', '是否参加医疗保险');
  const hasPensionInsurance = yesNo('hasPensionInsurance', '是否参加养老保险');
  const isDibao = yesNo('isDibao', '是否享受低保');
  const isTekun = yesNo('isTekun', '是否特困供养');
  const monthsText = cell('migrantMonths');
  let migrantMonths: number | null = null;
  if (monthsText) {
    const months = Number(monthsText);
    if (!Number.isInteger(months) || months < 0 || months > 12) bad('migrantMonths', 'MIGRANT_MONTHS_INVALID', `务工时间“${monthsText}”应为 0–12 的整数（月）`);
    else migrantMonths = months;
  }
  if (!isOk) return undefined;

  // Consistency within the file: the same household described the same way, the same person once.
  const address = cell('address');
  const known = state.households.get(householdNumber);
  if (!known) {
    state.households.set(householdNumber, { householdNumber, type: type ?? 'ordinary', regionCode, address, phone, firstRow: row });
  } else {
    const clash = (what: string, a: string, b: string) => bad(what === '户类型' ? 'householdType' : what === '行政区划' ? 'regionCode' : 'address', 'HOUSEHOLD_INCONSISTENT', `同一户（户编号 ${householdNumber}）在第 ${known.firstRow} 行的${what}为“${a}”，本行为“${b}”`);
    if (type && type !== known.type) clash('户类型', known.type === 'formerlyPoor' ? '脱贫户' : '一般农户', typeText);
    if (regionCode !== known.regionCode) clash('行政区划', known.regionCode, regionCode);
    if (address && known.address && address !== known.address) clash('家庭住址', known.address, address);
    if (phone && !known.phone) known.phone = phone;
    if (address && !known.address) known.address = address;
    if (!isOk) return undefined;
  }
  const seen = state.persons.get(idNumber);
  if (seen) {
    bad('idNumber', 'DUPLICATE_PERSON_IN_FILE', seen.householdNumber === householdNumber ? `同一人在本文件第 ${seen.row} 行已出现` : `同一人在本文件第 ${seen.row} 行已登记在户编号 ${seen.householdNumber} 中，一人不能属于两户`);
    return undefined;
  }
  state.persons.set(idNumber, { row, householdNumber });
  return {
    row,
    householdNumber,
    name,
    idNumber,
    sex,
    birthYear: id.ok ? Number(id.birthDate.slice(0, 4)) : 0,
    relation: relation!,
    health,
    labourCapacity,
    schooling,
    migrantMonths,
    hasMedicalInsurance,
    hasPensionInsurance,
    isDibao,
    isTekun,
    phone,
  };
}

async function writeBatch(
  tx: Tx,
  deps: Deps,
  actor: AuditActor,
  scope: Scope | undefined,
  state: RunState,
  valid: MemberFields[],
  fail: (row: number, field: string, code: ImportRowCode, message: string) => void,
  batchId: string,
): Promise<{ created: number; updated: number; unchanged: number }> {
  const source = `import:${batchId}`;
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const history: Parameters<typeof insertHistory>[1] = [];
  if (valid.length === 0) return counts;

  // Persons already registered, matched by the blind index of the ID number. A person registered in
  // another household is rejected before anything is written, so no empty household is left behind.
  const slice = timeSlice();
  const indexed = await mapInSlices(valid, (m) => ({ ...m, idIndex: deps.cipher.blindIndex(m.idNumber) }), slice);
  const { rows: stored } = await tx.query<MemberRow & { householdNumber: string; regionCode: string }>(
    `SELECT ${MEMBER_COLUMNS}, h.household_number AS "householdNumber", h.region_code AS "regionCode"
     FROM members m JOIN households h ON h.id = m.household_id WHERE m.id_index = ANY($1::bytea[]) ORDER BY m.id FOR UPDATE OF m`,
    [indexed.map((m) => m.idIndex)],
  );
  const storedByIndex = new Map(stored.map((s) => [s.idIndex.toString('hex'), s]));
  const placed = indexed.filter((m) => {
    const current = storedByIndex.get(m.idIndex.toString('hex'));
    if (!current || current.householdNumber === m.householdNumber) return true;
    const where = !scope || isInScope(scope, current.regionCode) ? `户编号 ${current.householdNumber}` : '您管辖范围以外的农户';
    fail(m.row, 'idNumber', 'PERSON_IN_OTHER_HOUSEHOLD', `此人已登记在${where}中，一人不能属于两户；如确需迁户，请先在原户中处理`);
    return false;
  });
  const numbers = [...new Set(placed.map((m) => m.householdNumber))];
  if (numbers.length === 0) return counts;

  // Households: existing ones locked, compared, updated when changed; new ones created.
  const { rows: existing } = await tx.query<HouseholdRow>(
    `SELECT ${HOUSEHOLD_COLUMNS} FROM households h WHERE h.household_number = ANY($1::text[]) ORDER BY h.household_number FOR UPDATE`,
    [numbers],
  );
  const householdIds = new Map<string, { id: string; countyCode: string }>();
  const outOfScope = new Set<string>();
  const toCreate: HouseholdFields[] = [];
  for (const number of numbers) {
    if (slice.isOver()) await slice.next();
    const fields = state.households.get(number)!;
    const current = existing.find((h) => h.householdNumber === number);
    if (!current) {
      toCreate.push(fields);
      continue;
    }
    if (scope && !isInScope(scope, current.regionCode)) {
      outOfScope.add(number);
      continue;
    }
    // The county the household has after this import: a member added to a household it moves belongs to its new county.
    householdIds.set(number, { id: current.id, countyCode: countyCodeOf(fields.regionCode) });
    const phoneIndex = fields.phone ? deps.cipher.blindIndex(fields.phone) : null;
    const isSame =
      current.type === fields.type &&
      current.regionCode === fields.regionCode &&
      current.address === fields.address &&
      (current.phoneIndex?.equals(phoneIndex ?? Buffer.alloc(0)) ?? phoneIndex === null);
    if (isSame) continue;
    const after: HouseholdRow = {
      ...current,
      type: fields.type,
      regionCode: fields.regionCode,
      countyCode: countyCodeOf(fields.regionCode),
      address: fields.address,
      phoneEnc: fields.phone ? deps.cipher.encrypt(fields.phone) : null,
      phoneIndex,
      phoneMasked: fields.phone ? maskPhone(fields.phone) : '',
    };
    await tx.query(
      `UPDATE households SET type = $2, region_code = $3, county_code = $4, address = $5, phone_enc = $6, phone_index = $7, phone_masked = $8,
         version = version + 1, updated_at = now() WHERE id = $1`,
      [current.id, after.type, after.regionCode, after.countyCode, after.address, after.phoneEnc, after.phoneIndex, after.phoneMasked],
    );
    history.push({ countyCode: after.countyCode, householdId: current.id, memberId: null, action: 'household.updated', actorId: actor.userId, actorName: actor.username, source, before: householdSnapshot(current), after: householdSnapshot(after, LEAN) });
  }
  if (toCreate.length > 0) {
    const sealed = await mapInSlices(
      toCreate,
      (h) => ({
        ...h,
        countyCode: countyCodeOf(h.regionCode),
        ...sealPhone(deps.cipher, h.phone),
      }),
      slice,
    );
    const created = await insertHouseholds(tx, sealed);
    for (const c of created) {
      const h = sealed.find((s) => s.householdNumber === c.householdNumber)!;
      householdIds.set(c.householdNumber, { id: c.id, countyCode: h.countyCode });
      history.push({ countyCode: h.countyCode, householdId: c.id, memberId: null, action: 'household.created', actorId: actor.userId, actorName: actor.username, source, before: null, after: householdSnapshot(h, LEAN) });
    }
  }

  // Members: new ones inserted; existing ones compared and updated only when changed.
  const withIndex = placed.filter((m) => {
    if (!outOfScope.has(m.householdNumber)) return true;
    fail(m.row, 'householdNumber', 'HOUSEHOLD_OUT_OF_SCOPE', `户编号 ${m.householdNumber} 已登记在您管辖范围以外的地区`);
    return false;
  });
  const inserts: (MemberFields & { idIndex: Buffer; householdId: string; countyCode: string })[] = [];
  for (const m of withIndex) {
    if (slice.isOver()) await slice.next();
    const target = householdIds.get(m.householdNumber)!;
    const current = storedByIndex.get(m.idIndex.toString('hex'));
    if (!current) {
      inserts.push({ ...m, householdId: target.id, countyCode: target.countyCode });
      continue;
    }
    const phoneIndex = m.phone ? deps.cipher.blindIndex(m.phone) : null;
    const isSamePhone = current.phoneIndex ? !!phoneIndex && current.phoneIndex.equals(phoneIndex) : !phoneIndex;
    const phoneFields = isSamePhone ? {} : sealPhone(deps.cipher, m.phone);
    const next = { ...current, ...phoneFields, name: m.name, sex: m.sex, birthYear: m.birthYear, relation: m.relation, health: m.health, labourCapacity: m.labourCapacity, schooling: m.schooling, migrantMonths: m.migrantMonths, hasMedicalInsurance: m.hasMedicalInsurance, hasPensionInsurance: m.hasPensionInsurance, isDibao: m.isDibao, isTekun: m.isTekun };
    const before = memberSnapshot(current);
    const after = memberSnapshot(next, LEAN);
    if (JSON.stringify(memberSnapshot(current, LEAN)) === JSON.stringify(after)) {
      counts.unchanged++;
      continue;
    }
    await tx.query(
      `UPDATE members SET name = $2, sex = $3, birth_year = $4, relation = $5, health = $6, labour_capacity = $7, schooling = $8, migrant_months = $9,
         has_medical_insurance = $10, has_pension_insurance = $11, is_dibao = $12, is_tekun = $13, phone_enc = $14, phone_index = $15, phone_masked = $16,
         version = version + 1, updated_at = now() WHERE id = $1`,
      [current.id, next.name, next.sex, next.birthYear, next.relation, next.health, next.labourCapacity, next.schooling, next.migrantMonths, next.hasMedicalInsurance, next.hasPensionInsurance, next.isDibao, next.isTekun, next.phoneEnc, next.phoneIndex, next.phoneMasked],
    );
    counts.updated++;
    history.push({ countyCode: current.countyCode, householdId: current.householdId, memberId: current.id, action: 'member.updated', actorId: actor.userId, actorName: actor.username, source, before, after });
  }
  if (inserts.length > 0) {
    const sealed = await mapInSlices(
      inserts,
      (m) => ({
        ...m,
        idEnc: deps.cipher.encrypt(m.idNumber),
        idMasked: maskIdNumber(m.idNumber),
        ...sealPhone(deps.cipher, m.phone),
      }),
      slice,
    );
    const ids = await insertMembers(tx, sealed);
    counts.created += ids.length;
    sealed.forEach((m, i) => {
      history.push({ countyCode: m.countyCode, householdId: m.householdId, memberId: ids[i]!, action: 'member.created', actorId: actor.userId, actorName: actor.username, source, before: null, after: memberSnapshot(m, LEAN) });
    });
  }
  await insertHistory(tx, history);
  return counts;
}
