import { FIELD_CASE_EVENTS, isInScope, scopeOf, type Actor, type FieldAction, type FieldActionResult, type FieldAttachment } from '@fangpin/domain';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import { withTransaction, type Tx } from '../../db/client.ts';
import type pg from 'pg';
import { AppError } from '../../errors.ts';
import { cleanFileName } from '../../http/upload.ts';
import { insertAttachment, MAX_ATTACHMENT_BYTES, sniffMimeType } from '../attachments/attachments.ts';
import { advanceCaseInTx, CASE_EVENT_ZH, type CaseEventType } from '../cases/advance-case.ts';
import { recordHelperVisit } from '../monitoring/record-helper-visit.ts';
import { advanceElimination, ELIMINATION_EVENT_ZH, loadElimination } from '../monitoring/eliminate-risk.ts';
import { fileVisitReportInTx } from '../visits/file-visit-report.ts';
import { moveWarningsInTx, warningMoveNote } from '../department/update-warnings.ts';
import { findAppliedFieldAction, findCaseStep, findWarningPlace, findLastCaseEvent, insertFieldAction, isFieldActionApplied, lockCaseForField, lockFieldAction, type FieldCaseRow } from './repo.ts';

export { FIELD_CASE_EVENTS };
export type { FieldAttachment, FieldAction, FieldActionResult };

/** What the case looks like now, for the phone to show beside the user's draft. */
export type CaseNow = {
  step: string;
  version: number;
  lastEvent: { type: string; typeZh: string; on: string; by: string; comment: string; reason: string | null } | null;
};

/**
 * Applies one action of the field app's outbox (docs/field-app.md "Outbox"), exactly once:
 * - the client id is locked for the transaction; an action already applied returns its first result
 *   (`replayed: true`) and changes nothing;
 * - a case action must find the case at the step and version the phone saw, and the action queued
 *   before it on the same case (`after`) applied — otherwise 409 with `reason` `caseMovedOn` (and the
 *   case as it is now) or `outOfOrder`, and nothing is applied;
 * - a helper visit goes through the web's own `recordHelperVisit`;
 * - a warning's verification goes through the web's own `moveWarningsInTx` (one warning, its real
 *   day); a warning no longer waiting for verification (handled at a desk meanwhile) is a 409
 *   `warningMovedOn` and nothing is applied;
 * - an elimination's home check (风险消除 入户核实) goes through the web's own `advanceElimination`
 *   (`recordVerification`; at `proposed` first `startVerification`, both on the day of the check),
 *   stating the step and version the phone saw: moved on meanwhile (withdrawn, recorded by someone
 *   else) is the same 409 `caseMovedOn` as a case's, nothing applied. Not a `caseEvent`: that path
 *   (`advanceCaseInTx`) moves identification cases only, with the identification's forms;
 * - photos (resized on the phone) are stored with the action, in the same transaction.
 */
export async function applyFieldAction(
  deps: { pool: pg.Pool; today: string; cipher: PersonalDataCipher },
  actor: Actor & { displayName?: string },
  action: FieldAction,
): Promise<{ result: FieldActionResult; replayed: boolean }> {
  return withTransaction(deps.pool, async (tx) => {
    await lockFieldAction(tx, action.clientId);
    const done = await findAppliedFieldAction(tx, action.clientId);
    if (done) {
      if (done.userId !== actor.userId) throw AppError.because('CONFLICT', 'clientIdTaken', undefined, { field: 'clientId' });
      return { result: done.result, replayed: true };
    }
    const attachments = ('attachments' in action ? (action.attachments ?? []) : []).map((a, index) => decodeAttachment(a, index));
    let result: FieldActionResult;
    let caseId: string | null = null;
    let countyCode: string;
    if (action.kind === 'visitReport') {
      const filed = await fileVisitReportInTx(tx, actor, { ...action.visit, clientId: action.clientId });
      const ids: string[] = [];
      for (const a of attachments) ids.push((await insertAttachment(tx, { ownerKind: 'visit', ownerId: filed.id, ...a, uploadedBy: actor.displayName || actor.username })).id);
      result = { kind: 'visitReport', visitReportId: filed.id, attachmentIds: ids };
      countyCode = filed.regionCode.slice(0, 6);
    } else if (action.kind === 'helperVisit') {
      // The same use case as the web's 帮扶走访 (scope, helper assignment, dates, income reassessment, audit).
      const recorded = await recordHelperVisit({ tx, actor, today: deps.today, cipher: deps.cipher }, action.householdId, action.visit);
      const ids: string[] = [];
      for (const a of attachments) ids.push((await insertAttachment(tx, { ownerKind: 'helperVisit', ownerId: recorded.id, ...a, uploadedBy: actor.displayName || actor.username })).id);
      result = { kind: 'helperVisit', householdId: action.householdId, helperVisitId: recorded.id, nextVisitDueOn: recorded.nextVisitDueOn, attachmentIds: ids };
      countyCode = recorded.countyCode;
    } else if (action.kind === 'warningVerification') {
      const note = warningMoveNote(actor, action.outcome, action.reason);
      const [outcome] = await moveWarningsInTx(tx, actor, [action.warningId], action.outcome, note, action.occurredOn);
      const place = await findWarningPlace(tx, action.warningId);
      if (!outcome!.ok) throw warningRefusal(outcome!.reason, place?.raisedOn);
      result = { kind: 'warningVerification', warningId: action.warningId, status: action.outcome, caseId: outcome!.caseId ?? null, caseNumber: outcome!.caseNumber ?? null };
      caseId = outcome!.caseId ?? null;
      countyCode = place!.regionCode.slice(0, 6);
    } else if (action.kind === 'eliminationCheck') {
      caseId = action.eliminationId;
      // Out of the region, or a household the user may not see: 404, as on the web's elimination page.
      const c = await loadElimination(tx, actor, action.eliminationId, deps.today, { forUpdate: true });
      if (action.after) await mustHaveArrived(tx, actor, action.after, c.id);
      if (c.step !== action.expected.step || c.version !== action.expected.version)
        throw new AppError('CONFLICT', 'The elimination moved on while you were offline; nothing was applied', {
          reason: 'caseMovedOn', extra: { expected: action.expected, current: await caseNow(tx, c, ELIMINATION_EVENT_ZH) },
        });
      const ids: string[] = [];
      for (const a of attachments) ids.push((await insertAttachment(tx, { ownerKind: 'case', ownerId: c.id, ...a, uploadedBy: actor.displayName || actor.username })).id);
      const use = { tx, actor, today: deps.today };
      if (c.step === 'proposed') await advanceElimination(use, c.id, { type: 'startVerification', version: c.version, occurredOn: action.occurredOn });
      const dispatched = await findCaseStep(tx, c.id);
      await advanceElimination(use, c.id, { type: 'recordVerification', version: dispatched.version, data: action.check, comment: action.comment, occurredOn: action.occurredOn });
      const now = await findCaseStep(tx, c.id);
      result = { kind: 'eliminationCheck', eliminationId: c.id, caseNumber: c.caseNumber, step: now.step, version: now.version, attachmentIds: ids };
      countyCode = c.regionCode.slice(0, 6);
    } else {
      caseId = action.caseId;
      const c = await lockCase(tx, actor, action.caseId);
      if (action.after) await mustHaveArrived(tx, actor, action.after, action.caseId);
      if (c.step !== action.expected.step || c.version !== action.expected.version)
        throw new AppError('CONFLICT', 'The case moved on while you were offline; nothing was applied', {
          reason: 'caseMovedOn', extra: { expected: action.expected, current: await caseNow(tx, c) },
        });
      const ids: string[] = [];
      for (const a of attachments) ids.push((await insertAttachment(tx, { ownerKind: 'case', ownerId: c.id, ...a, uploadedBy: actor.displayName || actor.username })).id);
      await advanceCaseInTx(tx, deps.today, actor, c.id, { type: action.event.type, version: c.version, data: action.event.data, comment: action.event.comment, occurredOn: action.event.occurredOn }, deps.cipher);
      const now = await findCaseStep(tx, c.id);
      result = { kind: 'caseEvent', caseId: c.id, caseNumber: c.caseNumber, step: now.step, version: now.version, attachmentIds: ids };
      countyCode = c.regionCode.slice(0, 6);
    }
    await insertFieldAction(tx, { clientId: action.clientId, userId: actor.userId, countyCode, kind: action.kind, caseId, result });
    return { result, replayed: false };
  });
}

/** Why a warning's verification from the phone was not applied, as the web's bulk endpoint says per id. */
function warningRefusal(reason: 'notFound' | 'noPermission' | 'wrongStatus' | 'beforeWarning', raisedOn: string | undefined): AppError {
  if (reason === 'notFound') return new AppError('NOT_FOUND', 'Warning not found');
  if (reason === 'noPermission') return new AppError('FORBIDDEN', 'Your role may not record the verification of this warning');
  if (reason === 'beforeWarning') return AppError.because('VALIDATION_FAILED', 'beforeWarning', { raisedOn: raisedOn ?? '' }, { field: 'occurredOn' });
  return AppError.because('CONFLICT', 'warningMovedOn');
}

/** The action queued before this one on the same case must have been applied (else 409 `outOfOrder`). */
async function mustHaveArrived(tx: Tx, actor: Actor, after: string, caseId: string): Promise<void> {
  if (!(await isFieldActionApplied(tx, { clientId: after, userId: actor.userId, caseId })))
    throw new AppError('CONFLICT', 'The action queued before this one on the same case has not arrived; send them in order', {
      reason: 'outOfOrder', extra: { after },
    });
}

async function lockCase(tx: Tx, actor: Actor, caseId: string): Promise<FieldCaseRow> {
  const c = await lockCaseForField(tx, caseId);
  if (!c || !isInScope(scopeOf(actor), c.regionCode)) throw new AppError('NOT_FOUND', 'Case not found');
  return c;
}

/** The case's step and version, and the step that moved it last (who, when, why). */
async function caseNow(tx: Tx, c: Pick<FieldCaseRow, 'id' | 'step' | 'version'>, eventZh: Record<string, string> = CASE_EVENT_ZH): Promise<CaseNow> {
  const e = await findLastCaseEvent(tx, c.id);
  return {
    step: c.step,
    version: c.version,
    lastEvent: e ? { type: e.type, typeZh: eventZh[e.type as CaseEventType] ?? e.type, on: e.on, by: e.by, comment: e.comment, reason: typeof e.data.reason === 'string' ? e.data.reason : null } : null,
  };
}

function decodeAttachment(a: FieldAttachment, index: number): { purpose: string; fileName: string; mimeType: string; content: Buffer } {
  const field = `attachments.${index}.contentBase64`;
  const content = Buffer.from(a.contentBase64, 'base64');
  if (content.length === 0) throw AppError.because('VALIDATION_FAILED', 'photoEmpty', undefined, { field });
  if (content.length > MAX_ATTACHMENT_BYTES) throw AppError.because('VALIDATION_FAILED', 'photoTooLarge', { maxMb: Math.round(MAX_ATTACHMENT_BYTES / 1024 / 1024) }, { field });
  const mimeType = sniffMimeType(content);
  if (!mimeType || mimeType === 'application/pdf') throw AppError.because('VALIDATION_FAILED', 'photoTypeNotAccepted', undefined, { field });
  return { purpose: a.purpose, fileName: cleanFileName(a.fileName, 'photo.jpg'), mimeType, content };
}
