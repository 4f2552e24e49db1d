/**
 * The SQL of identification cases (识别认定): reading a case to act on it, writing a move and its
 * timeline entry, linking the household, closing the clue, and the monitoring facts an approval
 * writes. Use cases (advance-case.ts, attach-case-file.ts) decide; this file only reads and writes.
 */
import { RISK_TYPES, type IdentificationState } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import type { CaseFacts, RegistryMember } from './case-facts.ts';

/** A case as a step needs it, locked for the move. */
export type CaseForMove = {
  id: string;
  caseNumber: string;
  clueId: string;
  regionCode: string;
  householdId: string | null;
  householdType: string | null;
  step: string;
  state: IdentificationState;
  version: number;
  clueDate: string;
  facts: CaseFacts;
  greenChannel: boolean;
};

/** The identification case `id`, its row locked until the transaction ends (`FOR UPDATE`). */
export async function lockCaseForMove(tx: Tx, id: string): Promise<CaseForMove | undefined> {
  const { rows } = await tx.query<CaseForMove>(
    `SELECT c.id, c.case_number AS "caseNumber", c.clue_id AS "clueId", c.region_code AS "regionCode", c.household_id AS "householdId", h.type AS "householdType",
       c.step, c.state, c.version, c.clue_date AS "clueDate", c.facts, c.green_channel AS "greenChannel"
     FROM cases c LEFT JOIN households h ON h.id = c.household_id WHERE c.id = $1 AND c.kind = 'identification' FOR UPDATE OF c`,
    [id],
  );
  return rows[0];
}

/** Where a case is, of which kind and household, and at which step (to attach a file): undefined when there is no such case. */
export async function findCasePlace(tx: Tx, id: string): Promise<{ regionCode: string; step: string; kind: string; householdId: string | null } | undefined> {
  const { rows } = await tx.query<{ regionCode: string; step: string; kind: string; householdId: string | null }>(
    `SELECT region_code AS "regionCode", step, kind, household_id AS "householdId" FROM cases WHERE id = $1`,
    [id],
  );
  return rows[0];
}

/** Whether the case has a file of this purpose (the signed consent, the minutes). */
export async function hasCaseAttachment(tx: Tx, caseId: string, purpose: string): Promise<boolean> {
  const { rowCount } = await tx.query(`SELECT 1 FROM attachments WHERE owner_kind = 'case' AND owner_id = $1 AND purpose = $2 LIMIT 1`, [caseId, purpose]);
  return (rowCount ?? 0) > 0;
}

/**
 * Writes the case after a move, if it is still at `version` (optimistic concurrency): its step,
 * state, deadlines, facts and decision, one version up. Returns false when someone moved it first.
 */
export async function saveCaseMove(
  tx: Tx,
  c: { id: string; version: number },
  move: { state: IdentificationState; stepDueOn: string | null; dueOn: string; facts: CaseFacts; isFinal: boolean },
): Promise<boolean> {
  const { state } = move;
  const updated = await tx.query(
    `UPDATE cases SET step = $2, state = $3, version = version + 1, step_due_on = $4, due_on = $5, facts = $6, decision = $7,
       closed_at = CASE WHEN $8 THEN now() ELSE NULL END
     WHERE id = $1 AND version = $9`,
    [c.id, state.step, JSON.stringify(state), move.isFinal ? null : move.stepDueOn, move.dueOn, JSON.stringify(move.facts), state.decision ? JSON.stringify(state.decision) : null, move.isFinal, c.version],
  );
  return updated.rowCount === 1;
}

/** Appends the case's next timeline entry (its `seq` after the last one). */
export async function appendCaseEvent(
  tx: Tx,
  e: {
    caseId: string;
    type: string;
    fromStep: string;
    toStep: string;
    onDate: string;
    actor: { userId: string; name: string; role: string };
    comment: string;
    data: unknown;
    snapshot: unknown;
    ruleSetVersion: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO case_events (case_id, seq, type, from_step, to_step, on_date, actor_id, actor_name, actor_role, comment, data, snapshot, rule_set_version)
     SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM case_events WHERE case_id = $1`,
    [e.caseId, e.type, e.fromStep, e.toStep, e.onDate, e.actor.userId, e.actor.name, e.actor.role, e.comment, JSON.stringify(e.data), e.snapshot === null ? null : JSON.stringify(e.snapshot), e.ruleSetVersion],
  );
}

/** Gives the case, its clue and the call or visit report it came from their household. */
export async function setCaseHousehold(tx: Tx, c: { id: string; clueId: string }, householdId: string): Promise<void> {
  await tx.query(`UPDATE cases SET household_id = $2 WHERE id = $1`, [c.id, householdId]);
  await tx.query(`UPDATE clues SET household_id = $2 WHERE id = $1 AND household_id IS NULL`, [c.clueId, householdId]);
  await tx.query(`UPDATE hotline_calls SET household_id = $2 WHERE clue_id = $1 AND household_id IS NULL`, [c.clueId, householdId]);
  await tx.query(`UPDATE visit_reports SET household_id = $2 WHERE clue_id = $1 AND household_id IS NULL`, [c.clueId, householdId]);
}

/**
 * The case is over: its clues (the one that opened it and those that joined it) close or are
 * withdrawn; after a callback every hotline call about it is closed with the callback's note (备注 经回访，已办结).
 */
export async function closeClueOfCase(tx: Tx, clueId: string, outcome: 'closed' | 'withdrawn', callback: { result: string; objection: boolean } | undefined): Promise<void> {
  const ofCase = `(SELECT id FROM clues WHERE id = $1 UNION SELECT cl.id FROM clues cl JOIN cases c ON c.id = cl.case_id WHERE c.clue_id = $1)`;
  // A clue withdrawn from the case while it ran (a corrected warning) stays withdrawn, even the first one.
  await tx.query(`UPDATE clues SET status = $2 WHERE id IN ${ofCase} AND status <> 'withdrawn'`, [clueId, outcome]);
  if (outcome !== 'closed') return;
  await tx.query(
    `UPDATE hotline_calls SET status = 'closed', callback_at = now(), callback_note = $2, objection = $3,
       remarks = CASE WHEN remarks = '' THEN '经回访，已办结' ELSE remarks || '；经回访，已办结' END
     WHERE clue_id IN ${ofCase} AND status <> 'closed'`,
    [clueId, callback?.result ?? '', callback?.objection ?? false],
  );
}

/** The household's monitoring facts before an approval rewrites them (for the registry history). */
export async function findMonitoringFacts(tx: Tx, householdId: string): Promise<Record<string, unknown> | null> {
  const { rows } = await tx.query(`SELECT category, risk_types AS "riskTypes", identified_on AS "identifiedOn" FROM household_monitoring WHERE household_id = $1`, [householdId]);
  return rows[0] ?? null;
}

/** What an approval makes of a household: a monitoring object with these facts. */
export type MonitoringObjectFacts = {
  householdId: string;
  category: string | null;
  riskTypes: readonly string[];
  identifiedOn: string;
  incomeYear: number;
  perCapitaIncome: number;
  wageIncome: number;
  transferIncome: number;
  compliantOutOfPocket: number;
  hasHousingProblem: boolean;
  hasWaterProblem: boolean;
  helperDueOn: string;
};

/**
 * Makes the household a monitoring object (or again one, after an elimination: the elimination's
 * fields are cleared), one version up.
 */
export async function upsertMonitoringObject(tx: Tx, m: MonitoringObjectFacts): Promise<void> {
  await tx.query(
    `INSERT INTO household_monitoring (household_id, county_code, category, risk_types, identified_on, income_year, per_capita_income, wage_income, transfer_income, compliant_out_of_pocket, has_housing_problem, has_water_problem, helper_due_on)
     SELECT $1, h.county_code, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM households h WHERE h.id = $1
     ON CONFLICT (household_id) DO UPDATE SET category = EXCLUDED.category, risk_types = EXCLUDED.risk_types, identified_on = EXCLUDED.identified_on,
       income_year = EXCLUDED.income_year, per_capita_income = EXCLUDED.per_capita_income, wage_income = EXCLUDED.wage_income, transfer_income = EXCLUDED.transfer_income,
       compliant_out_of_pocket = EXCLUDED.compliant_out_of_pocket, has_housing_problem = EXCLUDED.has_housing_problem, has_water_problem = EXCLUDED.has_water_problem,
       elimination_mode = NULL, eliminated_on = NULL, per_capita_income_after_elimination = NULL, elimination_outcome = NULL, rolled_back_on = NULL, rollback_reason = NULL,
       helper_due_on = EXCLUDED.helper_due_on, version = household_monitoring.version + 1, updated_at = now()`,
    [
      m.householdId,
      m.category,
      m.riskTypes,
      m.identifiedOn,
      m.incomeYear,
      m.perCapitaIncome,
      m.wageIncome,
      m.transferIncome,
      m.compliantOutOfPocket,
      m.hasHousingProblem,
      m.hasWaterProblem,
      m.helperDueOn,
    ],
  );
}

/**
 * The next number of a county's case series for the year, `prefix` + 4 digits (451028-2026-0007,
 * 451028-XC-2027-0003), serialised by an advisory lock on `lockKey` until the transaction ends.
 */
export async function nextCaseNumber(tx: Tx, prefix: string, lockKey: string): Promise<string> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey]);
  const { rows } = await tx.query<{ n: number }>(
    `SELECT coalesce(max(substring(case_number from ${prefix.length + 1})::int), 0)::int + 1 AS n FROM cases WHERE case_number LIKE $1 || '%'`,
    [prefix],
  );
  return prefix + String(rows[0]!.n).padStart(4, '0');
}

/** A new clue (线索), already at `case`: its identification case is opened with it. */
export async function insertClue(
  tx: Tx,
  clue: { countyCode: string; regionCode: string; householdId: string | null; channel: string; warningId: string | null; riskTypes: string[]; summary: string; createdBy: string },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO clues (county_code, region_code, household_id, channel, warning_id, risk_types, summary, status, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'case', $8) RETURNING id`,
    [clue.countyCode, clue.regionCode, clue.householdId, clue.channel, clue.warningId, clue.riskTypes, clue.summary, clue.createdBy],
  );
  return rows[0]!.id;
}

/**
 * The household's identification case still running (not decided by the county, not withdrawn),
 * locked so that two clues arriving at once cannot both open one; undefined when there is none.
 */
export async function findRunningCaseOfHousehold(tx: Tx, householdId: string): Promise<{ caseId: string; caseNumber: string } | undefined> {
  // Serialise clue registration per household: with no running case, FOR UPDATE locks nothing.
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('household-case:' || $1::text))`, [householdId]);
  const { rows } = await tx.query<{ caseId: string; caseNumber: string }>(
    `SELECT id AS "caseId", case_number AS "caseNumber" FROM cases
     WHERE household_id = $1 AND kind = 'identification' AND closed_at IS NULL AND decision IS NULL ORDER BY opened_at LIMIT 1 FOR UPDATE`,
    [householdId],
  );
  return rows[0];
}

/**
 * What the departments' data say about the case's household, from the confirmed warnings whose clues
 * opened or joined the case (not withdrawn): 人社 → unstable employment, 农业农村 产业项目失败 → failed
 * industry project (docs/DOMAIN.md "Department signals"). The assessment reads them as the home check's.
 */
export async function findCaseDepartmentSignals(tx: Tx, caseId: string): Promise<{ unstableEmployment?: true; industryProjectFailed?: true }> {
  const { rows } = await tx.query<{ unstableEmployment: boolean; industryProjectFailed: boolean }>(
    `SELECT coalesce(bool_or('humanResources' = ANY(w.sources)), false) AS "unstableEmployment",
       coalesce(bool_or('agriculture' = ANY(w.sources) AND w.risk_type = $2), false) AS "industryProjectFailed"
     FROM clues cl JOIN warnings w ON w.id = cl.warning_id WHERE cl.case_id = $1 AND cl.status <> 'withdrawn'`,
    [caseId, RISK_TYPES.failedIndustryProject.code],
  );
  const found = rows[0];
  return { ...(found?.unstableEmployment ? { unstableEmployment: true as const } : {}), ...(found?.industryProjectFailed ? { industryProjectFailed: true as const } : {}) };
}

/** Records which identification case a clue belongs to. */
export async function linkClueToCase(tx: Tx, clueId: string, caseId: string): Promise<void> {
  await tx.query(`UPDATE clues SET case_id = $2 WHERE id = $1`, [clueId, caseId]);
}

/** A new identification case of a clue at its first step, with its deadlines. */
export async function insertIdentificationCase(
  tx: Tx,
  c: { caseNumber: string; clueId: string; countyCode: string; regionCode: string; householdId: string | null; state: IdentificationState; clueDate: string; stepDueOn: string | null; dueOn: string; greenChannel: boolean },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO cases (case_number, clue_id, county_code, region_code, household_id, step, state, clue_date, step_due_on, due_on, green_channel)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [c.caseNumber, c.clueId, c.countyCode, c.regionCode, c.householdId, c.state.step, JSON.stringify(c.state), c.clueDate, c.stepDueOn, c.dueOn, c.greenChannel],
  );
  return rows[0]!.id;
}

/** The first entry of a new case's timeline: the clue registered (seq 1). */
export async function insertClueRegisteredEvent(
  tx: Tx,
  e: { caseId: string; onDate: string; actor: { userId: string | null; name: string; role: string }; comment: string; data: unknown; ruleSetVersion: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO case_events (case_id, seq, type, from_step, to_step, on_date, actor_id, actor_name, actor_role, comment, data, rule_set_version)
     VALUES ($1, 1, 'registerClue', 'clueRegistered', 'clueRegistered', $2, $3, $4, $5, $6, $7, $8)`,
    [e.caseId, e.onDate, e.actor.userId, e.actor.name, e.actor.role, e.comment, JSON.stringify(e.data), e.ruleSetVersion],
  );
}

/** A household's members for the case (head first), with the sealed ID number the caller decrypts for birth dates. */
export async function findMembersForCase(tx: Tx, householdId: string): Promise<(Omit<RegistryMember, 'birthDate'> & { idEnc: Buffer })[]> {
  const { rows } = await tx.query<Omit<RegistryMember, 'birthDate'> & { idEnc: Buffer }>(
    `SELECT id, name, relation, birth_year AS "birthYear", sex, labour_capacity AS "labourCapacity", health, schooling, migrant_months AS "migrantMonths",
       id_masked AS "idMasked", id_enc AS "idEnc"
     FROM members WHERE household_id = $1 ORDER BY relation = 'head' DESC, birth_year, id`,
    [householdId],
  );
  return rows;
}

/** The asset sources' matched rows for a household's members (vehicles, business licences, real estate, public payroll), one per source, member and detail. */
export async function findMatchedAssetRows(tx: Tx, householdId: string): Promise<{ source: string; detail: string | null; memberId: string; memberName: string }[]> {
  const { rows } = await tx.query<{ source: string; detail: string | null; memberId: string; memberName: string }>(
    `SELECT DISTINCT ON (r.source, r.member_id, r."values"->>'detail') r.source, r."values"->>'detail' AS detail, r.member_id AS "memberId", m.name AS "memberName"
     FROM department_rows r JOIN members m ON m.id = r.member_id
     WHERE r.household_id = $1 AND r.fate = 'matched' AND r.source IN ('vehicles', 'businessLicences', 'realEstate', 'publicPayroll')`,
    [householdId],
  );
  return rows;
}

/** A draft row as stored (values still sealed). */
export type CaseDraftRow = { caseId: string; eventType: string; formStep: number; valuesEnc: Buffer; savedByName: string; savedAt: Date };

/** The identification case `id` with its step and region (to keep a draft for it): undefined when there is none. */
export async function findIdentificationCasePlace(tx: Tx, id: string): Promise<{ regionCode: string; countyCode: string; step: string } | undefined> {
  const { rows } = await tx.query<{ regionCode: string; countyCode: string; step: string }>(
    `SELECT region_code AS "regionCode", county_code AS "countyCode", step FROM cases WHERE id = $1 AND kind = 'identification'`,
    [id],
  );
  return rows[0];
}

/** The draft of a case's step form, if one was saved. */
export async function findCaseDraft(tx: Tx, caseId: string, eventType: string): Promise<CaseDraftRow | undefined> {
  const { rows } = await tx.query<CaseDraftRow>(
    `SELECT case_id AS "caseId", event_type AS "eventType", form_step AS "formStep", values_enc AS "valuesEnc", saved_by_name AS "savedByName", saved_at AS "savedAt"
     FROM case_drafts WHERE case_id = $1 AND event_type = $2`,
    [caseId, eventType],
  );
  return rows[0];
}

/** Writes (or replaces) the draft of a case's step form. */
export async function upsertCaseDraft(
  tx: Tx,
  draft: { caseId: string; eventType: string; countyCode: string; regionCode: string; formStep: number; valuesEnc: Buffer; savedById: string | null; savedByName: string },
): Promise<CaseDraftRow> {
  const { rows } = await tx.query<CaseDraftRow>(
    `INSERT INTO case_drafts (case_id, event_type, county_code, region_code, form_step, values_enc, saved_by_id, saved_by_name, saved_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
     ON CONFLICT (case_id, event_type) DO UPDATE SET county_code = EXCLUDED.county_code, region_code = EXCLUDED.region_code, form_step = EXCLUDED.form_step,
       values_enc = EXCLUDED.values_enc, saved_by_id = EXCLUDED.saved_by_id, saved_by_name = EXCLUDED.saved_by_name, saved_at = now()
     RETURNING case_id AS "caseId", event_type AS "eventType", form_step AS "formStep", values_enc AS "valuesEnc", saved_by_name AS "savedByName", saved_at AS "savedAt"`,
    [draft.caseId, draft.eventType, draft.countyCode, draft.regionCode, draft.formStep, draft.valuesEnc, draft.savedById, draft.savedByName],
  );
  return rows[0]!;
}

/** Deletes the drafts of a case: one event's (`eventType`), or all of them (the case moved on). Returns how many. */
export async function deleteCaseDrafts(tx: Tx, caseId: string, eventType?: string): Promise<number> {
  const { rowCount } = eventType
    ? await tx.query(`DELETE FROM case_drafts WHERE case_id = $1 AND event_type = $2`, [caseId, eventType])
    : await tx.query(`DELETE FROM case_drafts WHERE case_id = $1`, [caseId]);
  return rowCount ?? 0;
}
