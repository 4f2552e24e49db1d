/**
 * Who must act on the deadline board's (期限看板) items that are not a step of a procedure
 * (docs/statistics.md "Deadline board"). The steps of identification and elimination are the
 * workflow's tables (`identificationRolesFor`, `eliminationRolesFor`), warnings `WARNING_HANDLERS`.
 */
import type { Role } from './roles.ts';

/** The roles expected to act, per board item that is not a procedure step. */
export const DEADLINE_ACTORS = {
  /** Helping cadres are assigned by the county centre or the township (`helper.assign`). */
  helperAssignment: ['county-monitor', 'township-officer'],
  /** The household's own helper visits it (帮扶走访). */
  helperVisit: ['helping-cadre'],
  /** The county centre calls the hotline caller back (电话回访). */
  callback: ['county-monitor'],
} as const satisfies Record<string, readonly Role[]>;
