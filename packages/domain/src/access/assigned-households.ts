/**
 * Who works on the households assigned to them (帮扶责任人) rather than on a territory: a helping
 * cadre's monitoring list, household files, measures and visits are those households only. The
 * web names their menu entry 我的帮扶户 instead of 监测对象 from this rule, not from a role name.
 */
import type { Role } from './roles.ts';

const ASSIGNED_HOUSEHOLD_ROLES: readonly Role[] = ['helping-cadre'];

/** Whether users of `role` see and act on only the households assigned to them. */
export function worksOnAssignedHouseholds(role: Role): boolean {
  return ASSIGNED_HOUSEHOLD_ROLES.includes(role);
}
