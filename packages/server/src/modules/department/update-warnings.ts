import { can, check, maskIdNumbersInText, scopeOf, type Actor, isWarningMoveAllowed, isWarningStatus, warningNoteRequired } from '@fangpin/domain';
import type pg from 'pg';
import { withTransaction, type Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { findWarningsForUpdate } from './warnings-repo.ts';
import { insertClueFromWarning } from '../clues/repo.ts';
import { localDate } from '../../clock.ts';

export type WarningOutcome =
  | { id: string; ok: true; clueId?: string; caseId?: string; caseNumber?: string }
  | { id: string; ok: false; reason: 'notFound' | 'noPermission' | 'wrongStatus' | 'beforeWarning' };

const NOTE_REQUIRED: Record<string, string> = {
  riskConfirmed: 'A note on what the verification found is required',
  noRisk: 'A reason is required for "no risk"',
};

/**
 * Dispatches warnings to their villages for verification, or records the verification result
 * (domain workflow/warning.ts). Bulk with a result per id (docs/STYLE.md rule 6): one warning out of
 * scope or already handled does not fail the others. A confirmed risk and "no risk" need a note
 * (`reason`); a confirmed risk opens a clue and its identification case, whose id and number come back.
 *
 * `occurredOn` (default today; the route refuses a day after today) is the day the village really
 * verified: results are entered days late, and the clue date and the 15-day identification clock
 * start on that day (docs/DOMAIN.md "Identification procedure"). A day before the warning was raised
 * is refused for that warning (`beforeWarning`).
 */
export async function moveWarnings(
  pool: pg.Pool,
  actor: Actor & { displayName?: string },
  ids: string[],
  to: WarningMove,
  typedReason?: string,
  today: string = localDate(new Date()),
  occurredOn: string = today,
): Promise<WarningOutcome[]> {
  const note = warningMoveNote(actor, to, typedReason);
  return withTransaction(pool, (tx) => moveWarningsInTx(tx, actor, ids, to, note, occurredOn));
}

export type WarningMove = 'dispatched' | 'riskConfirmed' | 'noRisk' | 'alreadyMonitored';

/**
 * The checks of a move made before any warning is read: a role that may never make this move is
 * refused as a whole (403), like every other endpoint (the per-id results are for warnings out of the
 * region or in the wrong state); the note, with any ID number typed into it masked (docs/personal-data.md,
 * "At rest"), is required for a confirmed risk and "no risk". Returns the note to store.
 */
export function warningMoveNote(actor: Actor, to: WarningMove, typedReason?: string): string {
  const action = to === 'dispatched' ? 'warning.dispatch' : 'warning.verify';
  if (!can(actor, action)) throw new AppError('FORBIDDEN', to === 'dispatched' ? 'Your role may not dispatch warnings' : 'Your role may not record the verification of warnings');
  const note = typedReason === undefined ? '' : maskIdNumbersInText(typedReason).trim();
  if (warningNoteRequired(to) && !note) throw new AppError('VALIDATION_FAILED', NOTE_REQUIRED[to] ?? 'A note is required', { field: 'reason' });
  return note;
}

/**
 * moveWarnings inside the caller's transaction (the field app's outbox applies a verification made
 * offline in the transaction that records the action once): `note` as warningMoveNote returns it.
 */
export async function moveWarningsInTx(tx: Tx, actor: Actor & { displayName?: string }, ids: string[], to: WarningMove, note: string, occurredOn: string): Promise<WarningOutcome[]> {
  const action = to === 'dispatched' ? 'warning.dispatch' : 'warning.verify';
  const found = new Map((await findWarningsForUpdate(tx, scopeOf(actor), ids)).map((w) => [w.id, w]));
  const outcomes: WarningOutcome[] = [];
  for (const id of ids) {
    const w = found.get(id);
    if (!w) outcomes.push({ id, ok: false, reason: 'notFound' });
    else if (!check(actor, action, { regionCode: w.regionCode }).ok) outcomes.push({ id, ok: false, reason: 'noPermission' });
    else if (!isWarningStatus(w.status) || !isWarningMoveAllowed(w.status, to)) outcomes.push({ id, ok: false, reason: 'wrongStatus' });
    else if (to !== 'dispatched' && occurredOn < w.raisedOn) outcomes.push({ id, ok: false, reason: 'beforeWarning' });
    else {
      await tx.query(
        `UPDATE warnings SET status = $2, status_reason = $3, updated_at = now(),
           dispatched_at = CASE WHEN $2 = 'dispatched' THEN now() ELSE dispatched_at END,
           verified_at = CASE WHEN $2 <> 'dispatched' THEN now() ELSE verified_at END,
           verified_on = CASE WHEN $2 <> 'dispatched' THEN $5::date ELSE verified_on END,
           verified_by = CASE WHEN $2 <> 'dispatched' THEN $4 ELSE verified_by END
         WHERE id = $1`,
        [id, to, note || null, actor.displayName || actor.username, occurredOn],
      );
      // A confirmed risk becomes a clue for the identification procedure, dated the day of the verification.
      const opened = to === 'riskConfirmed' ? await insertClueFromWarning(tx, id, actor, occurredOn, note) : undefined;
      await recordAudit(tx, actor, `warning.${to}`, { type: 'warning', id, regionCode: w.regionCode }, {
        before: { status: w.status },
        after: { status: to, reason: note || null, ...(to === 'dispatched' ? {} : { occurredOn }), clueId: opened?.clueId ?? null, caseId: opened?.caseId ?? null },
      });
      outcomes.push(opened ? { id, ok: true, ...opened } : { id, ok: true });
    }
  }
  return outcomes;
}
