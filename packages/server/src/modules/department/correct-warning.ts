import { WARNING_CORRECTION_PREFIX, check, checkWarningCorrection, isWarningStatus, reopenedWarningStatus, scopeOf, type Actor, type IdentificationStep, type WarningCorrection } from '@fangpin/domain';
import type pg from 'pg';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { advanceCaseInTx } from '../cases/advance-case.ts';
import { insertClueFromWarning } from '../clues/repo.ts';
import { findLiveCaseOfWarningForUpdate, findWarningsForUpdate } from './warnings-repo.ts';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';

export type CorrectedWarning = {
  status: string;
  /** The case the earlier confirmation opened, withdrawn by this correction. */
  withdrawnCase: { id: string; caseNumber: string } | null;
  /** The case a correction to "risk confirmed" opened. */
  openedCase: { id: string; caseNumber: string } | null;
};

/**
 * Corrects a recorded verification result (更正核实结果) — the county centre's undo of a wrong tap
 * (domain `checkWarningCorrection`, action `warning.correct`). If the earlier outcome opened an
 * identification case that is still at its first step, that case is withdrawn with the reason (its
 * timeline and the audit log say so); the warning then returns to where it stood before verification
 * (`reopen`) or takes the corrected outcome, and a correction to "risk confirmed" opens a new case.
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
    const verdict = checkWarningCorrection({ status: warning.status, to: input.to, reason, caseStep: (live?.step as IdentificationStep | undefined) ?? null });
    if (!verdict.ok) {
      if (verdict.reason === 'reasonRequired') throw AppError.because('VALIDATION_FAILED', 'reasonRequired', undefined, { field: 'reason' });
      throw new AppError('WORKFLOW_REFUSED', verdict.message, { reason: verdict.reason, extra: { ...(live ? { caseId: live.id, caseNumber: live.caseNumber } : {}) } });
    }
    let withdrawnCase: CorrectedWarning['withdrawnCase'] = null;
    if (live && live.step !== 'withdrawn') {
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
        after: { status, reason, withdrawnCaseId: withdrawnCase?.id ?? null, caseId: opened?.caseId ?? null },
      },
    );
    return { status, withdrawnCase, openedCase: opened ? { id: opened.caseId, caseNumber: opened.caseNumber } : null };
  });
}
