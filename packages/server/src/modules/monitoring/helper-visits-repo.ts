/**
 * The SQL of helper visits (帮扶走访; docs/DOMAIN.md "Helper visits"): recording a visit, the income it
 * updates on the monitoring record, and reading the visits of a household. record-helper-visit.ts
 * decides; this file only reads and writes.
 */
import type { HouseholdAssessment } from '@fangpin/domain';
import type { HelperVisitView } from './record-helper-visit.ts';
import type { Tx } from '../../db/client.ts';

/** A stored visit before its assessment is summarised and its photos attached. */
export type HelperVisitRow = Omit<HelperVisitView, 'assessment' | 'attachments'> & { assessment: HouseholdAssessment | null };

/** A new helper visit, with the income update and the assessment made of it when there is one; its id. */
export async function insertHelperVisit(
  tx: Tx,
  v: {
    countyCode: string;
    householdId: string;
    visitedOn: string;
    visitor: { userId: string; name: string; role: string };
    observed: string;
    problems: string;
    incomeUpdate: unknown;
    incomeYear: number | null;
    assessment: HouseholdAssessment | null;
  },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO helper_visits (county_code, household_id, visited_on, visitor_id, visitor_name, visitor_role, observed, problems, income_update, income_year, per_capita_income, assessment, rule_set_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [
      v.countyCode,
      v.householdId,
      v.visitedOn,
      v.visitor.userId,
      v.visitor.name,
      v.visitor.role,
      v.observed,
      v.problems,
      v.incomeUpdate ? JSON.stringify(v.incomeUpdate) : null,
      v.incomeYear,
      v.assessment?.perCapitaNetIncome ?? null,
      v.assessment ? JSON.stringify(v.assessment) : null,
      v.assessment?.ruleSetVersion ?? null,
    ],
  );
  return rows[0]!.id;
}

/** How many visits after `visitedOn` updated the household's income (the latest update wins). */
export async function countLaterIncomeUpdates(tx: Tx, householdId: string, visitedOn: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM helper_visits WHERE household_id = $1 AND income_update IS NOT NULL AND visited_on > $2`, [householdId, visitedOn]);
  return rows[0]!.n;
}

/** The day of the household's last helper visit, or null. */
export async function findLastVisitOn(tx: Tx, householdId: string): Promise<string | null> {
  const { rows } = await tx.query<{ last: string | null }>(`SELECT max(visited_on)::text AS last FROM helper_visits WHERE household_id = $1`, [householdId]);
  return rows[0]?.last ?? null;
}

/** The helper visits of a household, newest first. */
export async function findHelperVisitRows(tx: Tx, householdId: string): Promise<HelperVisitRow[]> {
  const { rows } = await tx.query<HelperVisitRow>(
    `SELECT id, visited_on AS "visitedOn", visitor_name AS "visitorName", visitor_role AS "visitorRole", observed, problems, income_update AS "incomeUpdate",
       income_year AS "incomeYear", per_capita_income AS "perCapitaIncome", assessment, rule_set_version AS "ruleSetVersion"
     FROM helper_visits WHERE household_id = $1 ORDER BY visited_on DESC, created_at DESC`,
    [householdId],
  );
  return rows;
}

/** Whether the visit `visitId` is one of the household's. */
export async function isVisitOfHousehold(tx: Tx, visitId: string, householdId: string): Promise<boolean> {
  const { rows } = await tx.query<{ id: string }>(`SELECT id FROM helper_visits WHERE id = $1 AND household_id = $2`, [visitId, householdId]);
  return rows.length > 0;
}
