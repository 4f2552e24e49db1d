/**
 * Warnings (预警) from department data comparison as a small workflow shared by server and UI
 * (docs/DOMAIN.md "Department signals"; docs/STYLE.md rule 2): the county centre — or a township — dispatches
 * a new warning to its village, the village verifies it at home and records the outcome, and a
 * confirmed risk becomes a clue whose identification case the county runs. The county may correct a
 * recorded outcome while nothing has been done on the case it opened.
 */
import type { WorkflowRole } from './common.ts';
import type { IdentificationStep } from './identification.ts';
import { reasonTextEn } from '../contracts/problems.ts';

/** A warning's statuses, in order; the last three are the verification outcomes. */
export const WARNING_STATUSES = ['new', 'dispatched', 'riskConfirmed', 'noRisk', 'alreadyMonitored'] as const;
/** One warning status. */
export type WarningStatus = (typeof WARNING_STATUSES)[number];

/** The outcomes of a home verification: 核实有风险, 核实无风险, 已是监测对象. */
export const WARNING_OUTCOMES = ['riskConfirmed', 'noRisk', 'alreadyMonitored'] as const;
/** One verification outcome. */
export type WarningOutcome = (typeof WARNING_OUTCOMES)[number];

/** zh-CN names of the statuses. */
export const WARNING_STATUS_ZH = {
  new: '新预警',
  dispatched: '已下发核实',
  riskConfirmed: '核实有风险',
  noRisk: '核实无风险',
  alreadyMonitored: '已是监测对象',
} as const satisfies Record<WarningStatus, string>;

/** Allowed moves: new → dispatched → an outcome (the county may also verify a new warning itself). */
export const WARNING_TRANSITIONS = {
  new: ['dispatched', 'riskConfirmed', 'noRisk', 'alreadyMonitored'],
  dispatched: ['riskConfirmed', 'noRisk', 'alreadyMonitored'],
  riskConfirmed: [],
  noRisk: [],
  alreadyMonitored: [],
} as const satisfies Record<WarningStatus, readonly WarningStatus[]>;

/**
 * Who is expected to act on a warning in each status — the warnings in their to-do (待办). Who *may*
 * act is the role's actions (`warning.dispatch`, `warning.verify`): the county may verify a warning
 * itself, but a dispatched warning is the village's work, so it waits in the village's to-do only.
 */
export const WARNING_HANDLERS = {
  new: ['county-monitor', 'county-admin', 'township-officer'],
  dispatched: ['village-cadre'],
  riskConfirmed: [],
  noRisk: [],
  alreadyMonitored: [],
} as const satisfies Record<WarningStatus, readonly WorkflowRole[]>;

/** Whether a string is a warning status. */
export function isWarningStatus(value: string): value is WarningStatus {
  return (WARNING_STATUSES as readonly string[]).includes(value);
}

/** Whether a status is a verification outcome (the warning has been verified). */
export function isWarningOutcome(value: string): value is WarningOutcome {
  return (WARNING_OUTCOMES as readonly string[]).includes(value);
}

/** Whether the move from `from` to `to` is in the table. */
export function isWarningMoveAllowed(from: WarningStatus, to: WarningStatus): boolean {
  return (WARNING_TRANSITIONS[from] as readonly WarningStatus[]).includes(to);
}

/**
 * Whether recording `to` needs a note (核实情况): confirming a risk, because it opens a case and the
 * county needs to know what the village found; finding none, because the household is then left
 * alone and the reason must be on file. "Already a monitoring object" speaks for itself.
 */
/**
 * The results of a warning's verification the field app records on the phone (预警核实: 风险属实 /
 * 无风险 / 已是监测对象). Here, not in contracts/field.ts, so the phone's bundle does not carry zod.
 */
export const FIELD_WARNING_OUTCOMES = ['riskConfirmed', 'noRisk', 'alreadyMonitored'] as const;

export function warningNoteRequired(to: WarningStatus): boolean {
  return to === 'riskConfirmed' || to === 'noRisk';
}

/** The warning statuses whose warnings wait in `role`'s to-do. */
export function warningStatusesHandledBy(role: WorkflowRole): WarningStatus[] {
  return WARNING_STATUSES.filter((status) => (WARNING_HANDLERS[status] as readonly WorkflowRole[]).includes(role));
}

/** What a correction sets: another outcome, or `reopen` (back to where it was before it was verified). */
export type WarningCorrection = WarningOutcome | 'reopen';

/** Why a correction is refused. */
export type WarningCorrectionRefusal = {
  readonly ok: false;
  readonly reason: 'notVerified' | 'sameOutcome' | 'reasonRequired' | 'caseMoved';
  /** English, for logs and API users; people read the app's text for `reason`. */
  readonly message: string;
};

function refuseCorrection(reason: WarningCorrectionRefusal['reason']): WarningCorrectionRefusal {
  return { ok: false, reason, message: reasonTextEn(reason) };
}

/** The steps at which the county has not decided yet: a clue may still leave the case (callback and after: decided). */
const UNDECIDED_STEPS: readonly IdentificationStep[] = ['clueRegistered', 'homeVerification', 'propertyCheck', 'systemAssessment', 'villageDeliberation', 'publicNotice', 'townshipReview', 'countyApproval'];

/**
 * Whether a recorded outcome may be corrected (更正核实结果; the role is checked by the action
 * `warning.correct`). Only a verified warning, to a different outcome, with a reason.
 *
 * When the outcome's clue is in an identification case (a confirmed risk that opened or joined it),
 * `caseStep` is that case's step (null when there is none) and `caseKeepsOtherClues` says whether
 * the case has other live (not withdrawn) clues (docs/DOMAIN.md "One household, one case"):
 * - the warning's clue is the case's only live clue: the correction withdraws the whole case, so
 *   only while it is still at its first step (线索登记): nobody has been sent to the household yet,
 *   so withdrawing loses no work; once the home verification is dispatched the procedure itself
 *   decides (screen out or withdraw);
 * - the case stands on other clues too (a cadre's visit, a call): the correction withdraws only
 *   the warning's clue and the case goes on, so at any step before the county's decision. No work
 *   is lost or undone — the home check, the deliberation, the notice were done for the household,
 *   which the other clues still name — and the procedure keeps its step and its 15-day clock; the
 *   assessment merely stops counting the warning as a department signal. Once the county has
 *   decided (callback, closed) the decision rested on every clue: refused (`caseMoved`).
 */
export function checkWarningCorrection(input: {
  readonly status: WarningStatus;
  readonly to: WarningCorrection;
  readonly reason: string;
  readonly caseStep: IdentificationStep | null;
  readonly caseKeepsOtherClues?: boolean;
}): { readonly ok: true } | WarningCorrectionRefusal {
  if (!isWarningOutcome(input.status)) return refuseCorrection('notVerified');
  if (input.to === input.status) return refuseCorrection('sameOutcome');
  if (input.reason.trim() === '') return refuseCorrection('reasonRequired');
  if (input.caseStep === null || input.caseStep === 'withdrawn') return { ok: true };
  if (input.caseKeepsOtherClues === true) return UNDECIDED_STEPS.includes(input.caseStep) ? { ok: true } : refuseCorrection('caseMoved');
  if (input.caseStep !== 'clueRegistered') return refuseCorrection('caseMoved');
  return { ok: true };
}

/**
 * The status a corrected warning returns to when it is reopened: where it stood before it was
 * verified — dispatched to its village if it had been, otherwise new.
 */
export function reopenedWarningStatus(wasDispatched: boolean): 'new' | 'dispatched' {
  return wasDispatched ? 'dispatched' : 'new';
}
