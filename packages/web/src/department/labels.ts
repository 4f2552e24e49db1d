import type { TFunction } from 'i18next';
import type { DepartmentSource, Warning } from '../api/types';

/** A source's name in the reader's language; an unknown code is shown as-is. */
export function sourceName(
  code: string,
  sources: readonly DepartmentSource[] | undefined,
  language: string,
  short = false,
): string {
  const source = sources?.find((s) => s.code === code);
  if (!source) return code;
  if (language === 'en') return source.en;
  // 医疗保障局（医保结算） → 医保结算 reads better in a tag than the full department name.
  const inBrackets = /（(.+)）$/.exec(source.zh)?.[1];
  return short && inBrackets ? inBrackets : source.zh;
}

/** Risk type label: '0201' has its own name, other 02xx codes fall back to 因自然灾害. */
export function riskTypeLabel(t: TFunction, code: string): string {
  const fallback = code.startsWith('02') ? t('codes.riskType.02') : code;
  return t(`codes.riskType.${code}`, { defaultValue: fallback });
}

export const RISK_TYPE_CODES = [
  '01',
  '0201',
  '0202',
  '0203',
  '0204',
  '0205',
  '0206',
  '0299',
  '03',
  '04',
  '05',
  '06',
  '07',
  '09',
  '10',
  '11',
  '99',
] as const;

export const WARNING_STATUSES = ['new', 'dispatched', 'riskConfirmed', 'noRisk', 'alreadyMonitored'] as const;

const OPEN_STATUSES = new Set(['new', 'dispatched']);

/** A warning still waiting for verification. */
export function isOpen(warning: Pick<Warning, 'status'>): boolean {
  return OPEN_STATUSES.has(warning.status);
}

/** Open and past its due date (the due date itself is still in time). */
export function isOverdue(warning: Pick<Warning, 'status' | 'dueOn'>, today: string): boolean {
  return isOpen(warning) && warning.dueOn !== null && warning.dueOn < today;
}

/** Where an error download lives (GET, the session cookie authorises it). */
export function errorsDownloadUrl(batchId: string): string {
  return `/api/department-batches/${encodeURIComponent(batchId)}/errors.xlsx`;
}

/** Rejection codes by count, largest first. */
export function sortedCodes(byCode: Record<string, number>): [string, number][] {
  return Object.entries(byCode).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
