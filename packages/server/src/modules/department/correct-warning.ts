import { WARNING_CORRECTION_PREFIX, check, checkWarningCorrection, isWarningStatus, reopenedWarningStatus, scopeOf, type Actor, type IdentificationStep, type WarningCorrection } from '@fangpin/domain';
import type pg from 'pg';
import { withTransaction, type Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { advanceCaseInTx } from '../cases/advance-case.ts';
import { insertClueFromWarning } from '../clues/repo.ts';
import { ruleSetInForce } from '../rules/rule-set-in-force.ts';
import { appendCaseEvent } from '../cases/repo.ts';
import { findLiveCaseOfWarningForUpdate, findWarningsForUpdate, withdrawClue, type LiveCaseOfWarning } from './warnings-repo.ts';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';

export type CorrectedWarning = {
  status: string;
  /** The case the earlier confirmation opened, withdrawn by this correction. */
  withdrawnCase: { id: string; caseNumber: string } | null;
  /** The case a correction to "risk confirmed" opened. */
  openedCase: { id: string; caseNumber: string } | null;
  /** The warning's clue, withdrawn from a case that other live clues keep open (the case goes on). */
  withdrawnClue: { id: string; caseId: string; caseNumber: string } | null;
};

/** What the timeline entry of a clue leaving a case says (web: server-texts.ts `describeCaseNote`). */
export const WARNING_CLUE_WITHDRAWN_NOTE = 'warningClueWithdrawn';

/**
 * Withdraws the warning's clue from its case and leaves the case as it is — step, deadlines, clue
 * date (the 15-day clock) and first clue (`cases.clue_id`, the record of what opened it) — one
 * version up, so a page open on the case reloads before it acts. The timeline says so as a code
 * and params; the case's audit row too (`case.clueWithdrawn`).
 */
async function withdrawClueFromCase(tx: Tx, today: string, actor: Actor & { displayName?: string }, live: LiveCaseOfWarning, warningId: string, to: string, reason: string): Promise<void> {
  // The day the clue arose (the verification being corrected), kept on the timeline: the warning's own date is reset or replaced by the correction.
  const { rows: verified } = await tx.query<{ on: string | null }>(`SELECT to_char(verified_on, 'YYYY-MM-DD') AS "on" FROM warnings WHERE id = $1`, [warningId]);
  await withdrawClue(tx, live.clueId);
  await tx.query(`UPDATE cases SET version = version + 1 WHERE id = $1`, [live.id]);
  const ruleSet = await ruleSetInForce(tx, live.regionCode, today);
  const note = { code: WARNING_CLUE_WITHDRAWN_NOTE, params: { warningId, clueId: live.clueId, wasFirstClue: live.isFirstClue, to, otherLiveClues: live.otherLiveClues } };
  await appendCaseEvent(tx, {
    caseId: live.id,
    type: 'withdrawClue',
    fromStep: live.step,
    toStep: live.step,
    onDate: today,
    actor: { userId: actor.userId, name: actor.displayName || actor.username, role: actor.role },
    comment: reason,
    data: { note, clueId: live.clueId, warningId, clueAroseOn: verified[0]?.on ?? null },
    snapshot: null,
    ruleSetVersion: ruleSet.version,
  });
  await recordAudit(tx, actor, 'case.clueWithdrawn', { type: 'case', id: live.id, regionCode: live.regionCode }, {
    details: { caseNumber: live.caseNumber, channel: 'warning', clueId: live.clueId, warningId, wasFirstClue: live.isFirstClue, reason: `${WARNING_CORRECTION_PREFIX}${reason}` },
  });
}

/**
 * Corrects a recorded verification result (更正核实结果) — the county centre's undo of a wrong tap
 * (domain `checkWarningCorrection`, action `warning.correct`). The correction concerns the warning's
 * clue, in whichever case it is (the one it opened or the one it joined, `clues.case_id`):
 * - other live clues keep the case (a cadre's visit, a call): only the warning's clue is withdrawn,
 *   at any step before the county's decision; the case keeps its step and its clock;
 * - it is the case's only live clue: the case is withdrawn with the reason, while still at its
 *   first step (its timeline and the audit log say so).
 * The warning then returns to where it stood before verification (`reopen`) or takes the corrected
 * outcome, and a correction to "risk confirmed" opens a new case (or joins the running one).
 * All in one transaction, audited as `warning.corrected`.
 */
export async function correctWarning(
  deps: { pool: pg.Pool; today: string; cipher: PersonalDataCipher },
  actor: Actor & { displayName?: string },
  warningId: string,
  input: { to: WarningCorrection; reason: string },
): Promise<CorrectedWarning> {
  const reason = input.reason.trim();
  return withTransaction(deps.pool, async (tx) => {
    const [warning] = await findWarningsForUpdate(tx, scopeOf(actor), [warningId]);
    if (!warning || !isWarningStatus(warning.status)) throw new AppError('NOT_FOUND', 'Warning not found');
    if (!check(actor, 'warning.correct', { regionCode: warning.regionCode }).ok)
      throw new AppError('FORBIDDEN', 'Only the county centre may correct a verification result');
    const live = await findLiveCaseOfWarningForUpdate(tx, warningId);
    const keepsCase = live !== undefined && live.otherLiveClues > 0;
    const verdict = checkWarningCorrection({ status: warning.status, to: input.to, reason, caseStep: (live?.step as IdentificationStep | undefined) ?? null, caseKeepsOtherClues: keepsCase });
    if (!verdict.ok) {
      if (verdict.reason === 'reasonRequired') throw AppError.because('VALIDATION_FAILED', 'reasonRequired', undefined, { field: 'reason' });
      throw new AppError('WORKFLOW_REFUSED', verdict.message, { reason: verdict.reason, extra: { ...(live ? { caseId: live.id, caseNumber: live.caseNumber } : {}) } });
    }
    let withdrawnCase: CorrectedWarning['withdrawnCase'] = null;
    let withdrawnClue: CorrectedWarning['withdrawnClue'] = null;
    if (live && keepsCase) {
      await withdrawClueFromCase(tx, deps.today, actor, live, warningId, input.to, reason);
      withdrawnClue = { id: live.clueId, caseId: live.id, caseNumber: live.caseNumber };
    } else if (live && live.step !== 'withdrawn') {
      await advanceCaseInTx(tx, deps.today, actor, live.id, { type: 'withdraw', version: live.version, data: { reason: `${WARNING_CORRECTION_PREFIX}${reason}` } }, deps.cipher);
      withdrawnCase = { id: live.id, caseNumber: live.caseNumber };
    }
    const status = input.to === 'reopen' ? reopenedWarningStatus(warning.wasDispatched) : input.to;
    const isVerified = input.to !== 'reopen';
    await tx.query(
      `UPDATE warnings SET status = $2, status_reason = $3, updated_at = now(),
         verified_at = CASE WHEN $4 THEN now() ELSE NULL END, verified_by = CASE WHEN $4 THEN $5 ELSE NULL END,
         verified_on = CASE WHEN $4 THEN $6::date ELSE NULL END
       WHERE id = $1`,
      [warningId, status, isVerified ? reason : null, isVerified, actor.displayName || actor.username, deps.today],
    );
    const opened = status === 'riskConfirmed' ? await insertClueFromWarning(tx, warningId, actor, deps.today, reason) : null;
    await recordAudit(
      tx,
      actor,
      'warning.corrected',
      { type: 'warning', id: warningId, regionCode: warning.regionCode },
      {
        before: { status: warning.status, reason: warning.statusReason },
        after: { status, reason, withdrawnCaseId: withdrawnCase?.id ?? null, withdrawnClueId: withdrawnClue?.id ?? null, withdrawnClueCaseId: withdrawnClue?.caseId ?? null, caseId: opened?.caseId ?? null },
      },
    );
    return { status, withdrawnCase, withdrawnClue, openedCase: opened ? { id: opened.caseId, caseNumber: opened.caseNumber } : null };
  });
}
