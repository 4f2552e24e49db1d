import { mayPrintApplicationPosters } from '@fangpin/domain';
import type { Me } from '../api/types';

/**
 * Which clue-intake pages a user sees. The server decides every request; this only hides what the
 * user may not use, from the server's abilities (/api/me, derived from the domain's role table) and,
 * for the posters the server does not check, the domain's access rule.
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

export function intakeAbilities(me: Pick<Me, 'role'> & { abilities: Pick<Me['abilities'], 'canRecordHotline' | 'canRecordVisits' | 'canReviewVisits'> }): IntakeAbilities {
  const canReportVisits = me.abilities.canRecordVisits === true;
  const canReviewVisits = me.abilities.canReviewVisits === true;
  return {
    canUseHotline: me.abilities.canRecordHotline === true,
    canReportVisits,
    canReviewVisits,
    canReadVisits: canReportVisits || canReviewVisits,
    canPrintPosters: mayPrintApplicationPosters(me.role),
  };
}
