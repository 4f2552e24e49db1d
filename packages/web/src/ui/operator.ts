import type { TFunction } from 'i18next';

/**
 * Who did something, as people read it: the account's display name (李新旺, 马庄村村干部) when the
 * server sends one, 系统 for the system account, else the login name.
 */
export function operatorName(t: TFunction, entry: { actorName: string | null; actorDisplayName?: string | null }): string {
  if (entry.actorDisplayName) return entry.actorDisplayName;
  if (!entry.actorName || entry.actorName === 'system' || entry.actorName.startsWith('system:')) return t('common.systemActor');
  return entry.actorName;
}
