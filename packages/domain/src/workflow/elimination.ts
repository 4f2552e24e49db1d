/**
 * Risk-elimination workflow (风险消除): same procedure as identification, with the elimination
 * conditions checked when it is proposed and again at the county decision; rollback (回退) after
 * elimination (docs/DOMAIN.md "Risk elimination" [S19][S65][S66][S67][S68][S60]).
 */
import { type IsoDate, wholeMonthsBetween } from '../calendar/dates.ts';
import type { WorkingCalendar } from '../calendar/working-days.ts';
import type { RuleSet } from '../rulesets/rule-set.schema.ts';
import {
  checkDeliberation,
  refuse,
  rolesForStep,
  type Transition,
  type WorkflowActor,
  type WorkflowRole,
} from './common.ts';
import * as shared from './shared-steps.ts';

/** Steps of elimination; `rejected`, `withdrawn` and `rolledBack` are final, `eliminated` may roll back. */
export const ELIMINATION_STEPS = [
  'proposed',
  'homeVerification',
  'villageDeliberation',
  'publicNotice',
  'townshipReview',
  'countyApproval',
  'eliminated',
  'rejected',
  'withdrawn',
  'rolledBack',
] as const;
/** One elimination step. */
export type EliminationStep = (typeof ELIMINATION_STEPS)[number];

/** zh-CN names of the steps. */
export const ELIMINATION_STEP_ZH = {
  proposed: '提出风险消除',
  homeVerification: '入户核实',
  ...shared.STEP_ZH,
  eliminated: '风险已消除',
  rejected: '不予消除',
  withdrawn: '已撤回',
  rolledBack: '已回退',
} as const satisfies Record<EliminationStep, string>;

/** Allowed moves (docs/DOMAIN.md "Procedure": mirror of identification; "Rollback and re-entry" [S60]). */
export const ELIMINATION_TRANSITIONS = {
  proposed: ['homeVerification', 'withdrawn'],
  homeVerification: ['villageDeliberation', 'withdrawn'],
  villageDeliberation: ['publicNotice', 'rejected'],
  ...shared.TRANSITIONS,
  countyApproval: ['eliminated', 'rejected'],
  eliminated: ['rolledBack'],
  rejected: [],
  withdrawn: [],
  rolledBack: [],
} as const satisfies Record<EliminationStep, readonly EliminationStep[]>;

/** Who may act in each step. */
export const ELIMINATION_ROLES = {
  proposed: ['village-cadre', 'helping-cadre', 'township-officer', 'county-monitor'],
  homeVerification: ['village-cadre', 'township-officer'],
  ...shared.ROLES,
  eliminated: ['county-monitor', 'county-admin'],
  rejected: [],
  withdrawn: [],
  rolledBack: [],
} as const satisfies Record<EliminationStep, readonly WorkflowRole[]>;

/** Elimination mode: `assisted` 帮扶消除 or `natural` 自然消除. */
export type EliminationMode = 'assisted' | 'natural';

/** Facts the elimination conditions read, as of the day of the move. */
export interface EliminationFacts {
  readonly mode: EliminationMode;
  /** Identification date (start of monitoring). */
  readonly identifiedOn: IsoDate;
  readonly measuresDelivered: number;
  readonly isWholeHouseholdWithoutLabour: boolean;
  readonly perCapitaNetIncome: number;
  /** 三保障 and drinking water secured. */
  readonly areBasicNeedsSecured: boolean;
  /** The identified risks are gone (stably eliminated or disappeared). */
  readonly isRiskGone: boolean;
}

/** The state of one elimination case. */
export interface EliminationState {
  readonly kind: 'elimination';
  readonly step: EliminationStep;
  readonly mode: EliminationMode;
  readonly proposedOn: IsoDate;
  readonly stepEnteredOn: IsoDate;
  readonly noticeStartedOn: IsoDate | null;
  readonly objections: number;
  readonly eliminatedOn: IsoDate | null;
  readonly ruleSetVersion: string | null;
  readonly rollbackReason: string | null;
}

/** Events that move an elimination case. */
export type EliminationEvent =
  | { readonly type: 'startVerification' }
  | { readonly type: 'recordVerification' }
  | shared.DeliberationEvent
  | {
      readonly type: 'countyDecide';
      readonly decision: 'eliminate' | 'reject';
      readonly facts?: EliminationFacts | undefined;
      readonly reason?: string | undefined;
    }
  | { readonly type: 'rollBack'; readonly reason: string }
  | shared.ReviewEvent;

/**
 * One thing that stands against eliminating the risk, as a code with what its text is filled with
 * (the web writes the sentence in the reader's language; contracts/monitoring.ts).
 * - `incomeNotAboveLine`: per-capita net income `perCapita` is not above the year's line `line`;
 * - `basicNeedsNotSecured`: 两不愁三保障 or drinking water not secured;
 * - `riskNotGone`: the identified risks are not gone (the server names each: `riskMeasureNotDelivered`,
 *   `riskNotResolved` with `riskType`);
 * - `noLabour`: 整户无劳动能力 — stays monitored under the safety net;
 * - `monitoredTooShort`: monitored `months` whole months, fewer than `minMonths`;
 * - `tooFewMeasures`: fewer than `minMeasures` measures delivered.
 */
export type EliminationBlocker =
  | { readonly code: 'incomeNotAboveLine'; readonly perCapita: number; readonly line: number }
  | { readonly code: 'basicNeedsNotSecured' }
  | { readonly code: 'riskNotGone' }
  | { readonly code: 'riskMeasureNotDelivered'; readonly riskType: string; readonly undelivered?: readonly string[] }
  | { readonly code: 'riskNotResolved'; readonly riskType: string }
  | { readonly code: 'noLabour' }
  | { readonly code: 'monitoredTooShort'; readonly months: number; readonly minMonths: number }
  | { readonly code: 'tooFewMeasures'; readonly minMeasures: number };

/** The blocker codes, for the contract and the catalogs. */
export const ELIMINATION_BLOCKER_CODES = [
  'incomeNotAboveLine',
  'basicNeedsNotSecured',
  'riskNotGone',
  'riskMeasureNotDelivered',
  'riskNotResolved',
  'noLabour',
  'monitoredTooShort',
  'tooFewMeasures',
] as const satisfies readonly EliminationBlocker['code'][];

/**
 * Everything that stands against eliminating the risk today (empty = allowed): income not above
 * the current line; 三保障/water not secured; risk not gone; whole household without labour (stays
 * monitored under the safety net); for `assisted`: monitored fewer than `eliminationMinMonths`
 * months or fewer than `eliminationMinMeasures` measures (docs/DOMAIN.md "Risk elimination";
 * [S19][S66][S67][S68]).
 */
export function eliminationBlockers(facts: EliminationFacts, ruleSet: RuleSet, today: IsoDate): EliminationBlocker[] {
  const blockers: EliminationBlocker[] = [];
  const line = ruleSet.monitoringLine.yuanPerPersonYear;
  if (!(facts.perCapitaNetIncome > line)) blockers.push({ code: 'incomeNotAboveLine', perCapita: facts.perCapitaNetIncome, line });
  if (!facts.areBasicNeedsSecured) blockers.push({ code: 'basicNeedsNotSecured' });
  if (!facts.isRiskGone) blockers.push({ code: 'riskNotGone' });
  if (facts.isWholeHouseholdWithoutLabour) blockers.push({ code: 'noLabour' });
  if (facts.mode === 'assisted') {
    const months = wholeMonthsBetween(facts.identifiedOn, today);
    if (months < ruleSet.eliminationMinMonths) blockers.push({ code: 'monitoredTooShort', months, minMonths: ruleSet.eliminationMinMonths });
    if (facts.measuresDelivered < ruleSet.eliminationMinMeasures) blockers.push({ code: 'tooFewMeasures', minMeasures: ruleSet.eliminationMinMeasures });
  }
  return blockers;
}

/** Propose elimination: refused with every blocker when the conditions are not met. */
export function proposeElimination(
  facts: EliminationFacts,
  actor: WorkflowActor,
  today: IsoDate,
  ruleSet: RuleSet,
): Transition<EliminationState> {
  const roles: readonly WorkflowRole[] = ELIMINATION_ROLES.proposed;
  if (!roles.includes(actor.role)) return refuse('roleNotAllowed', { role: actor.role });
  const blockers = eliminationBlockers(facts, ruleSet, today);
  if (blockers.length > 0) return refuse('eliminationNotAllowed', { count: blockers.length }, blockers);
  return {
    ok: true,
    state: {
      kind: 'elimination',
      step: 'proposed',
      mode: facts.mode,
      proposedOn: today,
      stepEnteredOn: today,
      noticeStartedOn: null,
      objections: 0,
      eliminatedOn: null,
      ruleSetVersion: null,
      rollbackReason: null,
    },
  };
}

function targetOf(step: EliminationStep, event: EliminationEvent): EliminationStep | null {
  switch (event.type) {
    case 'startVerification':
      return step === 'proposed' ? 'homeVerification' : null;
    case 'recordVerification':
      return step === 'homeVerification' ? 'villageDeliberation' : null;
    case 'recordDeliberation':
      return step === 'villageDeliberation' ? (event.result === 'recommend' ? 'publicNotice' : 'rejected') : null;
    case 'countyDecide':
      return step === 'countyApproval' ? (event.decision === 'eliminate' ? 'eliminated' : 'rejected') : null;
    case 'rollBack':
      return step === 'eliminated' ? 'rolledBack' : null;
    default:
      return shared.targetOf(step, event);
  }
}

/** Roles for a step, the notice narrowed by the rule set's notice level. */
export function eliminationRolesFor(
  step: EliminationStep,
  ruleSet: Pick<RuleSet, 'noticeLevel'>,
): readonly WorkflowRole[] {
  return rolesForStep(step, ELIMINATION_ROLES, ruleSet);
}

/**
 * Apply an event to an elimination case (docs/STYLE.md rule 2). The county decision to eliminate
 * re-checks {@link eliminationBlockers} with the facts of that day; the decision stores the
 * rule-set version (docs/STYLE.md rule 7). Returns the new state or a WorkflowRefusal.
 */
export function nextEliminationState(
  state: EliminationState,
  event: EliminationEvent,
  actor: WorkflowActor,
  today: IsoDate,
  ruleSet: RuleSet,
): Transition<EliminationState> {
  const move = shared.startMove({ transitions: ELIMINATION_TRANSITIONS, stepZh: ELIMINATION_STEP_ZH }, state, {
    target: targetOf(state.step, event),
    eventType: event.type,
    roles: eliminationRolesFor(state.step, ruleSet),
    actor,
    today,
  });
  if (!move.ok) return move;
  const moved = move.moved;
  switch (event.type) {
    case 'recordDeliberation':
      return (
        checkDeliberation(event) ?? {
          ok: true,
          state: event.result === 'recommend' ? { ...moved, noticeStartedOn: today } : moved,
        }
      );
    case 'rollBack':
      return shared.requireReason(event.reason) ?? { ok: true, state: { ...moved, rollbackReason: event.reason } };
    case 'countyDecide': {
      if (event.decision === 'reject')
        return shared.requireReason(event.reason) ?? { ok: true, state: { ...moved, ruleSetVersion: ruleSet.version } };
      if (!event.facts) return refuse('eliminationNotAllowed');
      const blockers = eliminationBlockers(event.facts, ruleSet, today);
      if (blockers.length > 0) return refuse('eliminationNotAllowed', { count: blockers.length }, blockers);
      return { ok: true, state: { ...moved, eliminatedOn: today, ruleSetVersion: ruleSet.version } };
    }
    case 'startVerification':
    case 'recordVerification':
      return { ok: true, state: moved };
    default:
      return shared.applyEvent(state, moved, event, today, ruleSet);
  }
}

/** The deadline of the current elimination step (home check from the rule set, notice end), or null. */
export function eliminationStepDeadline(
  state: EliminationState,
  ruleSet: RuleSet,
  calendar: WorkingCalendar,
): IsoDate | null {
  return shared.stepDeadline(state, ruleSet, calendar);
}
