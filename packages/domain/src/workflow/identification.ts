/**
 * Identification workflow (识别认定程序) as typed data shared by server and UI: steps, allowed
 * transitions, who may act, the deadline of each step from the rule set, and `nextState`
 * (docs/DOMAIN.md "Identification procedure" [S19][S41][S43][S53]; docs/STYLE.md rule 2).
 */
import type { IsoDate } from '../calendar/dates.ts';
import { addWorkingDays, type WorkingCalendar } from '../calendar/working-days.ts';
import { isGreenChannelRiskType, MAX_RISK_TYPES_PER_HOUSEHOLD, type RiskTypeCode } from '../codes/risk-types.ts';
import type { MonitoringCategory } from '../assessment/household-input.ts';
import type { RuleSet } from '../rulesets/rule-set.schema.ts';
import {
  addDayLimit,
  checkDeliberation,
  refuse,
  rolesForStep,
  type Transition,
  type WorkflowActor,
  type WorkflowRefusal,
  type WorkflowRole,
} from './common.ts';
import * as shared from './shared-steps.ts';

/** Steps of identification, in order; `closed` and `withdrawn` are final. */
export const IDENTIFICATION_STEPS = [
  'clueRegistered',
  'homeVerification',
  'propertyCheck',
  'systemAssessment',
  'villageDeliberation',
  'publicNotice',
  'townshipReview',
  'countyApproval',
  'callback',
  'closed',
  'withdrawn',
] as const;
/** One identification step. */
export type IdentificationStep = (typeof IDENTIFICATION_STEPS)[number];

/** zh-CN names of the steps. */
export const IDENTIFICATION_STEP_ZH = {
  clueRegistered: '线索登记',
  homeVerification: '入户核实（签署承诺授权书）',
  propertyCheck: '财产检索 / 数据比对',
  systemAssessment: '系统评估',
  ...shared.STEP_ZH,
  callback: '电话回访',
  closed: '已办结',
  withdrawn: '已撤回',
} as const satisfies Record<IdentificationStep, string>;

/** English names of the steps (the admin app's English pages and the field app's English). */
export const IDENTIFICATION_STEP_EN = {
  clueRegistered: 'Clue registered',
  homeVerification: 'Home verification',
  propertyCheck: 'Property check',
  systemAssessment: 'System assessment',
  villageDeliberation: 'Village deliberation',
  publicNotice: 'Public notice',
  townshipReview: 'Township review',
  countyApproval: 'County approval',
  callback: 'Callback',
  closed: 'Closed',
  withdrawn: 'Withdrawn',
} as const satisfies Record<IdentificationStep, string>;

/**
 * Allowed moves. A negative home check or deliberation goes straight to the callback (小黄 was
 * told on day 3); an objection during the notice or a return by the township sends the case back
 * to re-verification, then re-deliberation and a new notice (docs/DOMAIN.md "Objections": no national
 * rule was found, UNCERTAIN → this model).
 */
export const IDENTIFICATION_TRANSITIONS = {
  clueRegistered: ['homeVerification', 'withdrawn'],
  homeVerification: ['propertyCheck', 'callback', 'withdrawn'],
  propertyCheck: ['systemAssessment', 'withdrawn'],
  systemAssessment: ['villageDeliberation', 'callback', 'withdrawn'],
  villageDeliberation: ['publicNotice', 'callback', 'withdrawn'],
  ...shared.TRANSITIONS,
  countyApproval: ['callback'],
  callback: ['closed'],
  closed: [],
  withdrawn: [],
} as const satisfies Record<IdentificationStep, readonly IdentificationStep[]>;

/** Who may act in each step (docs/DOMAIN.md "Steps and limits", column "who"). */
export const IDENTIFICATION_ROLES = {
  clueRegistered: ['county-monitor', 'county-admin', 'township-officer', 'village-cadre'],
  homeVerification: ['village-cadre', 'township-officer', 'county-monitor'],
  propertyCheck: ['county-monitor', 'county-admin'],
  systemAssessment: ['system', 'county-monitor'],
  ...shared.ROLES,
  callback: ['county-monitor'],
  closed: [],
  withdrawn: [],
} as const satisfies Record<IdentificationStep, readonly WorkflowRole[]>;

/**
 * Who may withdraw (撤回) an open case: the county centre only. Townships and villages carry out
 * the steps, but ending a procedure someone started (a hotline call, a warning, an application) is
 * the county's decision (docs/DOMAIN.md "Identification procedure"; a village asks the county). Allowed
 * from the steps whose transitions include `withdrawn`, whoever acts in the step itself.
 */
export const IDENTIFICATION_WITHDRAW_ROLES = ['county-monitor', 'county-admin'] as const satisfies readonly WorkflowRole[];

/** Whether a case at `step` may be withdrawn by `role` (the action panel offers 撤回案件 only then). */
export function mayWithdrawIdentification(step: IdentificationStep, role: WorkflowRole): boolean {
  return (
    (IDENTIFICATION_TRANSITIONS[step] as readonly IdentificationStep[]).includes('withdrawn') &&
    (IDENTIFICATION_WITHDRAW_ROLES as readonly WorkflowRole[]).includes(role)
  );
}

/**
 * The events an identification case accepts through the API (`POST /api/cases/:id/events`): the
 * procedure's moves, giving the case its household (`linkHousehold`) and green-channel assistance
 * (`recordAssistance`), which annotates the case without moving it.
 */
export const CASE_EVENT_TYPES = [
  'linkHousehold',
  'startVerification',
  'recordVerification',
  'screenOut',
  'recordPropertyCheck',
  'recordAssessment',
  'rejectAfterAssessment',
  'recordDeliberation',
  'raiseObjection',
  'endNotice',
  'townshipApprove',
  'townshipReturn',
  'countyDecide',
  'recordCallback',
  'recordAssistance',
  'withdraw',
] as const;
/** One event of a case. */
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** The events each step offers to the roles acting in it (besides linking a household, withdrawal and assistance). */
export const IDENTIFICATION_STEP_EVENTS = {
  clueRegistered: ['startVerification'],
  homeVerification: ['recordVerification', 'screenOut'],
  propertyCheck: ['recordPropertyCheck'],
  systemAssessment: ['recordAssessment', 'rejectAfterAssessment'],
  villageDeliberation: ['recordDeliberation'],
  publicNotice: ['endNotice', 'raiseObjection'],
  townshipReview: ['townshipApprove', 'townshipReturn'],
  countyApproval: ['countyDecide'],
  callback: ['recordCallback'],
  closed: [],
  withdrawn: [],
} as const satisfies Record<IdentificationStep, readonly CaseEventType[]>;

/**
 * Who may record green-channel assistance (先行帮扶) before approval: the county centre and the
 * township, who arrange it (docs/DOMAIN.md "Green channel"). Village cadres report; leaders read.
 */
export const GREEN_CHANNEL_ASSISTANCE_ROLES = ['county-monitor', 'county-admin', 'township-officer'] as const satisfies readonly WorkflowRole[];

/**
 * Whether a case takes the green channel (绿色通道): one of its risk types is a disaster or an
 * accident (codes/risk-types.ts marks them), so assistance may start before approval.
 */
export function isGreenChannelCase(riskTypes: readonly string[]): boolean {
  return riskTypes.some(isGreenChannelRiskType);
}

/**
 * Whether `role` may record green-channel assistance on a case now: the case takes the green
 * channel, is still open, and the role arranges assistance. Returns the refusal, or null.
 */
export function checkAssistance(
  c: { readonly step: IdentificationStep; readonly greenChannel: boolean },
  role: WorkflowRole,
): WorkflowRefusal | null {
  if (!c.greenChannel) return refuse('notGreenChannel');
  if (c.step === 'closed' || c.step === 'withdrawn') return refuse('caseClosed');
  if (!(GREEN_CHANNEL_ASSISTANCE_ROLES as readonly WorkflowRole[]).includes(role))
    return refuse('roleNotAllowed', { step: IDENTIFICATION_STEP_ZH[c.step], role });
  return null;
}

/**
 * Whether `role` ever acts on identification cases: it acts in some step (under either notice
 * level), withdraws or records assistance. Any event from another role is 403 FORBIDDEN (leaders,
 * helping cadres and departments read or do not see cases); from an acting role in the wrong step,
 * the procedure's 422 with its reason.
 */
export function actsOnIdentificationCases(role: WorkflowRole): boolean {
  if (role === 'system') return false;
  const inSomeStep = (['village', 'township'] as const).some((noticeLevel) =>
    IDENTIFICATION_STEPS.some((step) => identificationRolesFor(step, { noticeLevel }).includes(role)),
  );
  return (
    inSomeStep ||
    (IDENTIFICATION_WITHDRAW_ROLES as readonly WorkflowRole[]).includes(role) ||
    (GREEN_CHANNEL_ASSISTANCE_ROLES as readonly WorkflowRole[]).includes(role)
  );
}

/**
 * The event types `actor` may send now (the action panel offers exactly these): the current
 * step's events for a role acting in it, giving the case its household first when it has none,
 * withdrawal for the county, and green-channel assistance.
 */
export function allowedEventsFor(
  state: Pick<IdentificationState, 'step' | 'stepEnteredOn'>,
  c: { readonly hasHousehold: boolean; readonly greenChannel: boolean },
  actor: WorkflowActor,
  ruleSet: Pick<RuleSet, 'noticeLevel'>,
): CaseEventType[] {
  const step = state.step;
  const mayAct = identificationRolesFor(step, ruleSet).includes(actor.role);
  const events: CaseEventType[] = mayAct ? [...IDENTIFICATION_STEP_EVENTS[step]] : [];
  // A case without a household gets one first (the home check and what follows need its members).
  if (!checkHouseholdLink(state, c.hasHousehold, actor, ruleSet)) events.unshift('linkHousehold');
  if (mayWithdrawIdentification(step, actor.role)) events.push('withdraw');
  if (!checkAssistance({ step, greenChannel: c.greenChannel }, actor.role)) events.push('recordAssistance');
  return events;
}

/** The decision recorded with the case. */
export type IdentificationDecision =
  | { readonly kind: 'screenedOut'; readonly reason: string; readonly on: IsoDate }
  | { readonly kind: 'notRecommended'; readonly reason: string; readonly on: IsoDate }
  | {
      readonly kind: 'approved';
      readonly on: IsoDate;
      readonly category: MonitoringCategory | null;
      readonly riskTypes: readonly RiskTypeCode[];
      readonly ruleSetVersion: string;
    }
  | { readonly kind: 'rejected'; readonly reason: string; readonly on: IsoDate; readonly ruleSetVersion: string };

/** The state of one identification case. */
export interface IdentificationState {
  readonly kind: 'identification';
  readonly step: IdentificationStep;
  /** The day the clue was found: the whole-procedure limit counts from here. */
  readonly clueDate: IsoDate;
  readonly stepEnteredOn: IsoDate;
  readonly consentSigned: boolean;
  readonly noticeStartedOn: IsoDate | null;
  readonly objections: number;
  /** Whether assistance may start before approval (绿色通道: disasters and accidents). */
  readonly isGreenChannel: boolean;
  readonly decision: IdentificationDecision | null;
}

/**
 * Members of the household the case is about, as the steps that work on it need to know: `null`
 * while no household is linked (a self-application, a call about a family not yet in the
 * registry), else how many members it has.
 */
export type CaseHouseholdMembers = number | null;

/** Events that move an identification case. */
export type IdentificationEvent =
  | { readonly type: 'startVerification' }
  | { readonly type: 'recordVerification'; readonly consentSigned: boolean; readonly memberCount: CaseHouseholdMembers }
  | { readonly type: 'screenOut'; readonly reason: string }
  | { readonly type: 'recordPropertyCheck'; readonly memberCount: CaseHouseholdMembers }
  | { readonly type: 'recordAssessment'; readonly memberCount: CaseHouseholdMembers }
  /** The assessment shows the household out of scope: the county rejects without deliberation (小黄). */
  | { readonly type: 'rejectAfterAssessment'; readonly reason: string; readonly memberCount: CaseHouseholdMembers }
  | shared.DeliberationEvent
  | {
      readonly type: 'countyDecide';
      readonly decision: 'approved' | 'rejected';
      readonly category?: MonitoringCategory | null | undefined;
      readonly riskTypes?: readonly RiskTypeCode[] | undefined;
      readonly reason?: string | undefined;
    }
  | { readonly type: 'recordCallback' }
  | shared.ReviewEvent;

/** Start a case when a clue is registered (the clue date starts the 15-day clock). */
export function startIdentification(
  clueDate: IsoDate,
  options: { readonly isGreenChannel?: boolean } = {},
): IdentificationState {
  return {
    kind: 'identification',
    step: 'clueRegistered',
    clueDate,
    stepEnteredOn: clueDate,
    consentSigned: false,
    noticeStartedOn: null,
    objections: 0,
    isGreenChannel: options.isGreenChannel ?? false,
    decision: null,
  };
}

/** The step an event leads to from `step`, or null when the event does not apply there. */
function targetOf(step: IdentificationStep, event: IdentificationEvent): IdentificationStep | null {
  switch (event.type) {
    case 'startVerification':
      return step === 'clueRegistered' ? 'homeVerification' : null;
    case 'recordVerification':
      return step === 'homeVerification' ? 'propertyCheck' : null;
    case 'screenOut':
      return step === 'homeVerification' ? 'callback' : null;
    case 'recordPropertyCheck':
      return step === 'propertyCheck' ? 'systemAssessment' : null;
    case 'recordAssessment':
      return step === 'systemAssessment' ? 'villageDeliberation' : null;
    case 'rejectAfterAssessment':
      return step === 'systemAssessment' ? 'callback' : null;
    case 'recordDeliberation':
      return step === 'villageDeliberation' ? (event.result === 'recommend' ? 'publicNotice' : 'callback') : null;
    case 'countyDecide':
      return step === 'countyApproval' ? 'callback' : null;
    case 'recordCallback':
      return step === 'callback' ? 'closed' : null;
    default:
      return shared.targetOf(step, event);
  }
}

/** The steps that work on the household's members (入户核实 / 财产检索 / 系统评估). */
type HouseholdWork = 'recordVerification' | 'recordPropertyCheck' | 'recordAssessment' | 'rejectAfterAssessment';

/**
 * The home check, the property check and the assessment work on a household's members: a case
 * without a household (or with an empty one) is refused with the reason, instead of "no property
 * found" for a search of nobody or an assessment of a household of 0 persons (issue 11 item 2).
 * A case gets its household by linking a registry household or registering a new one.
 */
export function checkCaseHousehold(
  eventType: HouseholdWork,
  memberCount: CaseHouseholdMembers,
): WorkflowRefusal | null {
  if (memberCount === null) return refuse('householdMissing', { event: eventType });
  if (memberCount <= 0) return refuse('householdEmpty', { event: eventType });
  return null;
}

/** Steps in which a case may still get its household: before the home check is recorded. */
export const HOUSEHOLD_LINK_STEPS: readonly IdentificationStep[] = ['clueRegistered', 'homeVerification'];

/**
 * Whether `actor` may give the case its household now (link a registry household or register a
 * new one): only while the case has none, before the home check is recorded, and by a role that
 * acts in the current step (those who dispatch or carry out the home check), dated (`today`, the
 * step's date) not before the step began. Returns the refusal, or null when allowed. Issue 11 item 2.
 */
export function checkHouseholdLink(
  state: Pick<IdentificationState, 'step' | 'stepEnteredOn'>,
  hasHousehold: boolean,
  actor: WorkflowActor,
  ruleSet: Pick<RuleSet, 'noticeLevel'>,
  today?: IsoDate,
): WorkflowRefusal | null {
  if (hasHousehold) return refuse('householdAlreadyLinked');
  if (!HOUSEHOLD_LINK_STEPS.includes(state.step))
    return refuse('transitionNotAllowed', { step: IDENTIFICATION_STEP_ZH[state.step], event: 'linkHousehold' });
  if (!(identificationRolesFor(state.step, ruleSet) as readonly string[]).includes(actor.role))
    return refuse('roleNotAllowed', { step: IDENTIFICATION_STEP_ZH[state.step], role: actor.role });
  if (today !== undefined && today < state.stepEnteredOn)
    return refuse('dateBeforeStep', { date: today, stepEnteredOn: state.stepEnteredOn });
  return null;
}

/** The roles that may act in a step, with the notice step narrowed by the rule set's notice level. */
export function identificationRolesFor(
  step: IdentificationStep,
  ruleSet: Pick<RuleSet, 'noticeLevel'>,
): readonly WorkflowRole[] {
  return rolesForStep(step, IDENTIFICATION_ROLES, ruleSet);
}

/**
 * Apply an event (docs/STYLE.md rule 2): checks the transition table, the actor's role for the current
 * step (for a withdrawal: {@link IDENTIFICATION_WITHDRAW_ROLES}), dates, and the step's own conditions
 * (a household with members for the home check, the property check and the assessment; signed
 * consent, minutes, notice period ≥ noticeDays,
 * risk types and category on approval, a reason on rejection). Returns the new state or a WorkflowRefusal.
 */
export function nextIdentificationState(
  state: IdentificationState,
  event: IdentificationEvent,
  actor: WorkflowActor,
  today: IsoDate,
  ruleSet: RuleSet,
): Transition<IdentificationState> {
  const move = shared.startMove({ transitions: IDENTIFICATION_TRANSITIONS, stepZh: IDENTIFICATION_STEP_ZH }, state, {
    target: targetOf(state.step, event),
    eventType: event.type,
    roles: event.type === 'withdraw' ? IDENTIFICATION_WITHDRAW_ROLES : identificationRolesFor(state.step, ruleSet),
    actor,
    today,
  });
  if (!move.ok) return move;
  const moved = move.moved;
  if ('memberCount' in event) {
    const noHousehold = checkCaseHousehold(event.type, event.memberCount);
    if (noHousehold) return noHousehold;
  }
  switch (event.type) {
    case 'recordVerification':
      if (!event.consentSigned) return refuse('consentMissing');
      return { ok: true, state: { ...moved, consentSigned: true } };
    case 'screenOut':
      return (
        shared.requireReason(event.reason) ?? {
          ok: true,
          state: { ...moved, decision: { kind: 'screenedOut', reason: event.reason, on: today } },
        }
      );
    case 'recordDeliberation': {
      const problem = checkDeliberation(event);
      if (problem) return problem;
      if (event.result === 'notRecommend')
        return {
          ok: true,
          state: { ...moved, decision: { kind: 'notRecommended', reason: event.reason ?? '', on: today } },
        };
      return { ok: true, state: { ...moved, noticeStartedOn: today } };
    }
    case 'rejectAfterAssessment':
      return rejected(moved, event.reason, today, ruleSet);
    case 'countyDecide': {
      if (event.decision === 'rejected') return rejected(moved, event.reason, today, ruleSet);
      const riskTypes = event.riskTypes ?? [];
      if (riskTypes.length === 0) return refuse('riskTypesRequired');
      if (riskTypes.length > MAX_RISK_TYPES_PER_HOUSEHOLD)
        return refuse('tooManyRiskTypes', { max: MAX_RISK_TYPES_PER_HOUSEHOLD });
      const category = event.category ?? null;
      if (category === null && ruleSet.policyEra === '2021-2025')
        return refuse('categoryRequired');
      return {
        ok: true,
        state: {
          ...moved,
          decision: { kind: 'approved', on: today, category, riskTypes, ruleSetVersion: ruleSet.version },
        },
      };
    }
    case 'startVerification':
    case 'recordPropertyCheck':
    case 'recordAssessment':
    case 'recordCallback':
      return { ok: true, state: moved };
    default:
      return shared.applyEvent(state, moved, event, today, ruleSet);
  }
}

/** A rejection (after the assessment or by the county): its reason, day and rule-set version are the decision. */
function rejected(
  moved: IdentificationState,
  reason: string | undefined,
  today: IsoDate,
  ruleSet: RuleSet,
): Transition<IdentificationState> {
  if (!reason?.trim()) return refuse('reasonRequired');
  return { ok: true, state: { ...moved, decision: { kind: 'rejected', reason, on: today, ruleSetVersion: ruleSet.version } } };
}

/**
 * The deadline of the current step, or null when the step has no limit of its own: home check
 * and property check from `ruleSet.stepLimits`, the notice's earliest end, other steps' optional
 * limits (docs/DOMAIN.md "Steps and limits", column "default limit").
 */
export function identificationStepDeadline(
  state: IdentificationState,
  ruleSet: RuleSet,
  calendar: WorkingCalendar,
): IsoDate | null {
  return shared.stepDeadline(state, ruleSet, calendar);
}

/**
 * The whole-procedure deadline: clue date + the rule set's identification limit (15 calendar days
 * by default, or N working days) (docs/DOMAIN.md "Steps and limits": at most 15 days from the clue).
 */
export function identificationDeadline(
  state: Pick<IdentificationState, 'clueDate'>,
  ruleSet: RuleSet,
  calendar: WorkingCalendar,
): IsoDate {
  return addDayLimit(calendar, state.clueDate, ruleSet.identificationLimit);
}

/** A case is "due soon" when its procedure or current step ends within this many days (to-do lists, both server and UI). */
export const DUE_SOON_DAYS = 3;

/** True when an open case is past its whole-procedure deadline on `today`. */
export function isIdentificationOverdue(
  state: IdentificationState,
  ruleSet: RuleSet,
  calendar: WorkingCalendar,
  today: IsoDate,
): boolean {
  if (state.step === 'callback' || state.step === 'closed' || state.step === 'withdrawn') return false;
  return today > identificationDeadline(state, ruleSet, calendar);
}

/**
 * The date by which the helping cadre, first secretary and work team must be assigned: approval
 * date + `cadreAssignmentWorkingDays` working days on the official calendar (docs/DOMAIN.md "Helpers after approval";
 * the founding story's "五个工作日内" [S27]). Throws CalendarYearUnavailableError for a year without calendar data.
 */
export function cadreAssignmentDeadline(approvedOn: IsoDate, ruleSet: RuleSet, calendar: WorkingCalendar): IsoDate {
  return addWorkingDays(calendar, approvedOn, ruleSet.cadreAssignmentWorkingDays);
}
