import type { NewApplication } from './api';

/** Description length the server accepts (docs/design/clues-and-cases-api.md "Self-application"). */
export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 500;

/**
 * The county whose villages are listed when the page is opened without a village in the link. A QR
 * code always names the village; this is the deployment's county (乐业县) for a bare link.
 */
export const DEFAULT_COUNTY = '451028';

/** Mainland mobile number, spaces and dashes ignored. */
export function normalizeMobile(value: string): string {
  return value.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
}

export function isMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalizeMobile(value));
}

/** Counted as people count characters: a Chinese character is one. */
export function descriptionLength(value: string): number {
  return [...value.trim()].length;
}

/** The village code from `?village=`: 12 digits (or 15 with a group); anything else is ignored. */
export function villageFromParams(params: URLSearchParams): string | null {
  const code = params.get('village')?.trim() ?? '';
  return /^\d{12}(\d{3})?$/.test(code) ? code : null;
}

/** The county to list villages of: `?county=`, the village code's first 6 digits, or the default. */
export function countyFromParams(params: URLSearchParams): string {
  const county = params.get('county')?.trim() ?? '';
  if (/^\d{6}$/.test(county)) return county;
  const village = villageFromParams(params);
  return village ? village.slice(0, 6) : DEFAULT_COUNTY;
}

export interface ApplyFormValues {
  villageCode?: string;
  name?: string;
  phone: string;
  description: string;
  consent?: boolean;
  website?: string;
}

/** The fields a person fills in, in the order of the form (the first with an error gets the focus). */
export const APPLY_FIELDS = ['villageCode', 'name', 'phone', 'description', 'consent'] as const;
export type ApplyField = (typeof APPLY_FIELDS)[number];

/** Keys of the `apply` catalog (i18n) that say what is wrong with a field. */
export type ApplyProblem = 'villageRequired' | 'phoneRequired' | 'phoneInvalid' | 'descriptionTooShort' | 'consentRequired';

/**
 * What is wrong with each field before anything is sent, as the server would refuse it
 * (docs/design/clues-and-cases-api.md "Self-application"); `needsVillage` when the person picks the
 * village (no or an unknown village in the link).
 */
export function applyProblems(values: ApplyFormValues, needsVillage: boolean): Partial<Record<ApplyField, ApplyProblem>> {
  const problems: Partial<Record<ApplyField, ApplyProblem>> = {};
  if (needsVillage && !values.villageCode) problems.villageCode = 'villageRequired';
  if (values.phone.trim() === '') problems.phone = 'phoneRequired';
  else if (!isMobile(values.phone)) problems.phone = 'phoneInvalid';
  if (descriptionLength(values.description) < DESCRIPTION_MIN) problems.description = 'descriptionTooShort';
  if (!values.consent) problems.consent = 'consentRequired';
  return problems;
}

/** The reference-number lookup: both fields are needed, the phone a mobile number. */
export function progressProblems(values: { referenceNo: string; phone: string }): {
  referenceNo?: 'referenceRequired';
  phone?: 'phoneRequired' | 'phoneInvalid';
} {
  return {
    ...(values.referenceNo.trim() === '' ? { referenceNo: 'referenceRequired' as const } : {}),
    ...(values.phone.trim() === '' ? { phone: 'phoneRequired' as const } : !isMobile(values.phone) ? { phone: 'phoneInvalid' as const } : {}),
  };
}

/** The request body: trimmed, the optional name left out when empty, the honeypot passed on as typed. */
export function toNewApplication(values: ApplyFormValues): NewApplication {
  const body: NewApplication = {
    villageCode: values.villageCode ?? '',
    phone: normalizeMobile(values.phone),
    description: values.description.trim(),
    consent: true,
    website: values.website ?? '',
  };
  const name = values.name?.trim();
  if (name) body.name = name;
  return body;
}

/** Reference numbers are shown and typed in upper case (SQ20261129-7K3M9Q). */
export function normalizeReferenceNo(value: string): string {
  return value.trim().toUpperCase().replace(/\s+/g, '');
}
