/**
 * Shared pieces of the workflow tables (STYLE.md rule 2: "A workflow is a transition table the
 * compiler checks … `nextState(current, event, actor, today)` returns either the new state or a
 * `Refusal` with a reason code").
 */
import { addCalendarDays, type IsoDate } from '../calendar/dates.ts';
import { addWorkingDays, type WorkingCalendar } from '../calendar/working-days.ts';
import type { DayLimit } from '../rulesets/rule-set.schema.ts';

/**
 * Roles that act in the workflows (DOMAIN.md "Roles"), plus `system` for the platform's own step.
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

/** Why a move was refused; the UI shows the zh-CN text for the code (STYLE.md rule 8). */
export type RefusalReason =
  | 'transitionNotAllowed'
  | 'roleNotAllowed'
  | 'dateBeforeStep'
  | 'consentMissing'
  | 'minutesMissing'
  | 'noticePeriodNotOver'
  | 'reasonRequired'
  | 'riskTypesRequired'
  | 'categoryRequired'
  | 'tooManyRiskTypes'
  | 'eliminationNotAllowed';

/** A refused move: nothing changes (STYLE.md rule 2 "Refusal"; named apart from access/ `Refusal`). */
export interface WorkflowRefusal {
  readonly ok: false;
  readonly reason: RefusalReason;
  readonly message: string;
  /** For `eliminationNotAllowed`: every blocker found. */
  readonly details?: readonly string[] | undefined;
}

/** An accepted move: the new state. */
export interface Accepted<S> {
  readonly ok: true;
  readonly state: S;
}

/** What `nextState` returns. */
export type Transition<S> = Accepted<S> | WorkflowRefusal;

/** Build a refusal. */
export function refuse(reason: RefusalReason, message: string, details?: readonly string[]): WorkflowRefusal {
  return details ? { ok: false, reason, message, details } : { ok: false, reason, message };
}

/**
 * The date a day limit ends, counted from `from`: calendar days, or working days on the official
 * calendar with 调休 (DOMAIN.md Identification procedure: "15 days … or 20 working days").
 * Throws `CalendarYearUnavailableError` for working days in a year without calendar data.
 */
export function addDayLimit(calendar: WorkingCalendar, from: IsoDate, limit: DayLimit): IsoDate {
  return limit.unit === 'working' ? addWorkingDays(calendar, from, limit.days) : addCalendarDays(from, limit.days);
}
