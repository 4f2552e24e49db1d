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

/**
 * Whether a recorded outcome may be corrected (更正核实结果; the role is checked by the action
 * `warning.correct`). Only a verified warning, to a different outcome, with a reason. When the outcome
 * opened an identification case (a confirmed risk), only while that case is still at its first step
 * (线索登记): nobody has been sent to the household yet, so withdrawing the case loses no work;
 * once the home verification is dispatched the procedure itself decides (screen out or withdraw).
 * `caseStep` is the step of the case the warning opened, or null when it opened none.
 */
export function checkWarningCorrection(input: {
  readonly status: WarningStatus;
  readonly to: WarningCorrection;
  readonly reason: string;
  readonly caseStep: IdentificationStep | null;
}): { readonly ok: true } | WarningCorrectionRefusal {
  if (!isWarningOutcome(input.status)) return refuseCorrection('notVerified');
  if (input.to === input.status) return refuseCorrection('sameOutcome');
  if (input.reason.trim() === '') return refuseCorrection('reasonRequired');
  if (input.caseStep !== null && input.caseStep !== 'clueRegistered' && input.caseStep !== 'withdrawn') return refuseCorrection('caseMoved');
  return { ok: true };
}

/**
 * The status a corrected warning returns to when it is reopened: where it stood before it was
 * verified — dispatched to its village if it had been, otherwise new.
 */
export function reopenedWarningStatus(wasDispatched: boolean): 'new' | 'dispatched' {
  return wasDispatched ? 'dispatched' : 'new';
}
