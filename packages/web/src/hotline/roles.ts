import type { Me } from '../api/types';

/**
 * Which clue-intake pages a user sees. The server decides every request; this only hides what the
 * role may not use (docs/DOMAIN.md "Roles"): the hotline is the county centre's desk, visit reports come
 * from villages, helpers and townships and are reviewed by the township, posters are printed by
 * whoever puts them up. The county centre may do both visit steps itself.
 */
export interface IntakeAbilities {
  /** 热线登记 and the call-record table. */
  canUseHotline: boolean;
  /** Write a visit report (走访记录). */
  canReportVisits: boolean;
  /** Forward or dismiss visit reports (乡镇审核). */
  canReviewVisits: boolean;
  /** See the visit-report lists. */
  canReadVisits: boolean;
  /** Print the self-application QR posters of the villages in scope. */
  canPrintPosters: boolean;
}

export function intakeAbilities(me: Pick<Me, 'role'> & { abilities?: Me['abilities'] }): IntakeAbilities {
  // The server's abilities (/auth/me) decide; the role table (ROLE_ACTIONS in packages/domain) is
  // the fallback for a server that does not send them yet.
  const role = me.role;
  const isCounty = role === 'county-admin' || role === 'county-monitor';
  const canReportVisits =
    me.abilities?.canRecordVisits ??
    (isCounty || role === 'township-officer' || role === 'village-cadre' || role === 'helping-cadre');
  const canReviewVisits = me.abilities?.canReviewVisits ?? (isCounty || role === 'township-officer');
  return {
    canUseHotline: me.abilities?.canRecordHotline ?? isCounty,
    canReportVisits,
    canReviewVisits,
    canReadVisits: canReportVisits || canReviewVisits,
    canPrintPosters: isCounty || role === 'township-officer' || role === 'village-cadre',
  };
}
