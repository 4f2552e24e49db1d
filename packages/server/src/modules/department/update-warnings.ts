import { check, maskIdNumbersInText, scopeOf, type Actor } from '@fangpin/domain';
import type pg from 'pg';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { findWarningsForUpdate } from './warnings-repo.ts';
import { insertClueFromWarning } from '../clues/repo.ts';
import { localDate } from '../../clock.ts';

export type WarningOutcome = { id: string; ok: true; clueId?: string } | { id: string; ok: false; reason: 'notFound' | 'noPermission' | 'wrongStatus' };

/** Allowed moves of a warning (issue 4): new → dispatched → one of the verification results. */
const NEXT: Record<string, readonly string[]> = {
  new: ['dispatched', 'riskConfirmed', 'noRisk', 'alreadyMonitored'],
  dispatched: ['riskConfirmed', 'noRisk', 'alreadyMonitored'],
  riskConfirmed: [],
  noRisk: [],
  alreadyMonitored: [],
};

/**
 * Dispatches warnings to their villages for verification, or records the verification result.
 * Bulk with a result per id (docs/STYLE.md rule 6): one warning out of scope or already handled does not
 * fail the others. `noRisk` needs a reason.
 */
export async function moveWarnings(pool: pg.Pool, actor: Actor, ids: string[], to: 'dispatched' | 'riskConfirmed' | 'noRisk' | 'alreadyMonitored', typedReason?: string, today: string = localDate(new Date())): Promise<WarningOutcome[]> {
  // An ID number typed into the reason is stored masked (docs/personal-data.md, "At rest").
  const reason = typedReason === undefined ? undefined : maskIdNumbersInText(typedReason);
  if (to === 'noRisk' && !reason?.trim()) throw new AppError('VALIDATION_FAILED', 'A reason is required for "no risk" / 核实无风险须填写原因', { field: 'reason' });
  const action = to === 'dispatched' ? 'warning.dispatch' : 'warning.verify';
  return withTransaction(pool, async (tx) => {
    const found = new Map((await findWarningsForUpdate(tx, scopeOf(actor), ids)).map((w) => [w.id, w]));
    const outcomes: WarningOutcome[] = [];
    for (const id of ids) {
      const w = found.get(id);
      if (!w) outcomes.push({ id, ok: false, reason: 'notFound' });
      else if (!check(actor, action, { regionCode: w.regionCode }).ok) outcomes.push({ id, ok: false, reason: 'noPermission' });
      else if (!NEXT[w.status]?.includes(to)) outcomes.push({ id, ok: false, reason: 'wrongStatus' });
      else {
        await tx.query(
          `UPDATE warnings SET status = $2, status_reason = $3, updated_at = now(),
             dispatched_at = CASE WHEN $2 = 'dispatched' THEN now() ELSE dispatched_at END,
             verified_at = CASE WHEN $2 <> 'dispatched' THEN now() ELSE verified_at END,
             verified_by = CASE WHEN $2 <> 'dispatched' THEN $4 ELSE verified_by END
           WHERE id = $1`,
          [id, to, reason?.trim() || null, actor.username],
        );
        // A confirmed risk becomes a clue for the identification procedure.
        const clueId = to === 'riskConfirmed' ? await insertClueFromWarning(tx, id, actor, today) : undefined;
        await recordAudit(tx, actor, `warning.${to}`, { type: 'warning', id, regionCode: w.regionCode }, { before: { status: w.status }, after: { status: to, reason: reason ?? null, clueId: clueId ?? null } });
        outcomes.push(clueId ? { id, ok: true, clueId } : { id, ok: true });
      }
    }
    return outcomes;
  });
}
