/**
 * Shared pieces of the workflow tables (docs/STYLE.md rule 2: "A workflow is a transition table the
 * compiler checks … `nextState(current, event, actor, today, ruleSet)` returns the new state or a
 * `WorkflowRefusal` with a reason code").
 */
import { addCalendarDays, type IsoDate } from '../calendar/dates.ts';
import { addWorkingDays, type WorkingCalendar } from '../calendar/working-days.ts';
import type { DayLimit } from '../rulesets/rule-set.schema.ts';
import { reasonTextEn, type ProblemParams } from '../contracts/problems.ts';
import type { EliminationBlocker } from './elimination.ts';

/**
 * Roles that act in the workflows (docs/DOMAIN.md "Roles"), plus `system` for the platform's own step.
 * The strings are those of access/roles.ts `Role` (declared again here, not imported, so the
 * tables stay independent of access/); every `Role` is assignable to `WorkflowRole`.
 */
export type WorkflowRole =
  | 'county-admin'
  | 'county-monitor'
  | 'township-officer'
  | 'village-cadre'
  | 'helping-cadre'
  | 'department'
  | 'leader'
  | 'system';

/** Who is acting. The server maps its session actor to this. */
export interface WorkflowActor {
  readonly id: string;
  readonly role: WorkflowRole;
}

/** Why a move was refused; the UI shows the zh-CN text for the code (docs/STYLE.md rule 8). */
export type RefusalReason =
  | 'transitionNotAllowed'
  | 'roleNotAllowed'
  | 'dateBeforeStep'
  | 'consentMissing'
  /** The case has no household yet (a self-application, a call about a family not in the registry). */
  | 'householdMissing'
  /** The case's household has no members: nobody to verify, search or divide the income by. */
  | 'householdEmpty'
  /** The case already has its household (a second one cannot be linked). */
  | 'householdAlreadyLinked'
  | 'minutesMissing'
  | 'noticePeriodNotOver'
  | 'reasonRequired'
  | 'riskTypesRequired'
  | 'categoryRequired'
  | 'tooManyRiskTypes'
  /** Assistance before approval on a case that does not take the green channel. */
  | 'notGreenChannel'
  /** The case is closed or withdrawn. */
  | 'caseClosed'
  | 'eliminationNotAllowed';

/** A refused move: nothing changes (docs/STYLE.md rule 2: a refusal, not a throw; named apart from access/ `Refusal`). */
export interface WorkflowRefusal {
  readonly ok: false;
  readonly reason: RefusalReason;
  /** English, for logs and API users; people read the app's text for `reason` and `params`. */
  readonly message: string;
  readonly params?: ProblemParams | undefined;
  /** For `eliminationNotAllowed`: every blocker found, as codes with their figures. */
  readonly details?: readonly EliminationBlocker[] | undefined;
}

/** An accepted move: the new state. */
export interface Accepted<S> {
  readonly ok: true;
  readonly state: S;
}

/** What `nextState` returns. */
export type Transition<S> = Accepted<S> | WorkflowRefusal;

/** Build a refusal: the reason, what its text is filled with, and its English text for logs (contracts/problems.ts). */
export function refuse(reason: RefusalReason, params?: ProblemParams, details?: readonly EliminationBlocker[]): WorkflowRefusal {
  const message = reasonTextEn(reason, params);
  return { ok: false, reason, message, ...(params ? { params } : {}), ...(details ? { details } : {}) };
}

/**
 * The date a day limit ends, counted from `from`: calendar days, or working days on the official
 * calendar with 调休 (docs/DOMAIN.md "Steps and limits": 15 days, or 10 days or 20 working days in some provinces).
 * Throws `CalendarYearUnavailableError` for working days in a year without calendar data.
 */
export function addDayLimit(calendar: WorkingCalendar, from: IsoDate, limit: DayLimit): IsoDate {
  return limit.unit === 'working' ? addWorkingDays(calendar, from, limit.days) : addCalendarDays(from, limit.days);
}

/** The first day a public notice may be closed: start + noticeDays (≥ 5 calendar days, [S19]). */
export function noticeEndsOn(noticeStartedOn: IsoDate, ruleSet: { readonly noticeDays: number }): IsoDate {
  return addCalendarDays(noticeStartedOn, ruleSet.noticeDays);
}

/**
 * The roles that may act in a step, the public notice narrowed by the rule set's notice level
 * (national rule: village; Leye: township). Shared by identification and elimination.
 */
export function rolesForStep<S extends string>(
  step: S,
  table: Readonly<Record<S, readonly WorkflowRole[]>>,
  ruleSet: { readonly noticeLevel: 'village' | 'township' },
): readonly WorkflowRole[] {
  if (step === 'publicNotice') return ruleSet.noticeLevel === 'township' ? ['township-officer'] : ['village-cadre'];
  return table[step];
}

/**
 * The checks every move makes before its own conditions (docs/STYLE.md rule 2): the event leads somewhere
 * from this step and the transition table allows it, the actor's role acts in this step, and the date
 * is not before the step began. Returns the refusal, or the step the move leads to.
 */
export function checkMove<S extends string>(move: {
  readonly step: S;
  readonly target: S | null;
  readonly eventType: string;
  readonly allowed: readonly S[];
  readonly roles: readonly WorkflowRole[];
  readonly actor: WorkflowActor;
  readonly today: IsoDate;
  readonly stepEnteredOn: IsoDate;
  readonly stepZh: string;
}): WorkflowRefusal | { readonly ok: true; readonly target: S } {
  if (move.target === null || !move.allowed.includes(move.target)) {
    return refuse('transitionNotAllowed', { step: move.stepZh, event: move.eventType });
  }
  if (!move.roles.includes(move.actor.role))
    return refuse('roleNotAllowed', { step: move.stepZh, role: move.actor.role });
  if (move.today < move.stepEnteredOn)
    return refuse('dateBeforeStep', { date: move.today, stepEnteredOn: move.stepEnteredOn });
  return { ok: true, target: move.target };
}

/** A village deliberation needs attendees and minutes, and a reason when it does not recommend. */
export function checkDeliberation(event: {
  readonly minutesRecorded: boolean;
  readonly attendees: number;
  readonly result: 'recommend' | 'notRecommend';
  readonly reason?: string | undefined;
}): WorkflowRefusal | null {
  if (!event.minutesRecorded || event.attendees <= 0)
    return refuse('minutesMissing');
  if (event.result === 'notRecommend' && !event.reason?.trim()) return refuse('reasonRequired');
  return null;
}

/** The notice may only be closed once it has run its full length. */
export function checkNoticeOver(
  noticeStartedOn: IsoDate,
  today: IsoDate,
  ruleSet: { readonly noticeDays: number },
): WorkflowRefusal | null {
  const ends = noticeEndsOn(noticeStartedOn, ruleSet);
  return today < ends
    ? refuse('noticePeriodNotOver', { noticeDays: ruleSet.noticeDays, endsOn: ends })
    : null;
}
