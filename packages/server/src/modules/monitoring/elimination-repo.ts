/**
 * The SQL of risk elimination (风险消除; docs/DOMAIN.md "Risk elimination"): elimination cases (kind
 * `elimination` in the cases table), their timeline, and the outcome written into (or, on a rollback,
 * taken out of) household_monitoring. eliminate-risk.ts decides; this file only reads and writes.
 */
import type { EliminationCaseFacts, EliminationMode, EliminationState, EliminationStep, MeasureStatus } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { villageJoin } from '../regions/repo.ts';

/** What the conditions read beside the monitoring record: the 三保障 / safety-net flags, the members' labour, the measures. */
export async function findEliminationInputs(
  tx: Tx,
  householdId: string,
): Promise<{ flags: { hasHousingProblem: boolean; hasWaterProblem: boolean; isNoLabourSafetyNet: boolean }; members: { labourCapacity: string | null }[]; measures: { riskType: string; status: MeasureStatus; measure: string }[] }> {
  const { rows: flags } = await tx.query<{ hasHousingProblem: boolean; hasWaterProblem: boolean; isNoLabourSafetyNet: boolean }>(
    `SELECT has_housing_problem AS "hasHousingProblem", has_water_problem AS "hasWaterProblem", is_no_labour_safety_net AS "isNoLabourSafetyNet" FROM household_monitoring WHERE household_id = $1`,
    [householdId],
  );
  const { rows: members } = await tx.query<{ labourCapacity: string | null }>(`SELECT labour_capacity AS "labourCapacity" FROM members WHERE household_id = $1`, [householdId]);
  const { rows: measures } = await tx.query<{ riskType: string; status: MeasureStatus; measure: string }>(`SELECT risk_type AS "riskType", status, measure FROM household_measures WHERE household_id = $1 ORDER BY start_on, id`, [householdId]);
  return { flags: flags[0]!, members, measures };
}

/** The steps where an elimination case has ended; any other step is an elimination in progress (消除程序中). */
export const ELIMINATION_ENDED_STEPS_SQL = `('eliminated', 'rejected', 'withdrawn', 'rolledBack')`;

/** SQL: the monitoring row `m` has an elimination case in progress. */
export const ELIMINATION_IN_PROGRESS_SQL = `EXISTS (SELECT 1 FROM cases ec WHERE ec.kind = 'elimination' AND ec.household_id = m.household_id AND ec.step NOT IN ${ELIMINATION_ENDED_STEPS_SQL})`;

/** The elimination case still running for a household, if any (one at a time). */
export async function findOpenEliminationCase(tx: Tx, householdId: string): Promise<{ id: string; caseNumber: string } | undefined> {
  const { rows } = await tx.query<{ id: string; caseNumber: string }>(
    `SELECT id, case_number AS "caseNumber" FROM cases WHERE kind = 'elimination' AND household_id = $1 AND step NOT IN ${ELIMINATION_ENDED_STEPS_SQL}`,
    [householdId],
  );
  return rows[0];
}

/** A new elimination case at its first step, with its facts; its id. */
export async function insertEliminationCase(
  tx: Tx,
  c: { caseNumber: string; countyCode: string; regionCode: string; householdId: string; state: EliminationState; proposedOn: string; stepDueOn: string | null; facts: EliminationCaseFacts },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO cases (case_number, clue_id, county_code, region_code, household_id, kind, step, state, clue_date, step_due_on, due_on, facts)
     VALUES ($1, NULL, $2, $3, $4, 'elimination', $5, $6, $7, $8, $9, $10) RETURNING id`,
    [c.caseNumber, c.countyCode, c.regionCode, c.householdId, c.state.step, JSON.stringify(c.state), c.proposedOn, c.stepDueOn, c.stepDueOn ?? c.proposedOn, JSON.stringify(c.facts)],
  );
  return rows[0]!.id;
}

export type EliminationRow = { id: string; caseNumber: string; regionCode: string; householdId: string; step: EliminationStep; state: EliminationState; version: number; facts: EliminationCaseFacts };

const ELIMINATION_COLUMNS = `id, case_number AS "caseNumber", region_code AS "regionCode", household_id AS "householdId", step, state, version, facts`;

/** The elimination case `id` (any region: the caller checks the household), optionally locked until the transaction ends. */
export async function findEliminationCase(tx: Tx, id: string, options: { forUpdate?: boolean } = {}): Promise<EliminationRow | undefined> {
  const { rows } = await tx.query<EliminationRow>(`SELECT ${ELIMINATION_COLUMNS}\n     FROM cases WHERE id = $1 AND kind = 'elimination'${options.forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
}

/** The household's latest decided (eliminated) elimination case, locked until the transaction ends. */
export async function lockDecidedElimination(tx: Tx, householdId: string): Promise<EliminationRow | undefined> {
  const { rows } = await tx.query<EliminationRow>(
    `SELECT ${ELIMINATION_COLUMNS}
     FROM cases WHERE kind = 'elimination' AND household_id = $1 AND step = 'eliminated' ORDER BY clue_date DESC LIMIT 1 FOR UPDATE`,
    [householdId],
  );
  return rows[0];
}

/**
 * Writes the case after a move, if it is still at `version`: step, state, deadlines, facts and
 * decision, one version up; closed when final. Returns false when someone moved it first.
 */
export async function saveEliminationMove(tx: Tx, c: { id: string; version: number }, move: { state: EliminationState; stepDueOn: string | null; facts: EliminationCaseFacts; isFinal: boolean }): Promise<boolean> {
  const { state, facts } = move;
  const updated = await tx.query(
    `UPDATE cases SET step = $2, state = $3, version = version + 1, step_due_on = $4, due_on = coalesce($4, due_on), facts = $5,
       decision = $6, closed_at = CASE WHEN $7 THEN now() ELSE NULL END WHERE id = $1 AND version = $8`,
    [c.id, state.step, JSON.stringify(state), move.stepDueOn, JSON.stringify(facts), facts.decision ? JSON.stringify(facts.decision) : null, move.isFinal, c.version],
  );
  return updated.rowCount === 1;
}

/** The household's elimination as household_monitoring holds it (for the registry history's `before`). */
export async function findEliminationOutcome(tx: Tx, householdId: string, options: { withModeAndOutcome?: boolean } = {}): Promise<Record<string, unknown> | null> {
  const more = options.withModeAndOutcome ? `, elimination_mode AS "eliminationMode", elimination_outcome AS "eliminationOutcome"` : '';
  const { rows } = await tx.query(`SELECT status, eliminated_on AS "eliminatedOn"${more} FROM household_monitoring WHERE household_id = $1`, [householdId]);
  return rows[0] ?? null;
}

/** Writes the county's decision into household_monitoring (稳定消除 / 消除后继续跟踪), clearing an earlier rollback. */
export async function markEliminated(tx: Tx, householdId: string, e: { on: string; mode: EliminationMode; outcome: string; perCapitaIncome: number }): Promise<void> {
  await tx.query(
    `UPDATE household_monitoring SET eliminated_on = $2, elimination_mode = $3, elimination_outcome = $4, per_capita_income_after_elimination = $5,
       rolled_back_on = NULL, rollback_reason = NULL, version = version + 1, updated_at = now() WHERE household_id = $1`,
    [householdId, e.on, e.mode, e.outcome, e.perCapitaIncome],
  );
}

/** Takes a rolled-back elimination out of household_monitoring, with the day and the reason. */
export async function markRolledBack(tx: Tx, householdId: string, r: { on: string; reason: string }): Promise<void> {
  await tx.query(
    `UPDATE household_monitoring SET eliminated_on = NULL, elimination_outcome = NULL, per_capita_income_after_elimination = NULL, rolled_back_on = $2, rollback_reason = $3,
       version = version + 1, updated_at = now() WHERE household_id = $1`,
    [householdId, r.on, r.reason],
  );
}

/** The elimination cases of a household, newest first. */
export async function findEliminationsOfHousehold(tx: Tx, householdId: string) {
  const { rows } = await tx.query<{ id: string; caseNumber: string; step: EliminationStep; proposedOn: string; mode: EliminationMode; stepDueOn: string | null }>(
    `SELECT id, case_number AS "caseNumber", step, clue_date AS "proposedOn", state->>'mode' AS mode, step_due_on AS "stepDueOn"
     FROM cases WHERE kind = 'elimination' AND household_id = $1 ORDER BY clue_date DESC, case_number DESC`,
    [householdId],
  );
  return rows;
}

/** The household an elimination page heads with: its number, the head's name, its village and township. */
export async function findEliminationHousehold(tx: Tx, householdId: string): Promise<{ householdNumber: string; headName: string | null; villageName: string | null; townshipName: string | null } | undefined> {
  const { rows } = await tx.query<{ householdNumber: string; headName: string | null; villageName: string | null; townshipName: string | null }>(
    `SELECT h.household_number AS "householdNumber",
       (SELECT m.name FROM members m WHERE m.household_id = h.id ORDER BY m.relation = 'head' DESC, m.birth_year, m.id LIMIT 1) AS "headName",
       v.name AS "villageName", t.name AS "townshipName"
     FROM households h ${villageJoin('h.region_code')} WHERE h.id = $1`,
    [householdId],
  );
  return rows[0];
}

/** An elimination case's timeline in order. */
export async function findEliminationTimeline(tx: Tx, caseId: string) {
  const { rows } = await tx.query<{ seq: number; type: string; fromStep: string; toStep: string; onDate: string; actorName: string; actorDisplayName: string | null; actorRole: string; comment: string; data: unknown; ruleSetVersion: string | null }>(
    `SELECT e.seq, e.type, e.from_step AS "fromStep", e.to_step AS "toStep", e.on_date AS "onDate", e.actor_name AS "actorName", u.display_name AS "actorDisplayName",
       e.actor_role AS "actorRole", e.comment, e.data, e.rule_set_version AS "ruleSetVersion"
     FROM case_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.case_id = $1 ORDER BY e.seq`,
    [caseId],
  );
  return rows;
}

/** The step's due day stored on the case row. */
export async function findStepDueOn(tx: Tx, caseId: string): Promise<string | null> {
  const { rows } = await tx.query<{ stepDueOn: string | null }>(`SELECT step_due_on AS "stepDueOn" FROM cases WHERE id = $1`, [caseId]);
  return rows[0]?.stepDueOn ?? null;
}

/** The elimination case that decided the household's elimination (the latest), without a lock, or undefined. */
export async function findDecidingElimination(tx: Tx, householdId: string): Promise<{ id: string; caseNumber: string } | undefined> {
  const { rows } = await tx.query<{ id: string; caseNumber: string }>(
    `SELECT id, case_number AS "caseNumber" FROM cases WHERE kind = 'elimination' AND household_id = $1 AND step = 'eliminated' ORDER BY clue_date DESC LIMIT 1`,
    [householdId],
  );
  return rows[0];
}

/** Keeps what a new identification case reopens (`reentry`) in the case's facts. */
export async function setCaseReentry(tx: Tx, caseId: string, reentry: unknown): Promise<void> {
  await tx.query(`UPDATE cases SET facts = facts || jsonb_build_object('reentry', $2::jsonb) WHERE id = $1`, [caseId, JSON.stringify(reentry)]);
}
