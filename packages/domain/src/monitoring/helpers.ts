/**
 * Helping cadres (帮扶责任人) of a monitoring object (docs/DOMAIN.md "Identification procedure": after
 * approval, helping cadre, first secretary and work team assigned within 5 working days, counted on
 * the official calendar with make-up working days; issue 13, item 2).
 */
import type { IsoDate } from '../calendar/dates.ts';
import { addWorkingDays, type WorkingCalendar } from '../calendar/working-days.ts';
import type { RuleSet } from '../rulesets/rule-set.schema.ts';

/**
 * Kinds of helper: `cadre` a helping-cadre account (帮扶干部), `person` a named person with unit and
 * phone (帮扶责任人), `firstSecretary` 驻村第一书记, `workTeam` 驻村工作队.
 */
export const HELPER_KINDS = ['cadre', 'person', 'firstSecretary', 'workTeam'] as const;
/** One kind of helper. */
export type HelperKind = (typeof HELPER_KINDS)[number];

/** zh-CN names of the helper kinds. */
export const HELPER_KIND_ZH = {
  cadre: '帮扶干部',
  person: '帮扶责任人',
  firstSecretary: '驻村第一书记',
  workTeam: '驻村工作队',
} as const satisfies Record<HelperKind, string>;

/** Kinds that count as "a helper is assigned" (the first secretary and work team are the village's, not the household's). */
export function countsAsHouseholdHelper(kind: HelperKind): boolean {
  return kind === 'cadre' || kind === 'person';
}

/**
 * The day helpers must be assigned by: `cadreAssignmentWorkingDays` working days after the approval
 * date on the official calendar (default 5; 2026-09-30 → 2026-10-13 across National Day and its
 * make-up Saturday). Throws CalendarYearUnavailableError for a year without holiday data.
 */
export function helperAssignmentDueOn(
  approvedOn: IsoDate,
  ruleSet: Pick<RuleSet, 'cadreAssignmentWorkingDays'>,
  calendar: WorkingCalendar,
): IsoDate {
  return addWorkingDays(calendar, approvedOn, ruleSet.cadreAssignmentWorkingDays);
}

/**
 * Whether helper assignment is overdue today: no household helper assigned and the due day has
 * passed (the due day itself is still in time).
 */
export function isHelperAssignmentOverdue(dueOn: IsoDate | null, hasHelper: boolean, today: IsoDate): boolean {
  return !hasHelper && dueOn !== null && today > dueOn;
}
