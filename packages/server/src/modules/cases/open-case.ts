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
import { findRunningCaseOfHousehold, insertClue, insertClueRegisteredEvent, insertIdentificationCase, linkClueToCase, nextCaseNumber } from './repo.ts';

export type { ClueChannel } from '@fangpin/domain';
import type { ClueChannel } from '@fangpin/domain';

export const CHANNEL_ZH: Record<ClueChannel, string> = { hotline: '一键报告', application: '自主申报', visit: '排查走访', warning: '部门预警' };

/** The deadlines stored on the case row, from its state and the rule set in force. */
export function caseDeadlines(state: IdentificationState, ruleSet: RuleSet): { dueOn: string; stepDueOn: string | null } {
  const calendar = calendarForRuleSet(ruleSet);
  return { dueOn: identificationDeadline(state, ruleSet, calendar), stepDueOn: identificationStepDeadline(state, ruleSet, calendar) };
}

/** `joinedCase`: the clue joined the household's running case instead of opening one. */
export type OpenedClue = { clueId: string; caseId: string; caseNumber: string; joinedCase?: true };

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
  const clueId = await insertClue(tx, { countyCode, regionCode: input.regionCode, householdId: input.householdId, channel: input.channel, warningId: input.warningId ?? null, riskTypes: input.riskTypes, summary: input.summary, createdBy: actor.username });
  const opened = await openCaseForClue(tx, actor, { clueId, ...input });
  return { clueId, ...opened };
}

/**
 * A clue about a household whose identification case is still running joins that case instead of
 * opening a second one: a county works one procedure per household, whatever number of channels
 * (a department warning, a visit, a call) named it. The clue is linked to the case and the link audited
 * (docs/DOMAIN.md "Discovery channels").
 */
async function joinRunningCase(tx: Tx, actor: CaseOpener, input: { clueId: string; regionCode: string; householdId: string | null; channel: ClueChannel }): Promise<{ caseId: string; caseNumber: string; joinedCase: true } | undefined> {
  if (!input.householdId) return undefined;
  const running = await findRunningCaseOfHousehold(tx, input.householdId);
  if (!running) return undefined;
  await linkClueToCase(tx, input.clueId, running.caseId);
  await recordAudit(tx, actor, 'case.clueLinked', { type: 'case', id: running.caseId, regionCode: input.regionCode }, { details: { caseNumber: running.caseNumber, channel: input.channel, clueId: input.clueId } });
  return { ...running, joinedCase: true };
}

/**
 * Opens the identification case of an existing clue (e.g. a confirmed warning); `comment` (default: the
 * summary) heads its timeline. When the household already has a running identification case, the clue
 * joins it instead (returned as is).
 */
export async function openCaseForClue(
  tx: Tx,
  actor: CaseOpener,
  input: { clueId: string; regionCode: string; householdId: string | null; channel: ClueChannel; riskTypes: string[]; summary: string; clueDate: string; greenChannel?: boolean; comment?: string },
): Promise<{ caseId: string; caseNumber: string; joinedCase?: true }> {
  const joined = await joinRunningCase(tx, actor, input);
  if (joined) return joined;
  input = { ...input, summary: maskIdNumbersInText(input.summary) };
  const countyCode = countyCodeOf(input.regionCode);
  const ruleSet = await ruleSetInForce(tx, input.regionCode, input.clueDate);
  const greenChannel = input.greenChannel ?? isGreenChannelCase(input.riskTypes);
  const state = startIdentification(input.clueDate, { isGreenChannel: greenChannel });
  const { dueOn, stepDueOn } = caseDeadlines(state, ruleSet);
  // Next case number of the county for the year: 451028-2026-0007.
  const year = input.clueDate.slice(0, 4);
  const caseNumber = await nextCaseNumber(tx, `${countyCode}-${year}-`, `case-number:${countyCode}:${year}`);
  const caseId = await insertIdentificationCase(tx, { caseNumber, clueId: input.clueId, countyCode, regionCode: input.regionCode, householdId: input.householdId, state, clueDate: input.clueDate, stepDueOn, dueOn, greenChannel });
  await linkClueToCase(tx, input.clueId, caseId);
  // A household whose risk was eliminated re-enters monitoring through this case (docs/DOMAIN.md "Rollback and re-entry").
  const reentry = await linkReentry(tx, caseId, input.householdId);
  await insertClueRegisteredEvent(tx, {
    caseId,
    onDate: input.clueDate,
    actor: { userId: actor.userId, name: actor.displayName || actor.username, role: actor.timelineRole ?? actor.role },
    comment: input.comment ?? input.summary,
    data: { channel: input.channel, riskTypes: input.riskTypes, greenChannel, ...(reentry ? { reentry } : {}) },
    ruleSetVersion: ruleSet.version,
  });
  await recordAudit(tx, actor, 'case.opened', { type: 'case', id: caseId, regionCode: input.regionCode }, { details: { caseNumber, channel: input.channel, clueId: input.clueId } });
  return { caseId, caseNumber };
}
