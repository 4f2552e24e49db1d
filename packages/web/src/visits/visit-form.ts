import type { IntakeAbilities } from '../hotline/roles';

export type VisitTab = 'new' | 'submitted' | 'forwarded' | 'dismissed';

/**
 * The open tab from `?tab=`: reporters start on the new-report form, reviewers (and readers who
 * cannot report) on the review queue. A tab the user may not see falls back to that start.
 */
export function visitTabFromParams(params: URLSearchParams, abilities: IntakeAbilities): VisitTab {
  const start: VisitTab = abilities.canReportVisits && !abilities.canReviewVisits ? 'new' : 'submitted';
  const tab = params.get('tab');
  if (tab === 'new') return abilities.canReportVisits ? 'new' : start;
  if (tab === 'submitted' || tab === 'forwarded' || tab === 'dismissed') return abilities.canReadVisits ? tab : start;
  return abilities.canReadVisits || abilities.canReportVisits ? start : 'new';
}

/**
 * A fresh id for one report, sent as `clientId` so a re-send after a network error returns the stored
 * report instead of filing it twice. `crypto.randomUUID` exists only on HTTPS and localhost; county
 * intranets often serve plain HTTP, so fall back to random bytes.
 */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
