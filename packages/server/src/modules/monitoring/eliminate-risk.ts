import {
  actsInElimination,
  mayProposeElimination,
  mayRollBackElimination,
  ELIMINATION_STEP_ZH,
  calendarForRuleSet,
  can,
  countyCodeOf,
  eliminationConditions,
  eliminationStepDeadline,
  eliminationSuggestion,
  entryDateSchema,
  eliminationRolesFor,
  isUnderMonitoring,
  maskIdNumbersInText,
  nextEliminationState,
  noticeEndsOn,
  proposeElimination,
  scopeOf,
  type Actor,
  type EliminationEvent,
  type EliminationEvidence,
  type EliminationState,
  type EliminationStep,
  type MonitoringStatus,
} from '@fangpin/domain';
import type { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import {
  DecisionDataSchema,
  ELIMINATION_EVENT_TYPES,
  EliminationDeliberationDataSchema,
  ObjectionDataSchema,
  ProposalBodySchema,
  EliminationReasonDataSchema,
  EliminationVerificationDataSchema,
  reasonTextEn,
  type EliminationBlocker,
  type EliminationCaseFacts,
  type EliminationEventType,
  type ProblemParams,
  type ProblemReason,
} from '@fangpin/domain';
import { recordAudit } from '../audit/record-audit.ts';
import { listAttachments } from '../attachments/attachments.ts';
import { findHousehold, insertHistory, type HouseholdRow } from '../registry/repo.ts';
import { ruleSetInForce } from '../rules/rule-set-in-force.ts';
import { SHARED_STEP_EVENT_ZH } from '../cases/advance-case.ts';
import { appendCaseEvent, nextCaseNumber } from '../cases/repo.ts';
import {
  findEliminationCase,
  findEliminationHousehold,
  findEliminationInputs,
  findEliminationOutcome,
  findEliminationsOfHousehold,
  findEliminationTimeline,
  findOpenEliminationCase,
  findStepDueOn,
  insertEliminationCase,
  lockDecidedElimination,
  markEliminated,
  markRolledBack,
  saveEliminationMove,
  type EliminationRow,
} from './elimination-repo.ts';
import { findMonitoringOfHousehold } from './repo.ts';
import { actsOnHousehold, seesHousehold } from './show-monitoring-record.ts';

/**
 * Risk elimination (风险消除) as a case of kind `elimination` in the cases table (issue 13 item 5;
 * docs/DOMAIN.md "Risk elimination"): proposed by a helping cadre, the village, the township or the
 * county, then home check → deliberation → notice (≥ 5 days, objections) → township → county, the
 * conditions checked at the proposal and again at the county decision, every step dated
 * (`occurredOn`). The decision writes the outcome into household_monitoring; a rollback (回退) by
 * the county undoes it with a reason.
 */

export { ELIMINATION_EVENT_TYPES, type EliminationEventType };

export const ELIMINATION_EVENT_ZH: Record<EliminationEventType | 'propose' | 'rollBack', string> = {
  ...SHARED_STEP_EVENT_ZH,
  propose: '提出风险消除',
  rollBack: '风险消除回退',
};

const Reason = EliminationReasonDataSchema;
const Verification = EliminationVerificationDataSchema;
const Deliberation = EliminationDeliberationDataSchema;
const Decision = DecisionDataSchema;
export const ProposalSchema = ProposalBodySchema;

/** The facts an elimination case gathers step by step (cases.facts; contracts/monitoring.ts). */
export type { EliminationCaseFacts };

type Deps = { tx: Tx; actor: Actor & { displayName?: string }; today: string };

function parse<S extends z.ZodType>(schema: S, data: unknown, prefix = 'data'): z.output<S> {
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = [prefix, ...issue.path].filter(Boolean).join('.');
    throw new AppError('VALIDATION_FAILED', `${field}: ${issue.message}`, { field });
  }
  return parsed.data;
}

/**
 * A refusal of the procedure (422): the reason and its params; for `eliminationNotAllowed` every
 * blocker as a code with its figures in `details` (the web writes each sentence).
 */
function refused(reason: ProblemReason, params?: ProblemParams, details?: readonly EliminationBlocker[]): AppError {
  const detail = reasonTextEn(reason, params) + (details?.length ? `: ${details.map((d) => d.code).join(', ')}` : '');
  return new AppError('WORKFLOW_REFUSED', detail, { reason, ...(params ? { params } : {}), ...(details ? { extra: { details } } : {}) });
}

/**
 * The household when the actor may see it: in scope, and for a helping cadre assigned to it unless
 * the rule set in force lets helping cadres read the whole region (else 404).
 */
async function visibleHousehold(tx: Tx, actor: Actor, householdId: string, today: string, options: { forUpdate?: boolean } = {}): Promise<HouseholdRow> {
  if (!can(actor, 'household.read')) throw new AppError('FORBIDDEN', 'Your role may not read the register');
  const household = await findHousehold(tx, scopeOf(actor), householdId, options);
  if (!household || !(await seesHousehold(tx, actor, household, today))) throw new AppError('NOT_FOUND', 'Household not found');
  return household;
}

/** What the record of the household says today, for the conditions. */
export async function eliminationEvidenceOf(tx: Tx, householdId: string): Promise<(EliminationEvidence & { status: MonitoringStatus; eliminatedOn: string | null }) | null> {
  const m = await findMonitoringOfHousehold(tx, householdId);
  if (!m || !m.identifiedOn) return null;
  const { flags, members, measures } = await findEliminationInputs(tx, householdId);
  return {
    identifiedOn: m.identifiedOn,
    riskTypes: m.riskTypes,
    perCapitaIncome: Number(m.perCapitaIncome),
    hasHousingProblem: flags.hasHousingProblem,
    hasWaterProblem: flags.hasWaterProblem,
    isNoLabourSafetyNet: flags.isNoLabourSafetyNet,
    members,
    measures,
    status: m.status,
    eliminatedOn: m.eliminatedOn,
  };
}

/**
 * The system's suggestion for a household under monitoring (GET …/elimination-check): whether an
 * assisted elimination may be proposed today, and every blocker in words otherwise.
 */
export async function checkElimination({ tx, actor, today }: Deps, householdId: string) {
  const household = await visibleHousehold(tx, actor, householdId, today);
  const evidence = await eliminationEvidenceOf(tx, householdId);
  if (!evidence || !isUnderMonitoring(evidence.status)) return { householdId, isMonitored: false, isSuggested: false, mode: 'assisted' as const, blockers: [], openCase: null, mayPropose: false };
  const ruleSet = await ruleSetInForce(tx, household.regionCode, today);
  const suggestion = eliminationSuggestion(evidence, ruleSet, today);
  const open = (await findOpenEliminationCase(tx, householdId)) ?? null;
  const mayPropose = open === null && (eliminationRolesFor('proposed', ruleSet) as readonly string[]).includes(actor.role) && (await actsOnHousehold(tx, actor, householdId));
  return { householdId, isMonitored: true, ...suggestion, mode: 'assisted' as const, monitoringLine: ruleSet.monitoringLine.yuanPerPersonYear, perCapitaIncome: evidence.perCapitaIncome, openCase: open, mayPropose };
}

function occurredOnOf(value: string | undefined, today: string): string {
  const parsed = entryDateSchema(() => today, 'notAfterToday').safeParse(value ?? today);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', `occurredOn: ${parsed.error.issues[0]!.message}`, { field: 'occurredOn' });
  return parsed.data;
}

/**
 * Proposes the elimination of a monitored household's risk: refused (422 eliminationNotAllowed, every
 * blocker in words) when the conditions do not hold on the day of the proposal, or while another
 * elimination of the household is running.
 */
export async function proposeRiskElimination({ tx, actor, today }: Deps, householdId: string, body: unknown): Promise<{ id: string; caseNumber: string }> {
  const p = parse(ProposalSchema, body, '');
  const on = occurredOnOf(p.occurredOn, today);
  const household = await visibleHousehold(tx, actor, householdId, today, { forUpdate: true });
  if (!mayProposeElimination(actor.role)) throw new AppError('FORBIDDEN', 'Your role may not propose a risk elimination');
  if (!(await actsOnHousehold(tx, actor, householdId))) throw AppError.because('FORBIDDEN', 'notAssignedHelper');
  const evidence = await eliminationEvidenceOf(tx, householdId);
  if (!evidence || !isUnderMonitoring(evidence.status)) throw refused('notMonitored');
  const open = await findOpenEliminationCase(tx, householdId);
  if (open) throw refused('eliminationRunning', { caseNumber: open.caseNumber });
  if (on < evidence.identifiedOn) throw AppError.because('VALIDATION_FAILED', 'dateBeforeIdentification', { date: on, identifiedOn: evidence.identifiedOn }, { field: 'occurredOn' });
  const ruleSet = await ruleSetInForce(tx, household.regionCode, on);
  const statement = { mode: p.mode, resolvedRiskTypes: p.resolvedRiskTypes };
  const { facts, blockers } = eliminationConditions(evidence, statement, ruleSet, on);
  const started = proposeElimination(facts, { id: actor.userId, role: actor.role }, on, ruleSet);
  if (!started.ok) throw refused(started.reason, started.reason === 'eliminationNotAllowed' ? { count: blockers.length } : started.params, started.reason === 'eliminationNotAllowed' ? blockers : undefined);
  if (blockers.length > 0) throw refused('eliminationNotAllowed', { count: blockers.length }, blockers);
  const by = actor.displayName || actor.username;
  const caseFacts: EliminationCaseFacts = {
    proposal: { mode: p.mode, reason: maskIdNumbersInText(p.reason), resolvedRiskTypes: p.resolvedRiskTypes ?? [], perCapitaIncome: facts.perCapitaNetIncome, by, byRole: actor.role, on },
  };
  const state: EliminationState = started.state;
  const stepDueOn = eliminationStepDeadline(state, ruleSet, calendarForRuleSet(ruleSet));
  const countyCode = countyCodeOf(household.regionCode);
  // Next elimination case number of the county for the year: 451028-XC-2027-0003 (消除).
  const year = on.slice(0, 4);
  const caseNumber = await nextCaseNumber(tx, `${countyCode}-XC-${year}-`, `elimination-number:${countyCode}:${year}`);
  const id = await insertEliminationCase(tx, { caseNumber, countyCode, regionCode: household.regionCode, householdId, state, proposedOn: on, stepDueOn, facts: caseFacts });
  await insertEvent(tx, id, 'propose', 'proposed', 'proposed', on, actor, by, p.reason, { mode: p.mode, resolvedRiskTypes: p.resolvedRiskTypes ?? [], perCapitaIncome: facts.perCapitaNetIncome }, { facts, ruleSetVersion: ruleSet.version }, ruleSet.version);
  await recordAudit(tx, actor, 'elimination.proposed', { type: 'case', id, regionCode: household.regionCode }, { details: { caseNumber, householdId, mode: p.mode, occurredOn: on } });
  return { id, caseNumber };
}

/** Appends the case's next timeline entry; ID numbers typed into the comment are stored masked. */
async function insertEvent(tx: Tx, caseId: string, type: string, from: string, to: string, on: string, actor: Actor, byName: string, comment: string, data: unknown, snapshot: unknown, ruleSetVersion: string): Promise<void> {
  await appendCaseEvent(tx, { caseId, type, fromStep: from, toStep: to, onDate: on, actor: { userId: actor.userId, name: byName, role: actor.role }, comment: maskIdNumbersInText(comment), data, snapshot, ruleSetVersion });
}

export async function loadElimination(tx: Tx, actor: Actor, id: string, today: string, options: { forUpdate?: boolean } = {}): Promise<EliminationRow> {
  if (!can(actor, 'household.read')) throw new AppError('FORBIDDEN', 'Your role may not read eliminations');
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('NOT_FOUND', 'Elimination case not found');
  const c = await findEliminationCase(tx, id, options);
  if (!c) throw new AppError('NOT_FOUND', 'Elimination case not found');
  await visibleHousehold(tx, actor, c.householdId, today).catch(() => {
    throw new AppError('NOT_FOUND', 'Elimination case not found');
  });
  return c;
}

/** An event as the use case takes it: the route has checked it against the contract's union; `data` is parsed again here by its type. */
export type EliminationEventBody = { type: EliminationEventType; version: number; data?: unknown; comment?: string | undefined; occurredOn?: string | undefined };

/**
 * One step of an elimination case: the row is locked, the version must be the one the actor saw
 * (else 409), the domain workflow checks step, role and date; the county's decision to eliminate
 * checks the conditions again with the record of that day (and the home check's income and 三保障
 * finding), then writes the outcome (稳定消除 / 消除后继续跟踪) into household_monitoring.
 */
export async function advanceElimination({ tx, actor, today }: Deps, id: string, body: EliminationEventBody): Promise<void> {
  if (!can(actor, 'household.read')) throw new AppError('FORBIDDEN', 'Your role may not act on eliminations');
  const c = await loadElimination(tx, actor, id, today, { forUpdate: true });
  // Out of the region: 404 (above); a role that never acts in an elimination: 403; a move the procedure refuses: 422 (below).
  if (!actsInElimination(actor.role)) throw new AppError('FORBIDDEN', 'Your role may not act on eliminations');
  if (!(await actsOnHousehold(tx, actor, c.householdId))) throw AppError.because('FORBIDDEN', 'notAssignedHelper');
  if (body.version !== c.version)
    throw new AppError('CONFLICT', `The case was changed by someone else (version ${c.version}); reload and try again`, { reason: 'staleVersion', extra: { currentVersion: c.version } });
  const on = occurredOnOf(body.occurredOn, today);
  const ruleSet = await ruleSetInForce(tx, c.regionCode, on);
  const by = actor.displayName || actor.username;
  const facts: EliminationCaseFacts = { ...c.facts };
  let event: EliminationEvent;
  let data: unknown = {};
  let snapshot: unknown = null;
  /** The per-capita income the county's decision was based on (home check's figure, else the record's). */
  let decidedIncome = 0;
  switch (body.type) {
    case 'startVerification':
    case 'endNotice':
    case 'townshipApprove':
      event = { type: body.type };
      break;
    case 'recordVerification': {
      const v = parse(Verification, body.data);
      facts.verification = { ...v, notes: maskIdNumbersInText(v.notes), on, by };
      data = facts.verification;
      event = { type: 'recordVerification' };
      break;
    }
    case 'recordDeliberation': {
      const d = parse(Deliberation, body.data);
      facts.deliberation = { ...d, on };
      data = d;
      event = { type: 'recordDeliberation', result: d.result, attendees: d.attendees, minutesRecorded: d.minutes.trim() !== '', reason: d.reason };
      break;
    }
    case 'raiseObjection': {
      const { note } = parse(ObjectionDataSchema, body.data);
      facts.objections = [...(facts.objections ?? []), { note: maskIdNumbersInText(note), on, by }];
      data = { note };
      event = { type: 'raiseObjection', note };
      break;
    }
    case 'townshipReturn':
    case 'withdraw': {
      const { reason } = parse(Reason, body.data);
      data = { reason };
      event = { type: body.type, reason };
      break;
    }
    case 'countyDecide': {
      const d = parse(Decision, body.data);
      data = d;
      if (d.decision === 'reject') {
        event = { type: 'countyDecide', decision: 'reject', reason: d.reason };
        facts.decision = { decision: 'reject', outcome: null, reason: d.reason ?? null, on, by, blockers: [] };
        break;
      }
      if (!d.outcome) throw AppError.because('VALIDATION_FAILED', 'outcomeRequired', undefined, { field: 'data.outcome' });
      const evidence = await eliminationEvidenceOf(tx, c.householdId);
      if (!evidence || !isUnderMonitoring(evidence.status)) throw refused('notMonitored');
      const v = facts.verification;
      const { facts: dayFacts, blockers } = eliminationConditions(
        evidence,
        { mode: facts.proposal.mode, resolvedRiskTypes: facts.proposal.resolvedRiskTypes, ...(v ? { perCapitaIncome: v.perCapitaIncome, basicNeedsSecured: v.basicNeedsSecured } : {}) },
        ruleSet,
        on,
      );
      if (blockers.length > 0) throw refused('eliminationNotAllowed', { count: blockers.length }, blockers);
      event = { type: 'countyDecide', decision: 'eliminate', facts: dayFacts };
      facts.decision = { decision: 'eliminate', outcome: d.outcome, reason: d.reason ?? null, on, by, blockers: [] };
      snapshot = { facts: dayFacts, ruleSetVersion: ruleSet.version };
      decidedIncome = dayFacts.perCapitaNetIncome;
      break;
    }
  }
  const moved = nextEliminationState(c.state, event, { id: actor.userId, role: actor.role }, on, ruleSet);
  if (!moved.ok) throw refused(moved.reason, moved.params, moved.details);
  const state = moved.state;
  await saveState(tx, c, state, facts, ruleSet);
  await insertEvent(tx, c.id, body.type, c.step, state.step, on, actor, by, body.comment ?? '', data, snapshot, ruleSet.version);
  if (state.step === 'eliminated' && facts.decision?.outcome) {
    const income = decidedIncome;
    const before = await findEliminationOutcome(tx, c.householdId);
    await markEliminated(tx, c.householdId, { on, mode: state.mode, outcome: facts.decision.outcome, perCapitaIncome: income });
    await insertHistory(tx, [
      {
        countyCode: c.regionCode.slice(0, 6),
        householdId: c.householdId,
        memberId: null,
        action: 'monitoring.eliminated',
        actorId: actor.userId,
        actorName: by,
        source: `case:${c.caseNumber}`,
        before,
        after: { eliminatedOn: on, mode: state.mode, outcome: facts.decision.outcome, perCapitaIncome: income, ruleSetVersion: ruleSet.version },
        effectiveOn: on,
      },
    ]);
  }
  await recordAudit(tx, actor, `elimination.${body.type}`, { type: 'case', id: c.id, regionCode: c.regionCode }, { details: { caseNumber: c.caseNumber, from: c.step, to: state.step, occurredOn: on, ruleSetVersion: ruleSet.version } });
}

async function saveState(tx: Tx, c: EliminationRow, state: EliminationState, facts: EliminationCaseFacts, ruleSet: Awaited<ReturnType<typeof ruleSetInForce>>): Promise<void> {
  const isFinal = ['eliminated', 'rejected', 'withdrawn', 'rolledBack'].includes(state.step);
  const stepDueOn = isFinal ? null : eliminationStepDeadline(state, ruleSet, calendarForRuleSet(ruleSet));
  if (!(await saveEliminationMove(tx, c, { state, stepDueOn, facts, isFinal }))) throw AppError.because('CONFLICT', 'staleVersion');
}

/**
 * Rolls back (回退) a wrong elimination: the county, with a reason. The household is monitored again
 * (status 已回退, which counts as under monitoring: help, measures and visits go on); the elimination
 * case, when Fangpin decided it, moves to `rolledBack`. History and audit keep what was undone.
 * Eliminations imported from the national system (no case here) roll back the same way.
 */
export async function rollBackElimination({ tx, actor, today }: Deps, householdId: string, body: { reason?: unknown; occurredOn?: string | undefined }): Promise<void> {
  const household = await visibleHousehold(tx, actor, householdId, today, { forUpdate: true });
  if (!mayRollBackElimination(actor.role)) throw new AppError('FORBIDDEN', 'Only the county rolls an elimination back');
  const { reason } = parse(Reason, { reason: body.reason }, '');
  const on = occurredOnOf(body.occurredOn, today);
  const m = await findMonitoringOfHousehold(tx, householdId, { forUpdate: true });
  if (!m || !m.eliminatedOn) throw refused('notEliminated');
  if (on < m.eliminatedOn) throw AppError.because('VALIDATION_FAILED', 'dateBeforeElimination', { date: on, eliminatedOn: m.eliminatedOn }, { field: 'occurredOn' });
  const by = actor.displayName || actor.username;
  const ruleSet = await ruleSetInForce(tx, household.regionCode, on);
  const c = await lockDecidedElimination(tx, householdId);
  if (c) {
    const moved = nextEliminationState(c.state, { type: 'rollBack', reason }, { id: actor.userId, role: actor.role }, on, ruleSet);
    if (!moved.ok) throw refused(moved.reason, moved.params);
    await saveState(tx, c, moved.state, { ...c.facts, rollback: { reason, on, by } }, ruleSet);
    await insertEvent(tx, c.id, 'rollBack', c.step, moved.state.step, on, actor, by, reason, { reason }, null, ruleSet.version);
  }
  const before = await findEliminationOutcome(tx, householdId, { withModeAndOutcome: true });
  await markRolledBack(tx, householdId, { on, reason: maskIdNumbersInText(reason) });
  await insertHistory(tx, [
    {
      countyCode: household.countyCode,
      householdId,
      memberId: null,
      action: 'monitoring.rolledBack',
      actorId: actor.userId,
      actorName: by,
      source: c ? `case:${c.caseNumber}` : 'rollback',
      before,
      after: { rolledBackOn: on, reason: maskIdNumbersInText(reason) },
      effectiveOn: on,
    },
  ]);
  await recordAudit(tx, actor, 'elimination.rolledBack', { type: 'household', id: householdId, regionCode: household.regionCode }, { details: { eliminatedOn: m.eliminatedOn, rolledBackOn: on, caseNumber: c?.caseNumber ?? null } });
}

/** The elimination cases of a household, newest first (the household page's 风险消除). */
export async function listEliminationsOfHousehold({ tx, actor, today }: Deps, householdId: string) {
  await visibleHousehold(tx, actor, householdId, today);
  const rows = await findEliminationsOfHousehold(tx, householdId);
  return { items: rows.map((r) => ({ ...r, stepZh: ELIMINATION_STEP_ZH[r.step] })) };
}

/**
 * An elimination case as its page shows it: state, deadlines, facts, the timeline, the events the
 * actor's role may send at this step and the case's files. Viewing is audited by the route.
 */
export async function eliminationDetail({ tx, actor, today }: Deps, id: string) {
  const c = await loadElimination(tx, actor, id, today);
  const ruleSet = await ruleSetInForce(tx, c.regionCode, today);
  const head = await findEliminationHousehold(tx, c.householdId);
  const events = await findEliminationTimeline(tx, c.id);
  const roles = eliminationRolesFor(c.step, ruleSet) as readonly string[];
  const actsHere = roles.includes(actor.role) && (await actsOnHousehold(tx, actor, c.householdId));
  const NEXT: Partial<Record<EliminationStep, EliminationEventType[]>> = {
    proposed: ['startVerification', 'withdraw'],
    homeVerification: ['recordVerification', 'withdraw'],
    villageDeliberation: ['recordDeliberation'],
    publicNotice: ['raiseObjection', 'endNotice'],
    townshipReview: ['townshipApprove', 'townshipReturn'],
    countyApproval: ['countyDecide'],
  };
  const noticeStartedOn = c.state.noticeStartedOn;
  const stepDueOn = await findStepDueOn(tx, c.id);
  const files = await listAttachments(tx, 'case', [c.id]);
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    householdId: c.householdId,
    householdNumber: head?.householdNumber ?? '',
    headName: head?.headName ?? '',
    villageName: head?.villageName ?? '',
    townshipName: head?.townshipName ?? '',
    regionCode: c.regionCode,
    step: c.step,
    stepZh: ELIMINATION_STEP_ZH[c.step],
    mode: c.state.mode,
    version: c.version,
    proposedOn: c.state.proposedOn,
    stepEnteredOn: c.state.stepEnteredOn,
    stepDueOn,
    noticeStartedOn,
    noticeEndsOn: noticeStartedOn ? noticeEndsOn(noticeStartedOn, ruleSet) : null,
    eliminatedOn: c.state.eliminatedOn,
    ruleSetVersion: c.state.ruleSetVersion,
    facts: c.facts,
    timeline: events.map((e) => ({ ...e, typeZh: ELIMINATION_EVENT_ZH[e.type as EliminationEventType] ?? e.type, toStepZh: ELIMINATION_STEP_ZH[e.toStep as EliminationStep] ?? e.toStep })),
    availableEvents: actsHere ? (NEXT[c.step] ?? []) : [],
    mayRollBack: c.step === 'eliminated' && mayRollBackElimination(actor.role),
    attachments: files.get(c.id) ?? [],
  };
}
