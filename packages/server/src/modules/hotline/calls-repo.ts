import { IDENTIFICATION_STEP_ZH, type HotlineCall, type IdentificationState, type IdentificationStep, type Scope } from '@fangpin/domain';
import ExcelJS from 'exceljs';
import type { Tx } from '../../db/client.ts';
import { scopeCondition } from '../registry/scope-sql.ts';
import { villageJoin } from '../regions/repo.ts';
import { verificationResultOf } from '../cases/advance-case.ts';
import { xlsxRow, xlsxValue } from '../../files/xlsx-cells.ts';

/** An open identification case a new call would join (the desk warns before saving). */
export type OpenClueOfCall = { clueId: string; caseId: string; caseNumber: string; step: string; stepZh: string; clueDate: string; dueOn: string; matchedBy: 'household' | 'caller' };

/**
 * The open clue a dispatched call joins instead of opening a new case: the latest open case about
 * the same household or — when no household is named — a household-less clue of the same village
 * that an earlier call from the same phone (blind index) started. Used when saving a call and when the
 * desk asks beforehand, so the warning it shows is exactly what saving will do.
 */
export async function findOpenClueOfCall(tx: Tx, scope: Scope, call: { householdId: string | null; regionCode: string | null; phoneIndex: Buffer | null }): Promise<OpenClueOfCall | undefined> {
  if (!call.householdId && (!call.regionCode || !call.phoneIndex)) return undefined;
  const params: unknown[] = [call.householdId, call.regionCode, call.phoneIndex];
  const { rows } = await tx.query<Omit<OpenClueOfCall, 'stepZh'>>(
    `SELECT cl.id AS "clueId", c.id AS "caseId", c.case_number AS "caseNumber", c.step, c.clue_date AS "clueDate", c.due_on AS "dueOn",
       CASE WHEN cl.household_id IS NOT NULL THEN 'household' ELSE 'caller' END AS "matchedBy"
     FROM clues cl JOIN cases c ON c.id = cl.case_id
     WHERE cl.status = 'case' AND c.step NOT IN ('closed', 'withdrawn') AND ${scopeCondition(scope, 'cl', params)}
       AND (($1::uuid IS NOT NULL AND cl.household_id = $1)
         OR ($1::uuid IS NULL AND cl.household_id IS NULL AND cl.region_code = $2
             AND EXISTS (SELECT 1 FROM hotline_calls hc WHERE hc.clue_id = cl.id AND hc.caller_phone_index = $3)))
     ORDER BY cl.created_at DESC LIMIT 1`,
    params,
  );
  const found = rows[0];
  return found ? { ...found, stepZh: IDENTIFICATION_STEP_ZH[found.step as IdentificationStep] ?? found.step } : undefined;
}

export type SealedCall = {
  regionCode: string;
  householdId: string | null;
  clueId: string | null;
  calledAt: Date;
  callerName: string;
  callerPhoneEnc: Buffer;
  callerPhoneIndex: Buffer;
  callerPhoneMasked: string;
  content: string;
  policyExplained: string;
  result: 'answered' | 'dispatched';
  handlerName: string;
  handlerId: string;
  callbackDueOn: string | null;
  status: 'open' | 'closed';
  remarks: string;
};

/** Stores one call (the phone sealed by the caller: encrypted, blind index, masked); returns its id. */
export async function insertCall(tx: Tx, c: SealedCall): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO hotline_calls (county_code, region_code, household_id, clue_id, called_at, caller_name, caller_phone_enc, caller_phone_index, caller_phone_masked,
       content, policy_explained, result, handler_name, handler_id, callback_due_on, status, remarks)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
    [c.regionCode.slice(0, 6), c.regionCode, c.householdId, c.clueId, c.calledAt, c.callerName, c.callerPhoneEnc, c.callerPhoneIndex, c.callerPhoneMasked, c.content, c.policyExplained, c.result, c.handlerName, c.handlerId, c.callbackDueOn, c.status, c.remarks],
  );
  return rows[0]!.id;
}

/** The whole-procedure deadline of a case: a dispatched call's callback is due by it. */
export async function findCaseDueOn(tx: Tx, caseId: string): Promise<string> {
  const { rows } = await tx.query<{ dueOn: string }>(`SELECT due_on AS "dueOn" FROM cases WHERE id = $1`, [caseId]);
  return rows[0]!.dueOn;
}

/** A call as the API writes it (the contract's HotlineCall). */
export type HotlineCallView = HotlineCall;

type Row = Omit<HotlineCallView, 'calledAt' | 'callbackAt' | 'verificationResult' | 'caseStepZh' | 'statusZh' | 'isCallbackOverdue'> & {
  calledAt: Date;
  callbackAt: Date | null;
  caseState: IdentificationState | null;
};

export type CallFilter = { from?: string | undefined; to?: string | undefined; status?: 'open' | 'closed' | undefined; id?: string | undefined };

/** Calls in the actor's region, newest first; `from`/`to` are China-time dates of the call. */
export async function findCalls(tx: Tx, scope: Scope, today: string, filter: CallFilter, page: { limit: number; offset: number }): Promise<{ items: HotlineCallView[]; total: number }> {
  const params: unknown[] = [];
  const where = [scopeCondition(scope, 'hc', params)];
  if (filter.from) {
    params.push(filter.from);
    where.push(`(hc.called_at AT TIME ZONE 'Asia/Shanghai')::date >= $${params.length}::date`);
  }
  if (filter.to) {
    params.push(filter.to);
    where.push(`(hc.called_at AT TIME ZONE 'Asia/Shanghai')::date <= $${params.length}::date`);
  }
  if (filter.status) {
    params.push(filter.status);
    where.push(`hc.status = $${params.length}`);
  }
  if (filter.id) {
    params.push(filter.id);
    where.push(`hc.id = $${params.length}`);
  }
  const { rows: count } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM hotline_calls hc WHERE ${where.join(' AND ')}`, params);
  params.push(page.limit, page.offset);
  const { rows } = await tx.query<Row>(
    `SELECT hc.id, hc.called_at AS "calledAt", hc.caller_name AS "callerName", hc.caller_phone_masked AS "callerPhoneMasked", hc.region_code AS "regionCode",
       v.name AS "villageName", t.name AS "townshipName", hc.household_id AS "householdId", h.household_number AS "householdNumber", hc.content,
       hc.policy_explained AS "policyExplained", hc.result, hc.handler_name AS "handlerName", hc.clue_id AS "clueId", c.id AS "caseId", c.case_number AS "caseNumber",
       c.step AS "caseStep", c.state AS "caseState", hc.callback_due_on AS "callbackDueOn", hc.callback_at AS "callbackAt", hc.callback_note AS "callbackNote",
       hc.objection, hc.status, hc.remarks
     FROM hotline_calls hc LEFT JOIN households h ON h.id = hc.household_id LEFT JOIN clues hcl ON hcl.id = hc.clue_id LEFT JOIN cases c ON c.id = hcl.case_id
       ${villageJoin('hc.region_code')}
     WHERE ${where.join(' AND ')} ORDER BY hc.called_at DESC, hc.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return {
    total: count[0]!.n,
    items: rows.map(({ caseState, ...r }) => ({
      ...r,
      calledAt: r.calledAt.toISOString(),
      callbackAt: r.callbackAt?.toISOString() ?? null,
      caseStepZh: r.caseStep ? (IDENTIFICATION_STEP_ZH[r.caseStep as IdentificationStep] ?? r.caseStep) : null,
      verificationResult: caseState ? verificationResultOf(caseState) : '',
      isCallbackOverdue: r.status === 'open' && r.callbackDueOn !== null && today > r.callbackDueOn,
      statusZh: r.status === 'closed' ? '已办结' : '办理中',
    })),
  };
}

function chinaTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The call-record table 咨询热线电话记录处理情况表 in the layout county centres keep: title, period,
 * one row per call, phones masked (the table is printed and passed around).
 */
export async function writeCallRecordXlsx(calls: HotlineCallView[], meta: { countyName: string; from?: string | undefined; to?: string | undefined }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('电话记录');
  const headers = ['序号', '来电时间', '来电人', '联系电话', '所在乡镇', '所在村', '来电内容', '政策解答', '受理人', '是否转交核实', '核实结果', '回访情况', '办理状态', '备注'];
  sheet.mergeCells(1, 1, 1, headers.length);
  const title = sheet.getCell(1, 1);
  title.value = xlsxValue(`${meta.countyName}防止返贫咨询热线电话记录处理情况表`);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  sheet.mergeCells(2, 1, 2, headers.length);
  sheet.getCell(2, 1).value = xlsxValue(`统计时间：${meta.from ?? '—'} 至 ${meta.to ?? '—'}，共 ${calls.length} 条`);
  const header = sheet.getRow(3);
  headers.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = xlsxValue(h);
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  [6, 17, 10, 14, 10, 10, 40, 30, 10, 10, 24, 30, 10, 20].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  calls
    .slice()
    .reverse()
    .forEach((c, index) => {
      const row = sheet.addRow(xlsxRow([
        index + 1,
        chinaTime(c.calledAt),
        c.callerName,
        c.callerPhoneMasked,
        c.townshipName ?? '',
        c.villageName ?? '',
        c.content,
        c.policyExplained,
        c.handlerName,
        c.result === 'dispatched' ? '是' : '否',
        c.verificationResult,
        c.callbackAt ? `${chinaTime(c.callbackAt).slice(0, 10)} ${c.callbackNote ?? ''}${c.objection === false ? '（无异议）' : c.objection ? '（有异议）' : ''}` : c.callbackDueOn ? `应于 ${c.callbackDueOn} 前回访` : '',
        c.statusZh,
        c.remarks,
      ]));
      row.eachCell((cell) => {
        cell.alignment = { vertical: 'top', wrapText: true };
        cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
      });
    });
  sheet.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
