import {
  calendarForRuleSet,
  countyCodeOf,
  identificationDeadline,
  identificationStepDeadline,
  isGreenChannelCase,
  maskIdNumbersInText,
  startIdentification,
  type IdentificationState,
  type RuleSet,
} from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import type { AuditActor } from '../audit/record-audit.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { ruleSetInForce } from '../rules/rule-set-in-force.ts';
import { linkReentry } from '../monitoring/reentry.ts';

export type { ClueChannel } from '@fangpin/domain';
import type { ClueChannel } from '@fangpin/domain';

export const CHANNEL_ZH: Record<ClueChannel, string> = { hotline: '一键报告', application: '自主申报', visit: '排查走访', warning: '部门预警' };

/** The deadlines stored on the case row, from its state and the rule set in force. */
export function caseDeadlines(state: IdentificationState, ruleSet: RuleSet): { dueOn: string; stepDueOn: string | null } {
  const calendar = calendarForRuleSet(ruleSet);
  return { dueOn: identificationDeadline(state, ruleSet, calendar), stepDueOn: identificationStepDeadline(state, ruleSet, calendar) };
}

/** Next case number of the county for the year: 451028-2026-0007 (serialised by an advisory lock). */
async function nextCaseNumber(tx: Tx, countyCode: string, year: string): Promise<string> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`case-number:${countyCode}:${year}`]);
  const prefix = `${countyCode}-${year}-`;
  const { rows } = await tx.query<{ n: number }>(
    `SELECT coalesce(max(substring(case_number from ${prefix.length + 1})::int), 0)::int + 1 AS n FROM cases WHERE case_number LIKE $1 || '%'`,
    [prefix],
  );
  return prefix + String(rows[0]!.n).padStart(4, '0');
}

export type OpenedClue = { clueId: string; caseId: string; caseNumber: string };

/**
 * Who registers the clue: a user, or the public page of self-applications, which shows on the
 * timeline under `displayName` with `timelineRole` 'public' (not as the audit log's account).
 */
export type CaseOpener = AuditActor & { displayName?: string; timelineRole?: 'public' };

/**
 * Registers a clue (线索) and opens its identification case on the clue date, with the deadlines of
 * the rule set in force there. The first timeline entry says where the clue came from.
 */
export async function openClueWithCase(
  tx: Tx,
  actor: CaseOpener,
  input: {
    regionCode: string;
    householdId: string | null;
    channel: ClueChannel;
    riskTypes: string[];
    summary: string;
    clueDate: string;
    greenChannel?: boolean;
    warningId?: string | null;
  },
): Promise<OpenedClue> {
  // The summary is what the caller, the applicant or the visitor said: ID numbers in it are stored masked.
  input = { ...input, summary: maskIdNumbersInText(input.summary) };
  const countyCode = countyCodeOf(input.regionCode);
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO clues (county_code, region_code, household_id, channel, warning_id, risk_types, summary, status, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'case', $8) RETURNING id`,
    [countyCode, input.regionCode, input.householdId, input.channel, input.warningId ?? null, input.riskTypes, input.summary, actor.username],
  );
  const clueId = rows[0]!.id;
  const opened = await openCaseForClue(tx, actor, { clueId, ...input });
  return { clueId, ...opened };
}

/** Opens the identification case of an existing clue (e.g. a confirmed warning); `comment` (default: the summary) heads its timeline. */
export async function openCaseForClue(
  tx: Tx,
  actor: CaseOpener,
  input: { clueId: string; regionCode: string; householdId: string | null; channel: ClueChannel; riskTypes: string[]; summary: string; clueDate: string; greenChannel?: boolean; comment?: string },
): Promise<{ caseId: string; caseNumber: string }> {
  input = { ...input, summary: maskIdNumbersInText(input.summary) };
  const countyCode = countyCodeOf(input.regionCode);
  const ruleSet = await ruleSetInForce(tx, input.regionCode, input.clueDate);
  const greenChannel = input.greenChannel ?? isGreenChannelCase(input.riskTypes);
  const state = startIdentification(input.clueDate, { isGreenChannel: greenChannel });
  const { dueOn, stepDueOn } = caseDeadlines(state, ruleSet);
  const caseNumber = await nextCaseNumber(tx, countyCode, input.clueDate.slice(0, 4));
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO cases (case_number, clue_id, county_code, region_code, household_id, step, state, clue_date, step_due_on, due_on, green_channel)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [caseNumber, input.clueId, countyCode, input.regionCode, input.householdId, state.step, JSON.stringify(state), input.clueDate, stepDueOn, dueOn, greenChannel],
  );
  const caseId = rows[0]!.id;
  // A household whose risk was eliminated re-enters monitoring through this case (docs/DOMAIN.md "Rollback and re-entry").
  const reentry = await linkReentry(tx, caseId, input.householdId);
  await tx.query(
    `INSERT INTO case_events (case_id, seq, type, from_step, to_step, on_date, actor_id, actor_name, actor_role, comment, data, rule_set_version)
     VALUES ($1, 1, 'registerClue', 'clueRegistered', 'clueRegistered', $2, $3, $4, $5, $6, $7, $8)`,
    [caseId, input.clueDate, actor.userId, actor.displayName || actor.username, actor.timelineRole ?? actor.role, input.comment ?? input.summary, JSON.stringify({ channel: input.channel, riskTypes: input.riskTypes, greenChannel, ...(reentry ? { reentry } : {}) }), ruleSet.version],
  );
  await recordAudit(tx, actor, 'case.opened', { type: 'case', id: caseId, regionCode: input.regionCode }, { details: { caseNumber, channel: input.channel, clueId: input.clueId } });
  return { caseId, caseNumber };
}
