import type { Tx } from '../../db/client.ts';

/**
 * Re-entry (再标注, docs/DOMAIN.md "Rollback and re-entry"): a household whose risk was eliminated
 * is monitored again through a new identification case, never through a second household. What the
 * new case records of the old monitoring record it reopens.
 */
export type Reentry = {
  /** The household of the old record (household_monitoring is one row per household). */
  householdId: string;
  status: 'eliminatedStable' | 'eliminatedTracking';
  identifiedOn: string | null;
  eliminatedOn: string;
  /** The elimination case that decided it, when it was decided in Fangpin. */
  eliminationCaseId: string | null;
  eliminationCaseNumber: string | null;
};

/** The eliminated monitoring record a new clue about this household reopens, or null. */
export async function reentryOf(tx: Tx, householdId: string | null): Promise<Reentry | null> {
  if (!householdId) return null;
  const { rows } = await tx.query<Omit<Reentry, 'eliminationCaseId' | 'eliminationCaseNumber'>>(
    `SELECT household_id AS "householdId", status, identified_on AS "identifiedOn", eliminated_on AS "eliminatedOn"
     FROM household_monitoring WHERE household_id = $1 AND status IN ('eliminatedStable', 'eliminatedTracking')`,
    [householdId],
  );
  const m = rows[0];
  if (!m) return null;
  const { rows: cases } = await tx.query<{ id: string; caseNumber: string }>(
    `SELECT id, case_number AS "caseNumber" FROM cases WHERE kind = 'elimination' AND household_id = $1 AND step = 'eliminated' ORDER BY clue_date DESC LIMIT 1`,
    [householdId],
  );
  return { ...m, eliminationCaseId: cases[0]?.id ?? null, eliminationCaseNumber: cases[0]?.caseNumber ?? null };
}

/**
 * Links a new identification case to the eliminated record of its household: kept in the case's
 * facts (`reentry`), shown on the case page, and carried to the approval's history entry.
 */
export async function linkReentry(tx: Tx, caseId: string, householdId: string | null): Promise<Reentry | null> {
  const reentry = await reentryOf(tx, householdId);
  if (!reentry) return null;
  await tx.query(`UPDATE cases SET facts = facts || jsonb_build_object('reentry', $2::jsonb) WHERE id = $1`, [caseId, JSON.stringify(reentry)]);
  return reentry;
}
