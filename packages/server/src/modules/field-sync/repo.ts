/**
 * The SQL of the field app's sync (docs/field-app.md): what the phone takes along (villages,
 * households with their members) and the outbox's record of applied actions, which makes each
 * action apply exactly once. field-snapshot.ts and apply-field-action.ts decide; this file reads and writes.
 */
import type { FieldActionResult, Scope } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { villageJoin } from '../regions/repo.ts';
import { scopeCondition } from '../registry/scope-sql.ts';

/** The villages of the scope with their township's name, in code order (at most 500). */
export async function findVillagesInScope(tx: Tx, scope: Scope): Promise<{ code: string; name: string; townshipName: string | null }[]> {
  const { rows } = await tx.query<{ code: string; name: string; townshipName: string | null }>(
    `SELECT r.code, r.name, t.name AS "townshipName" FROM regions r LEFT JOIN regions t ON t.code = r.parent_code
     WHERE r.level = 'village' AND r.code LIKE $1 || '%' AND ($2::varchar[] = '{}' OR r.county_code = ANY($2::varchar[])) ORDER BY r.code LIMIT 500`,
    [scope.regionPrefix, scope.countyCodes],
  );
  return rows;
}

export type FieldHouseholdRow = { id: string; householdNumber: string; regionCode: string; members: { id: string; name: string; relation: string; sex: string; birthYear: number; idMasked: string }[] };

/**
 * The households of the scope with their members (head first; ID numbers masked, nothing else
 * personal), at most `limit`; with `helperUserId`, only those this user helps now (a helping cadre).
 */
export async function findHouseholdsWithMembers(tx: Tx, scope: Scope, limit: number, helperUserId?: string): Promise<FieldHouseholdRow[]> {
  const params: unknown[] = [];
  const helped = helperUserId
    ? ` AND EXISTS (SELECT 1 FROM household_helpers hh WHERE hh.household_id = h.id AND hh.user_id = $${params.push(helperUserId)} AND hh.ended_on IS NULL)`
    : '';
  const { rows } = await tx.query<FieldHouseholdRow>(
    `SELECT h.id, h.household_number AS "householdNumber", h.region_code AS "regionCode",
       coalesce((SELECT json_agg(json_build_object('id', m.id, 'name', m.name, 'relation', m.relation, 'sex', m.sex, 'birthYear', m.birth_year, 'idMasked', m.id_masked)
                 ORDER BY m.relation = 'head' DESC, m.birth_year, m.id) FROM members m WHERE m.household_id = h.id), '[]') AS members
     FROM households h WHERE ${scopeCondition(scope, 'h', params)}${helped} ORDER BY h.region_code, h.household_number LIMIT ${Number(limit)}`,
    params,
  );
  return rows;
}

export type FieldMonitoredRow = { householdId: string; regionCode: string; status: string; category: string | null; identifiedOn: string | null; lastVisitOn: string | null };

/** Which of these households are monitoring objects under monitoring, with their category and last helper visit. */
export async function findMonitoredWithLastVisit(tx: Tx, householdIds: string[]): Promise<FieldMonitoredRow[]> {
  const { rows } = await tx.query<FieldMonitoredRow>(
    `SELECT m.household_id AS "householdId", h.region_code AS "regionCode", m.status, m.category, m.identified_on::text AS "identifiedOn",
       (SELECT max(v.visited_on)::text FROM helper_visits v WHERE v.household_id = m.household_id) AS "lastVisitOn"
     FROM household_monitoring m JOIN households h ON h.id = m.household_id
     WHERE m.household_id = ANY($1::uuid[]) AND m.status IN ('monitoring', 'rolledBack')`,
    [householdIds],
  );
  return rows;
}

/** Holds the client id of an outbox action until the transaction ends, so the same action applies once. */
export async function lockFieldAction(tx: Tx, clientId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`field-action:${clientId}`]);
}

/** The action already applied under this client id: who sent it and its first result. */
export async function findAppliedFieldAction(tx: Tx, clientId: string): Promise<{ userId: string; result: FieldActionResult } | undefined> {
  const { rows } = await tx.query<{ userId: string; result: FieldActionResult }>(`SELECT user_id AS "userId", result FROM field_actions WHERE client_id = $1`, [clientId]);
  return rows[0];
}

/** Whether the user's action `clientId` on the case has been applied (the one queued before another). */
export async function isFieldActionApplied(tx: Tx, a: { clientId: string; userId: string; caseId: string }): Promise<boolean> {
  const { rowCount } = await tx.query(`SELECT 1 FROM field_actions WHERE client_id = $1 AND user_id = $2 AND case_id = $3`, [a.clientId, a.userId, a.caseId]);
  return Boolean(rowCount);
}

/** Records an applied action and its result (what a replay returns). */
export async function insertFieldAction(tx: Tx, a: { clientId: string; userId: string; countyCode: string; kind: string; caseId: string | null; result: FieldActionResult }): Promise<void> {
  await tx.query(`INSERT INTO field_actions (client_id, user_id, county_code, kind, case_id, result) VALUES ($1, $2, $3, $4, $5, $6)`, [a.clientId, a.userId, a.countyCode, a.kind, a.caseId, JSON.stringify(a.result)]);
}

export type FieldCaseRow = { id: string; caseNumber: string; regionCode: string; step: string; version: number };

/** The case `id` (any kind, any region: the caller checks the scope), its row locked until the transaction ends. */
export async function lockCaseForField(tx: Tx, caseId: string): Promise<FieldCaseRow | undefined> {
  const { rows } = await tx.query<FieldCaseRow>(`SELECT id, case_number AS "caseNumber", region_code AS "regionCode", step, version FROM cases WHERE id = $1 FOR UPDATE`, [caseId]);
  return rows[0];
}

/** The case's step and version now. */
export async function findCaseStep(tx: Tx, caseId: string): Promise<{ step: string; version: number }> {
  const { rows } = await tx.query<{ step: string; version: number }>(`SELECT step, version FROM cases WHERE id = $1`, [caseId]);
  return rows[0]!;
}

/** The case's last timeline entry: who moved it, when, why. */
export async function findLastCaseEvent(tx: Tx, caseId: string): Promise<{ type: string; on: string; by: string; comment: string; data: { reason?: unknown } } | undefined> {
  const { rows } = await tx.query<{ type: string; on: string; by: string; comment: string; data: { reason?: unknown } }>(
    `SELECT type, on_date AS "on", actor_name AS "by", comment, data FROM case_events WHERE case_id = $1 ORDER BY seq DESC LIMIT 1`,
    [caseId],
  );
  return rows[0];
}

/** A warning's region and the day it was raised (as warnings-repo's findWarningsForUpdate counts it), for a field action's answer. */
export async function findWarningPlace(tx: Tx, warningId: string): Promise<{ regionCode: string; raisedOn: string } | undefined> {
  const { rows } = await tx.query<{ regionCode: string; raisedOn: string }>(
    `SELECT region_code AS "regionCode", to_char(LEAST((created_at AT TIME ZONE 'Asia/Shanghai')::date, compared_on), 'YYYY-MM-DD') AS "raisedOn" FROM warnings WHERE id = $1`,
    [warningId],
  );
  return rows[0];
}

export type FieldEliminationRow = {
  id: string;
  caseNumber: string;
  step: string;
  version: number;
  regionCode: string;
  householdId: string;
  householdNumber: string;
  headName: string | null;
  villageName: string | null;
  stepEnteredOn: string;
  stepDueOn: string | null;
  mode: 'assisted' | 'natural';
  proposal: { reason: string; perCapitaIncome: number; resolvedRiskTypes: string[]; by: string; on: string };
};

/**
 * The risk eliminations (风险消除) of the scope at one of `steps`, nearest deadline first (at most
 * `limit`), with their household and proposal, for the phone's home check; with `helperUserId`, only
 * on the households this user helps now.
 */
export async function findEliminationsAtSteps(tx: Tx, scope: Scope, steps: readonly string[], limit: number, helperUserId?: string): Promise<FieldEliminationRow[]> {
  if (steps.length === 0) return [];
  const params: unknown[] = [steps];
  const helped = helperUserId
    ? ` AND EXISTS (SELECT 1 FROM household_helpers hh WHERE hh.household_id = c.household_id AND hh.user_id = $${params.push(helperUserId)} AND hh.ended_on IS NULL)`
    : '';
  const { rows } = await tx.query<FieldEliminationRow>(
    `SELECT c.id, c.case_number AS "caseNumber", c.step, c.version, c.region_code AS "regionCode", c.household_id AS "householdId",
       h.household_number AS "householdNumber",
       (SELECT m.name FROM members m WHERE m.household_id = h.id ORDER BY m.relation = 'head' DESC, m.birth_year, m.id LIMIT 1) AS "headName",
       v.name AS "villageName", c.state->>'stepEnteredOn' AS "stepEnteredOn", c.step_due_on::text AS "stepDueOn", c.state->>'mode' AS mode,
       json_build_object('reason', c.facts->'proposal'->>'reason', 'perCapitaIncome', (c.facts->'proposal'->>'perCapitaIncome')::numeric,
         'resolvedRiskTypes', coalesce(c.facts->'proposal'->'resolvedRiskTypes', '[]'::jsonb), 'by', c.facts->'proposal'->>'by', 'on', c.facts->'proposal'->>'on') AS proposal
     FROM cases c JOIN households h ON h.id = c.household_id ${villageJoin('h.region_code')}
     WHERE c.kind = 'elimination' AND c.step = ANY($1::varchar[]) AND ${scopeCondition(scope, 'c', params)}${helped}
     ORDER BY c.step_due_on NULLS LAST, c.case_number LIMIT ${Number(limit)}`,
    params,
  );
  return rows;
}
