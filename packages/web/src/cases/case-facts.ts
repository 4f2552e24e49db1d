/**
 * Reading what earlier steps recorded: the last home verification (to prefill a re-verification
 * after an objection) and the property check's automatic findings.
 */
import type { TFunction } from 'i18next';
import {
  PROBLEM_KEYS,
  type VerificationMember,
  type VerificationValues,
} from './case-model';
import type { CaseAttachment, CaseDetail, TimelineEntry } from './types';

type Data = Record<string, unknown>;

const isObject = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);
const rows = (v: unknown): Data[] => (Array.isArray(v) ? v.filter(isObject) : []);

/**
 * The last home verification as recorded (the server keeps the latest in `facts.verification`: a
 * re-verification after an objection replaces the first), or null before the home check.
 */
export function latestVerificationData(detail: Pick<CaseDetail, 'facts'>): Data | null {
  return detail.facts.verification ?? null;
}

/** The property check's findings in the asset sources (`facts.property.automatic`), or null before the check. */
export function propertyFindings(detail: Pick<CaseDetail, 'facts'>): Data | null {
  return detail.facts.property?.automatic ?? null;
}

/** Asset findings as short lines (面包车, 营业执照：…, 城镇商品房：…); `null` when there is nothing to read. */
export function findingLines(t: TFunction, assets: Data | null): string[] | null {
  if (!assets) return null;
  const lines: string[] = [];
  for (const v of rows(assets.vehicles)) {
    const code = typeof v.kind === 'string' ? v.kind : '';
    const kind = t(`cases.vehicle.${code}`, { defaultValue: code });
    lines.push(typeof v.description === 'string' && v.description ? `${kind}（${v.description}）` : kind);
  }
  for (const b of rows(assets.businessLicences)) {
    lines.push(`${t('cases.verification.licences')}${typeof b.name === 'string' && b.name ? `：${b.name}` : ''}`);
  }
  for (const h of rows(assets.urbanCommercialHousing)) {
    lines.push(`${t('cases.verification.housing')}${typeof h.description === 'string' && h.description ? `：${h.description}` : ''}`);
  }
  if (assets.hiresLabour === true) lines.push(t('cases.verification.hiresLabour'));
  if (assets.largeScaleFarming === true) lines.push(t('cases.verification.largeScaleFarming'));
  return lines;
}

const amountRows = (v: unknown) =>
  rows(v).map((r) => ({
    amount: typeof r.amount === 'number' ? r.amount : null,
    month: typeof r.month === 'string' ? r.month : undefined,
    note: typeof r.note === 'string' ? r.note : undefined,
  }));

/**
 * Initial values of the verification form: the last verification when there is one (a
 * re-verification after an objection starts from what was found), else the registry's members
 * and one empty income row in `month` (`defaultAmountMonth`: inside the case's income window).
 */
export function verificationValuesFrom(
  previous: Data | null,
  registryMembers: VerificationMember[],
  month: string,
): VerificationValues {
  if (!previous) {
    return {
      members: registryMembers,
      incomes: [{ component: 'wage', amount: null, month }],
      operatingCosts: [],
      medicalOutOfPocket: [],
      rigidSpending: [],
      vehicles: [],
      businessLicences: [],
      urbanHousing: [],
      hiresLabour: false,
      largeScaleFarming: false,
      problems: [],
      suddenEvents: [],
      consentSigned: false,
    };
  }
  const assets = isObject(previous.assets) ? previous.assets : {};
  const problems = isObject(previous.problems) ? previous.problems : {};
  const previousMembers = rows(previous.members) as unknown as VerificationMember[];
  return {
    members: previousMembers.length > 0 ? previousMembers : registryMembers,
    incomes: rows(previous.incomes).map((r, i) => ({
      ...amountRows(previous.incomes)[i],
      component: r.component as VerificationValues['incomes'][number]['component'],
    })),
    operatingCosts: amountRows(previous.operatingCosts),
    medicalOutOfPocket: amountRows(rows(previous.compliantOutOfPocket).filter((r) => r.kind === 'medical')),
    rigidSpending: rows(previous.rigidSpending).map((r, i) => ({
      ...amountRows(previous.rigidSpending)[i],
      kind: r.kind as VerificationValues['rigidSpending'][number]['kind'],
    })),
    vehicles: rows(assets.vehicles).map((v) => ({
      kind: v.kind as VerificationValues['vehicles'][number]['kind'],
      description: typeof v.description === 'string' ? v.description : undefined,
    })),
    businessLicences: rows(assets.businessLicences).map((b) => ({ name: typeof b.name === 'string' ? b.name : undefined })),
    urbanHousing: rows(assets.urbanCommercialHousing).map((h) => ({
      description: typeof h.description === 'string' ? h.description : undefined,
    })),
    hiresLabour: assets.hiresLabour === true,
    largeScaleFarming: assets.largeScaleFarming === true,
    problems: PROBLEM_KEYS.filter((k) => problems[k] === true),
    suddenEvents: rows(previous.suddenEvents).map((e) => ({
      kind: e.kind as VerificationValues['suddenEvents'][number]['kind'],
      date: typeof e.date === 'string' ? e.date : undefined,
      lossAmount: typeof e.lossAmount === 'number' ? e.lossAmount : null,
      note: typeof e.note === 'string' ? e.note : undefined,
    })),
    notes: typeof previous.notes === 'string' ? previous.notes : undefined,
    consentSigned: previous.consentSigned === true,
  };
}


/** Which attachments belong to which kind of step: the consent to the home check, the minutes to the deliberation. */
const PURPOSE_OF_EVENT: Readonly<Record<string, string>> = {
  recordVerification: 'consent',
  recordDeliberation: 'minutes',
  endNotice: 'notice',
  raiseObjection: 'notice',
};

/**
 * The attachments a timeline entry brought: files of the entry's purpose uploaded after the previous
 * entry of the same type and up to this one (a re-verification shows only its own new scan); the
 * clue's entry shows the photos of the visit report that opened the case.
 */
export function attachmentsOfEntry(timeline: readonly TimelineEntry[], entry: TimelineEntry, attachments: readonly CaseAttachment[]): CaseAttachment[] {
  // The clue's own entry shows the photos of the visit report it came from.
  if (entry.type === 'registerClue') return attachments.filter((a) => a.origin?.kind === 'visit');
  const purpose = PURPOSE_OF_EVENT[entry.type];
  if (!purpose) return [];
  const previous = [...timeline].filter((e) => e.type === entry.type && e.seq < entry.seq).at(-1);
  return attachments.filter((a) => !a.origin && a.purpose === purpose && a.createdAt <= entry.at && (!previous || a.createdAt > previous.at));
}
