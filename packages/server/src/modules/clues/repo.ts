import type { ClueChannel, Scope } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { scopeCondition } from '../registry/scope-sql.ts';
import type { AuditActor } from '../audit/record-audit.ts';
import { openCaseForClue } from '../cases/open-case.ts';

/**
 * Turns a warning whose risk was confirmed into a clue for identification and opens its case
 * (dated the day of the confirmation), once: a second confirmation of the same warning finds the
 * live clue (a clue withdrawn by a correction does not count). `note` is what the verification
 * found; the case's first timeline entry carries it. Returns the clue and its case.
 */
export async function insertClueFromWarning(tx: Tx, warningId: string, actor: AuditActor & { displayName?: string }, today: string, note?: string): Promise<{ clueId: string; caseId: string; caseNumber: string; joinedCase?: true }> {
  const { rows } = await tx.query<{ id: string; isNew: boolean; regionCode: string; householdId: string | null; riskTypes: string[]; summary: string }>(
    `INSERT INTO clues (county_code, region_code, household_id, channel, warning_id, risk_types, summary, status, created_by)
     SELECT w.county_code, w.region_code, w.household_id, 'warning', w.id, ARRAY[w.risk_type], w.message, 'case', $2 FROM warnings w WHERE w.id = $1
     ON CONFLICT (warning_id) WHERE status <> 'withdrawn' DO UPDATE SET warning_id = EXCLUDED.warning_id
     RETURNING id, (xmax = 0) AS "isNew", region_code AS "regionCode", household_id AS "householdId", risk_types AS "riskTypes", summary`,
    [warningId, actor.username],
  );
  const clue = rows[0]!;
  if (clue.isNew) {
    const comment = note?.trim() ? `${clue.summary}\n核实情况：${note.trim()}` : clue.summary;
    const opened = await openCaseForClue(tx, actor, { clueId: clue.id, regionCode: clue.regionCode, householdId: clue.householdId, channel: 'warning', riskTypes: clue.riskTypes, summary: clue.summary, comment, clueDate: today });
    return { clueId: clue.id, ...opened };
  }
  const { rows: cases } = await tx.query<{ caseId: string; caseNumber: string }>(`SELECT cs.id AS "caseId", cs.case_number AS "caseNumber" FROM clues cl JOIN cases cs ON cs.id = cl.case_id WHERE cl.id = $1`, [clue.id]);
  return { clueId: clue.id, ...cases[0]! };
}

export type ClueRow = {
  id: string;
  householdId: string | null;
  householdNumber: string | null;
  regionCode: string;
  villageName: string | null;
  channel: ClueChannel;
  warningId: string | null;
  riskTypes: string[];
  summary: string;
  /** The department sources of the warning the clue came from (the field policy may withhold its wording). */
  warningSources: string[] | null;
  status: string;
  createdBy: string;
  createdAt: Date;
  /** The identification case the clue opened or joined (every clue since cases exist has one), its number and its clue date (the day the 15-day clock starts). */
  caseId: string | null;
  caseNumber: string | null;
  clueDate: string | null;
};

export async function findClues(tx: Tx, scope: Scope, filter: { channel?: string | undefined; status?: string | undefined; limit: number; offset: number }): Promise<{ rows: ClueRow[]; total: number }> {
  const params: unknown[] = [];
  const where = [scopeCondition(scope, 'c', params)];
  if (filter.channel) {
    params.push(filter.channel);
    where.push(`c.channel = $${params.length}`);
  }
  if (filter.status) {
    params.push(filter.status);
    where.push(`c.status = $${params.length}`);
  }
  params.push(filter.limit, filter.offset);
  const { rows } = await tx.query<ClueRow & { total: number }>(
    `SELECT c.id, c.household_id AS "householdId", h.household_number AS "householdNumber", c.region_code AS "regionCode", v.name AS "villageName",
       c.channel, c.warning_id AS "warningId", c.risk_types AS "riskTypes", c.summary,
       (SELECT w.sources FROM warnings w WHERE w.id = c.warning_id) AS "warningSources", c.status, c.created_by AS "createdBy", c.created_at AS "createdAt",
       cs.id AS "caseId", cs.case_number AS "caseNumber", cs.clue_date AS "clueDate",
       count(*) OVER ()::int AS total
     FROM clues c LEFT JOIN households h ON h.id = c.household_id LEFT JOIN regions v ON v.code = c.region_code
       LEFT JOIN cases cs ON cs.id = c.case_id
     WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}
