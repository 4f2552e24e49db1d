/**
 * Rules about roles that are not one action of the table (`roles.ts`): who keeps a county's
 * department source settings, who re-runs a comparison, who sees the server's versions, and which
 * role the install's first account and the system actor have. The server and the web ask these
 * functions instead of naming roles (issue 12: access in one place).
 */
import type { Role } from './roles.ts';

/**
 * Who may change a county's settings of a department source (header mapping, monthly
 * re-comparison): the county admin and the county centre monitor (防贫中心), who run the imports.
 */
export function mayManageSourceSettings(role: Role): boolean {
  return role === 'county-admin' || role === 'county-monitor';
}

/** Who may re-run a source's comparison now (it may raise warnings for the whole county): the county admin. */
export function mayRecompareSource(role: Role): boolean {
  return role === 'county-admin';
}

/** Who sees the server and database versions on the health answer (they help an attacker pick an exploit). */
export function maySeeServerVersions(role: Role): boolean {
  return role === 'county-admin';
}

/** The role of the install's first account (it creates every other). */
export const INSTALL_ADMIN_ROLE: Role = 'county-admin';

/** The role the system acts with (CLI commands, jobs): the audit log names it. */
export const SYSTEM_ROLE: Role = 'county-admin';

/** The role a background department import acts with when its job recorded none (jobs queued before roles were recorded). */
export const DEFAULT_IMPORT_ROLE: Role = 'department';
