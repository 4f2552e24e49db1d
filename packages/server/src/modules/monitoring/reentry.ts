import type { Tx } from '../../db/client.ts';
import { findDecidingElimination, setCaseReentry } from './elimination-repo.ts';
import { findEliminatedRecord } from './repo.ts';

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
  const m = await findEliminatedRecord(tx, householdId);
  if (!m) return null;
  const decided = await findDecidingElimination(tx, householdId);
  return { ...m, eliminationCaseId: decided?.id ?? null, eliminationCaseNumber: decided?.caseNumber ?? null };
}

/**
 * Links a new identification case to the eliminated record of its household: kept in the case's
 * facts (`reentry`), shown on the case page, and carried to the approval's history entry.
 */
export async function linkReentry(tx: Tx, caseId: string, householdId: string | null): Promise<Reentry | null> {
  const reentry = await reentryOf(tx, householdId);
  if (!reentry) return null;
  await setCaseReentry(tx, caseId, reentry);
  return reentry;
}
