/**
 * What a case's moves do beyond the case: the household it gets, the monitoring object an approval
 * makes, the verified member facts written back to the registry, the clue and calls closed at the end.
 */
import { MONITORING_CATEGORY_ZH, scopeOf, type Actor, type IdentificationState } from '@fangpin/domain';
import type { z } from 'zod';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import type { AuditActor } from '../audit/record-audit.ts';
import { linkReentry } from '../monitoring/reentry.ts';
import { findHousehold, findMember, findMembersOfHousehold, insertHistory } from '../registry/repo.ts';
import { registerHouseholdInTx } from '../registry/register-household.ts';
import { changeMemberInTx } from '../registry/update-member.ts';
import { registryMembers, verifiedMemberChanges, type CaseFacts, type NewHouseholdDataSchema } from './case-facts.ts';
import { closeClueOfCase, findMonitoringFacts, setCaseHousehold, upsertMonitoringObject, type CaseForMove } from './repo.ts';

/** The result in the words of the call-record table's 核实结果 column. */
export function verificationResultOf(state: IdentificationState): string {
  const d = state.decision;
  if (!d) return '';
  if (d.kind === 'approved') return `认定为监测对象${d.category ? `（${MONITORING_CATEGORY_ZH[d.category]}）` : ''}`;
  return `不符合条件：${d.reason}`;
}

/** The case is over: the clue closes, and every hotline call about it is closed after the callback. */
export async function closeClue(tx: Tx, c: CaseForMove, facts: CaseFacts, state: IdentificationState): Promise<void> {
  await closeClueOfCase(tx, c.clueId, state.step === 'closed' ? 'closed' : 'withdrawn', facts.callback);
}

/**
 * County approval makes the household a monitoring object (监测对象): its monitoring facts are
 * written (category, risk types, identification date, the assessment's income), the change kept
 * in registry history like every registry change.
 */
export async function recordMonitoringObject(tx: Tx, actor: AuditActor, c: CaseForMove, facts: CaseFacts, state: IdentificationState, identifiedOn: string, helperDueOn: string): Promise<void> {
  const d = state.decision;
  if (!d || d.kind !== 'approved' || !c.householdId) return;
  const a = facts.assessment;
  const problems = facts.verification?.problems;
  const before = await findMonitoringFacts(tx, c.householdId);
  await upsertMonitoringObject(tx, {
    householdId: c.householdId,
    category: d.category,
    riskTypes: d.riskTypes,
    identifiedOn,
    incomeYear: Number(identifiedOn.slice(0, 4)),
    perCapitaIncome: a?.perCapitaNetIncome ?? 0,
    wageIncome: a?.income.wage ?? 0,
    transferIncome: a?.income.transfer ?? 0,
    compliantOutOfPocket: (facts.verification?.compliantOutOfPocket ?? []).reduce((sum, r) => sum + r.amount, 0),
    hasHousingProblem: problems?.housingSafety ?? false,
    hasWaterProblem: problems?.drinkingWater ?? false,
    helperDueOn,
  });
  await insertHistory(tx, [
    {
      countyCode: c.regionCode.slice(0, 6),
      householdId: c.householdId,
      memberId: null,
      action: 'monitoring.identified',
      actorId: actor.userId,
      actorName: actor.username,
      source: `case:${c.caseNumber}`,
      before,
      after: { category: d.category, riskTypes: d.riskTypes, identifiedOn, helperDueOn, ...(facts.reentry ? { reentryOf: { eliminatedOn: facts.reentry.eliminatedOn, eliminationCaseNumber: facts.reentry.eliminationCaseNumber } } : {}) },
      effectiveOn: identifiedOn,
    },
  ]);
}

/**
 * The county's decision writes what the home check verified about the members back to the
 * registry (issue 11 item 3): a member found 患有大病 or 丧失劳动力 is recorded so in the registry,
 * through the registry's own write path (history under `case:<caseNumber>`, dated the day of the
 * decision, and an audit row). The last verification counts (a re-verification after an objection
 * replaces the first). Both outcomes write: the facts were verified whatever the decision.
 */
export async function writeVerifiedFactsToRegistry(tx: Tx, cipher: PersonalDataCipher, actor: Actor, c: CaseForMove, facts: CaseFacts, decidedOn: string): Promise<void> {
  const verified = facts.verification?.members;
  if (!c.householdId || !verified?.length) return;
  const changes = verifiedMemberChanges(verified, await registryMembers(tx, cipher, c.householdId));
  for (const change of changes) {
    // The decision writes with the county's authority over the case (its scope holds the case), not the member-edit permission.
    const before = await findMember(tx, scopeOf(actor), change.memberId, { forUpdate: true });
    if (!before) continue;
    await changeMemberInTx(tx, { userId: actor.userId, username: actor.username, role: actor.role }, before, change.changes, { source: `case:${c.caseNumber}`, effectiveOn: decidedOn });
  }
}

/**
 * Links the case (and its clue, and the call or visit report it came from) to a household: one of
 * the registry in the case's village, or a new one registered with its members. Returns the data of
 * the timeline entry.
 */
export async function linkHousehold(
  tx: Tx,
  today: string,
  actor: Actor,
  c: CaseForMove,
  d: { householdId: string } | z.output<typeof NewHouseholdDataSchema>,
  cipher: PersonalDataCipher,
): Promise<Record<string, unknown>> {
  const village = c.regionCode.slice(0, 12);
  let household: { id: string; householdNumber: string; headName: string; memberCount: number; registered: boolean };
  if ('householdId' in d) {
    const found = await findHousehold(tx, scopeOf(actor), d.householdId);
    if (!found) throw AppError.because('VALIDATION_FAILED', 'caseHouseholdNotFound', undefined, { field: 'data.householdId' });
    if (found.regionCode.slice(0, 12) !== village) throw AppError.because('VALIDATION_FAILED', 'caseHouseholdOutsideVillage', undefined, { field: 'data.householdId' });
    const members = await findMembersOfHousehold(tx, found.id);
    household = { id: found.id, householdNumber: found.householdNumber, headName: members.find((m) => m.relation === 'head')?.name ?? members[0]?.name ?? '', memberCount: members.length, registered: false };
  } else {
    const created = await registerHouseholdInTx(tx, { cipher, today }, actor, village, d.newHousehold, { source: `case:${c.caseNumber}`, fieldPrefix: 'data.newHousehold.' });
    household = { id: created.id, householdNumber: created.householdNumber, headName: created.headName, memberCount: created.memberIds.length, registered: true };
  }
  await setCaseHousehold(tx, c, household.id);
  const reentry = await linkReentry(tx, c.id, household.id);
  return { ...(reentry ? { reentry } : {}), householdId: household.id, householdNumber: household.householdNumber, headName: household.headName, memberCount: household.memberCount, registered: household.registered };
}
