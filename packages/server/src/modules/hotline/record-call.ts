import { isRiskTypeCode, maskIdNumbersInText, maskPhone, type Actor, scopeOf, type NewHotlineCallSchema } from '@fangpin/domain';
import type { z } from 'zod';
import type pg from 'pg';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { localDate } from '../../clock.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { isPhone, normalizePhone } from '../registry/phone.ts';
import { advanceCaseInTx } from '../cases/advance-case.ts';
import { openClueWithCase } from '../cases/open-case.ts';
import { checkHousehold, checkVillage } from '../clues/check-place.ts';
import { findCaseDueOn, findOpenClueOfCall, insertCall } from './calls-repo.ts';

/** A call as the desk sends it (the contract's body, after validation). */
export type HotlineCallInput = z.output<typeof NewHotlineCallSchema>;

/**
 * Logs one hotline call (咨询热线电话记录). "Answered" closes it at once; "dispatched" sends the
 * household to a home check: the call joins the open clue about the same household (or the same
 * caller and village) when there is one, otherwise a new clue and its identification case are
 * opened and the home verification is dispatched, all in one transaction. The callback is due by
 * the case's whole-procedure deadline. ID numbers read out and typed into the text fields are stored
 * masked (docs/personal-data.md, "At rest"); phones typed there are kept for those who may see them.
 */
export async function recordHotlineCall(
  deps: { pool: pg.Pool; cipher: PersonalDataCipher; now: () => Date },
  actor: Actor & { displayName?: string },
  typed: HotlineCallInput,
): Promise<{ callId: string; clueId: string | null; caseId: string | null; linkedToExistingClue: boolean }> {
  const input: HotlineCallInput = {
    ...typed,
    callerName: maskIdNumbersInText(typed.callerName),
    content: maskIdNumbersInText(typed.content),
    policyExplained: typed.policyExplained === undefined ? undefined : maskIdNumbersInText(typed.policyExplained),
    remarks: typed.remarks === undefined ? undefined : maskIdNumbersInText(typed.remarks),
  };
  const now = deps.now();
  const calledAt = input.calledAt ? new Date(input.calledAt) : now;
  if (Number.isNaN(calledAt.getTime())) throw new AppError('VALIDATION_FAILED', 'calledAt is not a valid time', { field: 'calledAt' });
  if (calledAt.getTime() > now.getTime() + 60_000) throw AppError.because('VALIDATION_FAILED', 'callTimeInFuture', undefined, { field: 'calledAt' });
  const phone = normalizePhone(input.callerPhone);
  if (!isPhone(phone)) throw AppError.because('VALIDATION_FAILED', 'phoneInvalid', undefined, { field: 'callerPhone' });
  const riskTypes = input.riskTypes ?? [];
  const unknown = riskTypes.filter((r) => !isRiskTypeCode(r));
  if (unknown.length) throw AppError.because('VALIDATION_FAILED', 'riskTypeUnknown', { codes: unknown }, { field: 'riskTypes' });
  const today = localDate(now);
  const clueDate = localDate(calledAt);
  return withTransaction(deps.pool, async (tx) => {
    const village = await checkVillage(tx, actor, input.regionCode);
    let regionCode = village.code;
    if (input.householdId) regionCode = (await checkHousehold(tx, actor, input.householdId, village.code)).regionCode;
    const phoneIndex = deps.cipher.blindIndex(phone);
    let clueId: string | null = null;
    let caseId: string | null = null;
    let linked = false;
    let callbackDueOn: string | null = null;
    if (input.result === 'dispatched') {
      // A repeat call about the same household (or from the same caller about the same village) joins the open clue.
      const open = await findOpenClueOfCall(tx, scopeOf(actor), { householdId: input.householdId ?? null, regionCode, phoneIndex });
      if (open) {
        ({ clueId, caseId } = open);
        callbackDueOn = open.dueOn;
        linked = true;
      } else {
        const opened = await openClueWithCase(tx, actor, {
          regionCode,
          householdId: input.householdId ?? null,
          channel: 'hotline',
          riskTypes,
          summary: input.content,
          clueDate,
        });
        clueId = opened.clueId;
        caseId = opened.caseId;
        // No comment of our own: the entry's type (派发入户核实) and the clue's channel say it, in the reader's
        // language; a server-written sentence here stayed Chinese in English mode (issue 11 item 9).
        // (A household's running case the desk's search did not find is joined as it stands.)
        if (!opened.joinedCase) await advanceCaseInTx(tx, today, actor, caseId, { type: 'startVerification', version: 1, occurredOn: clueDate > today ? today : clueDate }, deps.cipher);
        callbackDueOn = await findCaseDueOn(tx, caseId);
      }
    }
    const callId = await insertCall(tx, {
      regionCode,
      householdId: input.householdId ?? null,
      clueId,
      calledAt,
      callerName: input.callerName.trim(),
      callerPhoneEnc: deps.cipher.encrypt(phone),
      callerPhoneIndex: phoneIndex,
      callerPhoneMasked: maskPhone(phone),
      content: input.content.trim(),
      policyExplained: input.policyExplained?.trim() ?? '',
      result: input.result,
      handlerName: actor.displayName || actor.username,
      handlerId: actor.userId,
      callbackDueOn,
      status: input.result === 'answered' ? 'closed' : 'open',
      remarks: input.remarks?.trim() || (input.result === 'answered' ? '已解答政策' : linked ? '重复来电，已并入原线索' : ''),
    });
    await recordAudit(tx, actor, 'hotline.call.recorded', { type: 'hotline_call', id: callId, regionCode }, { details: { result: input.result, clueId, caseId, linkedToExistingClue: linked } });
    return { callId, clueId, caseId, linkedToExistingClue: linked };
  });
}
