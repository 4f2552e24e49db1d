/**
 * Pure helpers of the identification pages: to-do grouping, the clock's tone, the home-verification
 * form turned into the `recordVerification` payload, and members prefilled from the registry.
 * No React, no fetch: unit-tested in case-model.test.ts.
 */
import { ageReachedThisYear, DUE_SOON_DAYS, type HouseholdMember, type IsoDate, type MemberHealth, type SchoolingStatus } from '@fangpin/domain';
import type { CaseMember, CaseSummary } from './types';

export { DUE_SOON_DAYS };

/** Past the whole-procedure limit, or past the current step's own due date. */
export function isLate(c: Pick<CaseSummary, 'isOverdue' | 'stepDueOn'>, today: IsoDate): boolean {
  return c.isOverdue || (c.stepDueOn !== null && c.stepDueOn < today);
}

export type ClockTone = 'overdue' | 'soon' | 'ok' | 'done';

/** Colour of the clock: red when overdue, orange when due soon, neutral otherwise or once decided. */
export function clockTone(c: Pick<CaseSummary, 'isOverdue' | 'daysLeft' | 'step'>): ClockTone {
  if (c.step === 'closed' || c.step === 'withdrawn' || c.step === 'callback') return 'done';
  if (c.isOverdue || (c.daysLeft !== null && c.daysLeft < 0)) return 'overdue';
  if (c.daysLeft !== null && c.daysLeft <= DUE_SOON_DAYS) return 'soon';
  return 'ok';
}

// ---------- home verification ----------

// The assessment's own member codes (packages/domain household-input.ts), not a copy.
export type LabourCapacity = HouseholdMember['labourCapacity'];
export type { MemberHealth, SchoolingStatus };

export const LABOUR_CAPACITIES: readonly LabourCapacity[] = ['full', 'partial', 'none', 'notApplicable'];
export const MEMBER_HEALTH: readonly MemberHealth[] = ['healthy', 'chronic', 'serious', 'disabled', 'severelyDisabled'];
export const SCHOOLING: readonly SchoolingStatus[] = [
  'notInSchool',
  'preschool',
  'compulsory',
  'highSchool',
  'vocational',
  'higher',
  'dropout',
];
export const INCOME_COMPONENTS = ['wage', 'operating', 'property', 'transfer'] as const;
export const VEHICLE_KINDS = ['car', 'van', 'truck', 'constructionMachinery', 'motorcycle', 'tricycle'] as const;
export const RIGID_SPENDING_KINDS = ['medical', 'education', 'housing', 'funeral', 'other'] as const;
export const SUDDEN_EVENT_KINDS = ['accident', 'fire', 'disaster'] as const;
export const PROBLEM_KEYS = ['foodAndClothing', 'compulsoryEducation', 'basicMedical', 'housingSafety', 'drinkingWater'] as const;

export interface VerificationMember {
  id: string;
  name: string;
  relation: string;
  /**
   * The birth year, as the registry has it. The form sends no birth date: the server reads the exact
   * date from the member's encrypted ID number when it runs the assessment (docs/personal-data.md).
   */
  birthYear: number | null;
  labourCapacity: LabourCapacity;
  health: MemberHealth;
  schooling: SchoolingStatus;
}

export interface AmountRow {
  amount?: number | null;
  month?: string;
  note?: string;
}

export interface VerificationValues {
  members: VerificationMember[];
  incomes: (AmountRow & { component?: (typeof INCOME_COMPONENTS)[number] })[];
  operatingCosts: AmountRow[];
  medicalOutOfPocket: AmountRow[];
  rigidSpending: (AmountRow & { kind?: (typeof RIGID_SPENDING_KINDS)[number] })[];
  vehicles: { kind?: (typeof VEHICLE_KINDS)[number]; description?: string }[];
  businessLicences: { name?: string }[];
  urbanHousing: { description?: string }[];
  hiresLabour: boolean;
  largeScaleFarming: boolean;
  problems: (typeof PROBLEM_KEYS)[number][];
  suddenEvents: { kind?: (typeof SUDDEN_EVENT_KINDS)[number]; date?: string; lossAmount?: number | null; note?: string }[];
  notes?: string;
  consentSigned: boolean;
}

const LABOUR = new Set<string>(LABOUR_CAPACITIES);
const HEALTH = new Set<string>(MEMBER_HEALTH);

/**
 * Members as the registry knows them, in the assessment's codes. The registry records the level of
 * education (小学, 初中 …) or 在校生; the assessment asks whether a child is in compulsory school:
 * a student aged 6–15 is in compulsory education, an older one in high school.
 */
export function membersFromHousehold(members: readonly CaseMember[], today: IsoDate): VerificationMember[] {
  return members.map((m) => {
    // The age reached this year: at most a year off, and only to prefill the schooling stage the cadre confirms.
    const age = m.birthYear ? ageReachedThisYear(m.birthYear, today) : null;
    let schooling: SchoolingStatus = 'notInSchool';
    if (m.schooling === 'preschool') schooling = 'preschool';
    else if (m.schooling === 'inSchool') schooling = age !== null && age >= 16 ? 'highSchool' : 'compulsory';
    else if (m.schooling !== null && (SCHOOLING as readonly string[]).includes(m.schooling)) schooling = m.schooling as SchoolingStatus;
    return {
      id: m.id,
      name: m.name,
      relation: m.relation,
      birthYear: m.birthYear ?? null,
      labourCapacity: m.labourCapacity !== null && LABOUR.has(m.labourCapacity) ? (m.labourCapacity as LabourCapacity) : 'notApplicable',
      health: m.health !== null && HEALTH.has(m.health) ? (m.health as MemberHealth) : 'healthy',
      schooling,
    };
  });
}

/** The month before `today` (`YYYY-MM`): the default month of a yearly figure in the income window. */
export function lastMonth(today: IsoDate): string {
  const [y = 0, m = 1] = today.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** What the form needs of a case's income window (`CaseDetail.incomeWindow`). */
export interface MonthWindow {
  fromMonth: string;
  toMonth: string;
}

/**
 * The month a new income or spending row starts with: the month before the step's date (办理日期),
 * but never past the case's income window — a home check entered days after a clue of last month
 * still lands in the 12 months that count (issue 11 item 1). Without a window: the month before.
 */
export function defaultAmountMonth(stepDate: IsoDate, window?: MonthWindow): string {
  const month = lastMonth(stepDate);
  if (!window) return month;
  if (month > window.toMonth) return window.toMonth;
  return month < window.fromMonth ? window.fromMonth : month;
}

/** Whether a row's month (`YYYY-MM`) counts in the window; no window or no month: nothing to say. */
export function isMonthInWindow(month: string | undefined, window?: MonthWindow): boolean {
  if (!window || !month) return true;
  return month >= window.fromMonth && month <= window.toMonth;
}

/** Count of members who can work (full or partial labour capacity). */
export function labourCount(members: readonly Pick<VerificationMember, 'labourCapacity'>[]): number {
  return members.filter((m) => m.labourCapacity === 'full' || m.labourCapacity === 'partial').length;
}

const hasAmount = (r: AmountRow): r is AmountRow & { amount: number } =>
  typeof r.amount === 'number' && Number.isFinite(r.amount) && r.amount > 0;

const note = (text: string | undefined) => (text?.trim() ? { note: text.trim() } : {});

/**
 * The `recordVerification` data from the form: empty rows left out, amounts with their month (a
 * row without one gets `defaultMonth`), assets in the shape of the property check, problems as booleans.
 */
export function buildVerificationData(values: VerificationValues, defaultMonth: string): Record<string, unknown> {
  const month = (m: string | undefined) => (m && /^\d{4}-\d{2}$/.test(m) ? m : defaultMonth);
  const amount = (r: AmountRow & { amount: number }) => ({ amount: r.amount, month: month(r.month), ...note(r.note) });
  const data: Record<string, unknown> = {
    consentSigned: values.consentSigned,
    members: values.members.map((m) => ({
      id: m.id,
      name: m.name,
      relation: m.relation,
      birthYear: m.birthYear,
      labourCapacity: m.labourCapacity,
      health: m.health,
      schooling: m.schooling,
    })),
    incomes: values.incomes
      .filter((r) => r.component && hasAmount(r))
      .map((r) => ({ component: r.component, ...amount(r as AmountRow & { amount: number }) })),
    operatingCosts: values.operatingCosts.filter(hasAmount).map(amount),
    compliantOutOfPocket: values.medicalOutOfPocket.filter(hasAmount).map((r) => ({ kind: 'medical', ...amount(r) })),
    rigidSpending: values.rigidSpending
      .filter((r) => r.kind && hasAmount(r))
      .map((r) => ({ kind: r.kind, ...amount(r as AmountRow & { amount: number }) })),
    assets: {
      vehicles: values.vehicles
        .filter((v) => v.kind)
        .map((v) => ({ kind: v.kind, ...(v.description?.trim() ? { description: v.description.trim() } : {}) })),
      businessLicences: values.businessLicences
        .filter((b) => b.name?.trim())
        .map((b) => ({ name: b.name?.trim() })),
      urbanCommercialHousing: values.urbanHousing
        .filter((h) => h.description?.trim())
        .map((h) => ({ description: h.description?.trim() })),
      hiresLabour: values.hiresLabour,
      largeScaleFarming: values.largeScaleFarming,
    },
    problems: Object.fromEntries(PROBLEM_KEYS.map((key) => [key, values.problems.includes(key)])),
    suddenEvents: values.suddenEvents
      .filter((e) => e.kind && e.date && typeof e.lossAmount === 'number')
      .map((e) => ({ kind: e.kind, date: e.date, lossAmount: e.lossAmount, ...note(e.note) })),
  };
  if (values.notes?.trim()) data.notes = values.notes.trim();
  return data;
}

/** Empty manual findings of the property check (same shape as the verification's assets). */
export function buildManualFindings(values: Pick<
  VerificationValues,
  'vehicles' | 'businessLicences' | 'urbanHousing' | 'hiresLabour' | 'largeScaleFarming'
>): Record<string, unknown> {
  const built = buildVerificationData(
    {
      members: [],
      incomes: [],
      operatingCosts: [],
      medicalOutOfPocket: [],
      rigidSpending: [],
      problems: [],
      suddenEvents: [],
      consentSigned: true,
      ...values,
    },
    '2000-01',
  );
  return built.assets as Record<string, unknown>;
}

/** True when manual findings list nothing (then the property check sends no `manualFindings`). */
export function isEmptyFindings(findings: Record<string, unknown>): boolean {
  return Object.values(findings).every((v) => v === false || (Array.isArray(v) && v.length === 0));
}

/** Validation of the county decision before it is sent: 1–5 risk types and a category when approved. */
export function decisionProblem(values: {
  decision?: 'approved' | 'rejected';
  category?: string | null;
  riskTypes?: string[];
  reason?: string;
}): 'decisionRequired' | 'categoryRequired' | 'riskTypesRequired' | 'tooManyRiskTypes' | 'reasonRequired' | null {
  if (!values.decision) return 'decisionRequired';
  if (values.decision === 'rejected') return values.reason?.trim() ? null : 'reasonRequired';
  if (!values.category) return 'categoryRequired';
  const n = values.riskTypes?.length ?? 0;
  if (n === 0) return 'riskTypesRequired';
  if (n > 5) return 'tooManyRiskTypes';
  return null;
}
