import { assessHousehold, type HouseholdAssessment, type HouseholdAssessmentInput, type HouseholdAssets, type HouseholdMember, type RigidSpendingItem, type VehicleKind, type CaseEventBody } from '@fangpin/domain';
import type { FieldCase, FieldMember } from './offline/types.ts';

/** An amount typed on the phone's number pad (text as typed) and the month it counts in (`YYYY-MM`). */
export type AmountDraft = { amount: string; month: string };

/** The assets the family declares at the visit (the web's 家庭资产（农户申报）): rows keep what was typed. */
export type AssetsDraft = {
  vehicles: { kind: VehicleKind; description: string }[];
  licences: { name: string }[];
  housing: { description: string }[];
  hiresLabour: boolean;
  largeScaleFarming: boolean;
};

export const RIGID_KINDS = ['medical', 'education', 'housing', 'funeral', 'other'] as const satisfies readonly RigidSpendingItem['kind'][];
export type RigidKind = (typeof RIGID_KINDS)[number];
export const VEHICLE_KINDS = ['car', 'van', 'truck', 'constructionMachinery', 'motorcycle', 'tricycle'] as const satisfies readonly VehicleKind[];

/**
 * The home-verification form as kept on the phone (the sealed draft, and an outbox item's `draft`).
 * `medical`, `rigid` and `assets` came later: a draft saved before them has none, and
 * {@link fullDraft} gives it empty ones.
 */
export type VerificationDraft = {
  occurredOn: string;
  consentSigned: boolean;
  photo: { fileName: string; contentBase64: string } | null;
  incomes: { component: 'wage' | 'operating' | 'property' | 'transfer'; amount: string; month: string }[];
  problems: { compulsoryEducation: boolean; basicMedical: boolean; housingSafety: boolean; drinkingWater: boolean };
  notes: string;
  /** Labour capacity and health as found at the visit, per registry member (absent: as the registry has them). */
  members?: Record<string, { labourCapacity: Labour; health: Health }>;
  /** 合规自付医疗费用（报销后）: compliant medical out-of-pocket, by month (the web's `medicalOutOfPocket`). */
  medical?: AmountDraft[];
  /** 其他刚性支出: education, housing, funeral … not already counted as compliant out-of-pocket. */
  rigid?: (AmountDraft & { kind: RigidKind })[];
  /** 家庭资产（农户申报）. */
  assets?: AssetsDraft;
};
export type FullVerificationDraft = VerificationDraft & Required<Pick<VerificationDraft, 'medical' | 'rigid' | 'assets'>>;

/** What the village's `recordVerification` event carries (the domain's contract, as sent). */
export type VerificationEventData = Extract<CaseEventBody, { type: 'recordVerification' }>['data'];

export const LABOUR = ['full', 'partial', 'none', 'notApplicable'] as const;
export const HEALTH = ['healthy', 'chronic', 'serious', 'disabled'] as const;
export type Labour = (typeof LABOUR)[number];
export type Health = (typeof HEALTH)[number];

export const NO_ASSETS_DRAFT: AssetsDraft = { vehicles: [], licences: [], housing: [], hiresLabour: false, largeScaleFarming: false };

/** A new form: today, one empty wage row in the income window's last month, nothing else. */
export function newVerificationDraft(c: FieldCase, today: string): FullVerificationDraft {
  return {
    occurredOn: today,
    consentSigned: false,
    photo: null,
    incomes: [{ component: 'wage', amount: '', month: c.incomeWindow.toMonth }],
    problems: { compulsoryEducation: false, basicMedical: false, housingSafety: false, drinkingWater: false },
    notes: '',
    medical: [],
    rigid: [],
    assets: NO_ASSETS_DRAFT,
  };
}

/** The draft with every list present: a draft saved by an older version of the app loads with empty spending and assets. */
export function fullDraft(c: FieldCase, draft: VerificationDraft | undefined, today: string): FullVerificationDraft {
  if (!draft) return newVerificationDraft(c, today);
  return { ...draft, medical: draft.medical ?? [], rigid: draft.rigid ?? [], assets: { ...NO_ASSETS_DRAFT, ...draft.assets } };
}

/** What the number pad may leave in an amount: digits and one decimal point, at most two decimals (the web's precision). */
export function amountTyped(value: string): string {
  const [whole = '', ...rest] = value.replace(/[^\d.]/g, '').split('.');
  return rest.length === 0 ? whole : `${whole}.${rest.join('').slice(0, 2)}`;
}

/** Whether a row's month counts in the case's income window (the web refuses to send one that does not). */
export function isMonthInWindow(c: FieldCase, month: string): boolean {
  return month >= c.incomeWindow.fromMonth && month <= c.incomeWindow.toMonth;
}

/** The months of the form outside the income window (incomes and spending): while there are any, the form is not queued. */
export function monthsOutsideWindow(c: FieldCase, draft: FullVerificationDraft): string[] {
  const rows = [...draft.incomes, ...draft.medical, ...draft.rigid].filter((r) => r.amount.trim() !== '');
  return [...new Set(rows.map((r) => r.month).filter((m) => !isMonthInWindow(c, m)))];
}

/** A registry member as the assessment reads it (the server's `assessmentMemberOf`, for the phone: birth year → 1 July). */
export function memberOf(m: FieldMember, today: string): HouseholdMember {
  const birthDate = `${m.birthYear}-07-01`;
  const age = Number(today.slice(0, 4)) - m.birthYear;
  const schooling = m.schooling === 'preschool' ? 'preschool' : m.schooling === 'inSchool' ? (age <= 15 ? 'compulsory' : age <= 18 ? 'highSchool' : 'higher') : 'notInSchool';
  const labour = m.labourCapacity === 'full' || m.labourCapacity === 'partial' || m.labourCapacity === 'none' ? m.labourCapacity : 'notApplicable';
  const health = m.health === 'chronic' || m.health === 'serious' || m.health === 'disabled' ? m.health : 'healthy';
  return { id: m.id, name: m.name, relation: m.relation, birthDate, labourCapacity: labour, health, schooling, ...(m.migrantMonths ? { migrantWorkMonths: Math.min(12, m.migrantMonths) } : {}) };
}

/** The members as found at the visit: the registry's, with what the cadre changed. */
export function verifiedMembers(c: FieldCase, draft: VerificationDraft, today: string): HouseholdMember[] {
  return (c.household?.members ?? []).map((m) => ({ ...memberOf(m, today), ...(draft.members?.[m.id] ?? {}) }));
}

/** The members sent with the home verification (no birth date: the server takes it from the registry). */
export function membersForServer(c: FieldCase, draft: VerificationDraft, today: string) {
  return verifiedMembers(c, draft, today).map(({ birthDate: _b, ...m }) => m);
}

/** The incomes as the server stores them: rows with an amount. */
export function incomeRows(draft: VerificationDraft) {
  return draft.incomes.filter((r) => r.amount.trim() !== '' && Number(r.amount) >= 0).map((r) => ({ component: r.component, amount: Number(r.amount), month: r.month }));
}

/** Spending rows as the web's form sends them (case-model.ts `buildVerificationData`): only rows with an amount above 0. */
function spendingRows<R extends AmountDraft>(rows: readonly R[]): (R & { value: number })[] {
  return rows.map((r) => ({ ...r, value: Number(r.amount) })).filter((r) => Number.isFinite(r.value) && r.value > 0);
}

/** The declared assets in the property check's shape, as the web's form sends them: rows without their text are left out. */
export function assetsOf(draft: FullVerificationDraft) {
  const text = (s: string) => s.trim();
  const assets = {
    vehicles: draft.assets.vehicles.map((v) => ({ kind: v.kind, ...(text(v.description) ? { description: text(v.description) } : {}) })),
    businessLicences: draft.assets.licences.filter((b) => text(b.name)).map((b) => ({ name: text(b.name) })),
    urbanCommercialHousing: draft.assets.housing.filter((h) => text(h.description)).map((h) => ({ description: text(h.description) })),
    hiresLabour: draft.assets.hiresLabour,
    largeScaleFarming: draft.assets.largeScaleFarming,
  };
  return assets satisfies HouseholdAssets;
}

/**
 * The `recordVerification` data the phone queues: the web's home-verification form's fields that the
 * phone has (consent, members as found, incomes, compliant medical out-of-pocket, other rigid
 * spending, declared assets, 三保障 and water, notes), in the same shape and with the same empty
 * rows left out. `members` only when the cadre changed one (else the server takes the registry's).
 */
export function verificationEventData(c: FieldCase, draft: VerificationDraft, today: string) {
  const d = fullDraft(c, draft, today);
  const data = {
    consentSigned: d.consentSigned,
    ...(d.members ? { members: membersForServer(c, d, today) } : {}),
    incomes: incomeRows(d),
    compliantOutOfPocket: spendingRows(d.medical).map((r) => ({ kind: 'medical' as const, amount: r.value, month: r.month })),
    rigidSpending: spendingRows(d.rigid).map((r) => ({ kind: r.kind, amount: r.value, month: r.month })),
    assets: assetsOf(d),
    problems: d.problems,
    ...(d.notes.trim() ? { notes: d.notes.trim() } : {}),
  } satisfies VerificationEventData;
  return data;
}

/**
 * The provisional assessment on the phone: the domain's `assessHousehold` — the code the county
 * approves with — over the input the server builds from this event (`assessmentInputOf` in
 * modules/cases/case-facts.ts): the members as found, the incomes, spending and assets sent, the
 * rule set the server had in force at the last sync. Until the county's property check runs, the
 * server's assets are the ones declared here; the check then adds what the asset sources hold.
 */
export function provisionalAssessment(c: FieldCase, draft: VerificationDraft, today: string): HouseholdAssessment | null {
  if (!c.household) return null;
  const data = verificationEventData(c, draft, today);
  const input: HouseholdAssessmentInput = {
    id: c.household.id,
    regionCode: c.regionCode,
    householdType: c.household.type === 'formerlyPoor' ? 'formerlyPoor' : 'ordinary',
    applicationDate: c.clueDate,
    members: verifiedMembers(c, draft, today),
    incomes: data.incomes,
    operatingCosts: [],
    insuranceClaims: [],
    compliantOutOfPocket: data.compliantOutOfPocket,
    rigidSpending: data.rigidSpending,
    assets: data.assets,
    problems: data.problems,
    suddenEvents: [],
  };
  try {
    return assessHousehold(input, c.ruleSet, today);
  } catch {
    return null;
  }
}
