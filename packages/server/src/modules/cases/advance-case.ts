/**
 * Advancing an identification case by one event (docs/STYLE.md rule 2): the use case. The row is
 * locked, the version the actor saw must be the current one, the event's data is prepared
 * (case-steps.ts), the domain workflow judges the move, and the case, its timeline entry and what
 * the move does beyond the case (case-outcomes.ts) are written with an audit row (repo.ts).
 */
import {
  actsOnIdentificationCases,
  assessHousehold,
  calendarForRuleSet,
  caseIncomeWindow,
  helperAssignmentDueOn,
  isInScope,
  maskIdNumbersInText,
  maskPersonalDataInValue,
  nextIdentificationState,
  recordsOutsideWindow,
  scopeOf,
  type Actor,
  type IncomeWindow,
  type TimelineEntryType,
  type RecordOutsideWindow,
} from '@fangpin/domain';
import type pg from 'pg';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import { withTransaction, type Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit, type AuditActor } from '../audit/record-audit.ts';
import { refreshCoverage } from '../monitoring/refresh-coverage.ts';
import { ruleSetInForce } from '../rules/rule-set-in-force.ts';
import { assessmentInputOf, registryMembers } from './case-facts.ts';
import { closeClue, recordMonitoringObject, writeVerifiedFactsToRegistry } from './case-outcomes.ts';
import { prepareStep, type CaseEventInput } from './case-steps.ts';
import { caseDeadlines } from './open-case.ts';
import { appendCaseEvent, deleteCaseDrafts, findCaseDepartmentSignals, hasCaseAttachment, lockCaseForMove, saveCaseMove } from './repo.ts';

export { CASE_EVENT_TYPES, type CaseEventType } from '@fangpin/domain';
export { verificationResultOf } from './case-outcomes.ts';
export type { CaseEventInput } from './case-steps.ts';

/**
 * The steps identification and risk elimination share (home check, village deliberation, public
 * notice, township review, county decision, withdrawal), named the same way on both timelines.
 */
export const SHARED_STEP_EVENT_ZH = {
  startVerification: '派发入户核实', recordVerification: '完成入户核实', recordDeliberation: '完成村级评议', raiseObjection: '公示异议', endNotice: '公示结束',
  townshipApprove: '乡镇审核通过', townshipReturn: '乡镇退回', countyDecide: '县级审定', withdraw: '撤回',
} as const;

export const CASE_EVENT_ZH: Record<TimelineEntryType, string> = {
  ...SHARED_STEP_EVENT_ZH,
  registerClue: '登记线索',
  withdrawClue: '撤出线索',
  linkHousehold: '关联农户',
  screenOut: '入户核实不符合条件',
  recordPropertyCheck: '完成财产检索',
  recordAssessment: '完成系统评估',
  rejectAfterAssessment: '评估不符合条件，县级不予认定',
  recordCallback: '电话回访',
  recordAssistance: '绿色通道先行帮扶',
};

/**
 * A home check whose incomes or spending fall outside the case's income window is refused with
 * the first such row named (issue 11 item 1): the assessment would not count them, so saving them
 * would drop what the cadre entered without a word.
 */
function refuseRecordsOutsideWindow(outside: RecordOutsideWindow[], window: IncomeWindow, clueDate: string): void {
  const first = outside[0];
  if (!first) return;
  throw AppError.because(
    'VALIDATION_FAILED',
    'outsideIncomeWindow',
    { fromMonth: window.fromMonth, toMonth: window.toMonth, clueDate, list: first.list, row: first.index + 1, month: first.month, count: outside.length },
    { field: `data.${first.list}.${first.index}.month`, extra: { window, records: outside } },
  );
}

/**
 * Applies one event to a case in its own transaction. Two people acting at once: exactly one wins,
 * the other gets CONFLICT. Decisions keep a snapshot of the facts and the rule-set version.
 */
export async function advanceCase(
  deps: { pool: pg.Pool; today: string; cipher: PersonalDataCipher },
  actor: Actor & { displayName?: string },
  caseId: string,
  body: CaseEventInput,
): Promise<void> {
  await withTransaction(deps.pool, (tx) => advanceCaseInTx(tx, deps.today, actor, caseId, body, deps.cipher));
}

/**
 * {@link advanceCase} inside the caller's transaction (a hotline call dispatches its new case at once).
 * Refusals: a role that never acts on cases 403, a case outside the actor's region 404, a stale
 * version 409, a move the procedure refuses 422 with its reason. ID numbers typed into the comment
 * or the step's data are masked before anything is stored, and members' birth dates are kept as
 * years (docs/personal-data.md, "At rest"). The one exception is a household registered on the case
 * (`linkHousehold` with `newHousehold`): its members' ID numbers are read unmasked, sealed by the
 * registry's write path, and only the masked form is stored.
 */
export async function advanceCaseInTx(tx: Tx, today: string, actor: Actor & { displayName?: string }, caseId: string, body: CaseEventInput, cipher: PersonalDataCipher): Promise<void> {
  if (!actsOnIdentificationCases(actor.role)) throw AppError.because('FORBIDDEN', 'mayNotActOnCases');
  const masked = maskPersonalDataInValue(body.data, maskIdNumbersInText);
  const comment = body.comment === undefined ? '' : maskIdNumbersInText(body.comment);
  const occurredOn = body.occurredOn ?? today;
  if (occurredOn > today) throw AppError.because('VALIDATION_FAILED', 'dateInFuture', { date: occurredOn }, { field: 'occurredOn' });
  const c = await lockCaseForMove(tx, caseId);
  if (!c || !isInScope(scopeOf(actor), c.regionCode)) throw AppError.because('NOT_FOUND', 'caseNotFound');
  if (body.version !== c.version) throw AppError.because('CONFLICT', 'staleVersion', { currentVersion: c.version }, { extra: { currentVersion: c.version } });
  const ruleSet = await ruleSetInForce(tx, c.regionCode, occurredOn);
  const auditActor: AuditActor = { userId: actor.userId, username: actor.username, role: actor.role };
  const memberCount = c.householdId ? (await registryMembers(tx, cipher, c.householdId)).length : null;
  const prepared = await prepareStep({ tx, cipher, today, occurredOn, actor, ruleSet, c, memberCount }, body.type, masked, body.data);
  const { facts, event, effectiveOn } = prepared;
  let { data, snapshot } = prepared;

  let state = c.state;
  if (event) {
    const moved = nextIdentificationState(c.state, event, { id: actor.userId, role: actor.role }, occurredOn, ruleSet);
    if (!moved.ok) throw new AppError('WORKFLOW_REFUSED', moved.message, { reason: moved.reason, params: moved.params });
    state = moved.state;
  }

  // What the home check recorded must be usable: the signed consent's scan is on file, and every
  // income and spending row lies in the case's income window (else it would silently not count).
  if (body.type === 'recordVerification' && facts.verification) {
    const v = facts.verification;
    if (v.consentSigned && !(await hasCaseAttachment(tx, c.id, 'consent'))) throw AppError.because('WORKFLOW_REFUSED', 'consentMissing', undefined, { field: 'consent' });
    const window = caseIncomeWindow(c.clueDate, ruleSet);
    refuseRecordsOutsideWindow(recordsOutsideWindow(window, v), window, c.clueDate);
  }

  // The assessment runs when the case reaches or passes its step, on the facts gathered so far.
  if (body.type === 'recordAssessment' || body.type === 'rejectAfterAssessment') {
    const members = c.householdId ? await registryMembers(tx, cipher, c.householdId) : [];
    const assessment = assessHousehold(assessmentInputOf(c, facts, members, occurredOn, cipher, await findCaseDepartmentSignals(tx, c.id)), ruleSet, occurredOn);
    facts.assessment = assessment;
    data = { ...(data as object), perCapitaNetIncome: assessment.perCapitaNetIncome, monitoringLine: assessment.monitoringLine, suggestedCategory: assessment.suggestedCategory, riskTypes: assessment.riskTypes, isWithinScope: assessment.isWithinScope };
    snapshot = { facts, ruleSetVersion: ruleSet.version };
  }

  const { dueOn, stepDueOn } = caseDeadlines(state, ruleSet);
  const isFinal = state.step === 'closed' || state.step === 'withdrawn';
  if (!(await saveCaseMove(tx, c, { state, stepDueOn, dueOn, facts, isFinal }))) throw AppError.because('CONFLICT', 'staleVersion');
  // A draft of a step's form ends when the case leaves the step (case-drafts.ts).
  await deleteCaseDrafts(tx, c.id);
  const byName = actor.displayName ?? actor.username;
  await appendCaseEvent(tx, { caseId: c.id, type: body.type, fromStep: c.step, toStep: state.step, onDate: occurredOn, actor: { userId: actor.userId, name: byName, role: actor.role }, comment, data, snapshot, ruleSetVersion: ruleSet.version });
  if (state.decision?.kind === 'approved' && effectiveOn && c.householdId) {
    // Helpers are due within the rule set's working days of the approval (docs/DOMAIN.md; issue 13 item 2).
    const helperDueOn = helperAssignmentDueOn(effectiveOn, ruleSet, calendarForRuleSet(ruleSet));
    await recordMonitoringObject(tx, auditActor, c, facts, state, effectiveOn, helperDueOn);
    await refreshCoverage(tx, [c.householdId]);
  }
  if ((body.type === 'countyDecide' || body.type === 'rejectAfterAssessment') && c.householdId) await writeVerifiedFactsToRegistry(tx, cipher, actor, c, facts, occurredOn);
  if (isFinal) await closeClue(tx, c, facts, state);
  await recordAudit(tx, auditActor, `case.${body.type}`, { type: 'case', id: c.id, regionCode: c.regionCode }, { details: { caseNumber: c.caseNumber, from: c.step, to: state.step, occurredOn, ruleSetVersion: ruleSet.version } });
}
