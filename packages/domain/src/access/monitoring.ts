/**
 * Who sees which monitoring objects and who may act in a risk elimination (docs/DOMAIN.md "Roles",
 * "Risk elimination"). Pure: the server enforces these answers and the web uses the same ones to
 * show only what the user may do.
 */
import { ELIMINATION_ROLES } from '../workflow/elimination.ts';
import type { WorkflowRole } from '../workflow/common.ts';
import type { RuleSetBody } from '../rulesets/rule-set.schema.ts';
import type { Role } from './roles.ts';

/** The role of the accounts a household's helper (帮扶责任人) may be assigned from. */
export const HELPER_ACCOUNT_ROLE: Role = 'helping-cadre';

/** The two choices of the rule set's `helperReadScope`: 仅本人帮扶户 / 本辖区全部农户. */
export const HELPER_READ_SCOPES = ['assigned', 'region'] as const;
export type HelperReadScope = (typeof HELPER_READ_SCOPES)[number];

/**
 * Whether the role reads only the households assigned to it. A helping cadre does when the county's
 * rule set in force says `helperReadScope: 'assigned'` (the default: 我的帮扶户; an unassigned
 * household is not found, as one outside the region); with `'region'` they read their whole region.
 * Every other role sees its region (docs/DOMAIN.md "Roles").
 */
export function seesOnlyAssignedHouseholds(role: string | null | undefined, rules: Pick<RuleSetBody, 'helperReadScope'>): boolean {
  return role === HELPER_ACCOUNT_ROLE && rules.helperReadScope !== 'region';
}

/**
 * Whether the role acts (visits, measures, proposals) only on the households assigned to it,
 * whatever it may read: a helping cadre always does (docs/DOMAIN.md "Roles"), so with
 * `helperReadScope: 'region'` the rest of the region stays read-only for them.
 */
export function actsOnlyOnAssignedHouseholds(role: string | null | undefined): boolean {
  return role === HELPER_ACCOUNT_ROLE;
}

function actsAt(role: string | null | undefined, roles: readonly WorkflowRole[]): boolean {
  return roles.some((r) => r === role);
}

/** Who may propose a risk elimination (the village, the helping cadre, the township, the county centre). */
export function mayProposeElimination(role: string | null | undefined): boolean {
  return actsAt(role, ELIMINATION_ROLES.proposed);
}

/** Who may roll a wrong elimination back (回退): the county, which decides it. */
export function mayRollBackElimination(role: string | null | undefined): boolean {
  return actsAt(role, ELIMINATION_ROLES.eliminated);
}

/**
 * Whether the role acts anywhere in the elimination procedure. A role that never does (the leader,
 * a department) is refused with 403 on any elimination event; a role that acts, but not in this
 * step, is refused by the procedure (422).
 */
export function actsInElimination(role: string | null | undefined): boolean {
  return Object.values(ELIMINATION_ROLES).some((roles) => actsAt(role, roles));
}
