/**
 * Income accounting (docs/DOMAIN.md "Income accounting" [S22][S38][S39],
 * "Income window" [S34][S37]): per-capita net income = (wages + household operating income + property
 * income + transfer income − operating costs) / household size, over the months before the month
 * of application. Insurance claim income and compliant out-of-pocket spending are recorded apart
 * and never mixed into net income.
 */
import { addMonths, type IsoDate, monthOf } from '../calendar/dates.ts';

/** The four income components of the national collection form. */
export type IncomeComponent = 'wage' | 'operating' | 'property' | 'transfer';

/**
 * One income entry. `month` is `YYYY-MM`; a yearly figure is recorded in one month of the window.
 * `source` says what it is (e.g. `dibao`, `tekun`, `disabilityAllowance`, `migrantWork`, `farming`):
 * the data-quality checks read it.
 */
export interface IncomeRecord {
  readonly component: IncomeComponent;
  readonly amount: number;
  readonly month: string;
  readonly source?: string | undefined;
  readonly memberId?: string | undefined;
  readonly note?: string | undefined;
}

/** An amount in a month (operating costs, insurance claims). */
export interface AmountRecord {
  readonly amount: number;
  readonly month: string;
  readonly note?: string | undefined;
}

/** Kinds of compliant out-of-pocket spending: medical is what the 医保 signal and 因病 read. */
export type OutOfPocketKind = 'medical' | 'education' | 'other';

/**
 * Compliant out-of-pocket spending (合规自付支出): what the household paid after all reimbursement
 * (basic insurance, critical-illness insurance, medical assistance). `grossAmount` optionally keeps
 * the cost before reimbursement, for the file only.
 */
export interface OutOfPocketRecord extends AmountRecord {
  readonly kind: OutOfPocketKind;
  readonly grossAmount?: number | undefined;
}

/** Who the income is divided by (rule set `householdSizeBasis`). */
export interface IncomeMember {
  /** Lives with the household (default true). */
  readonly isCoResident?: boolean | undefined;
  /** Registered in the household's hukou (default true). */
  readonly isRegistered?: boolean | undefined;
  /** A non-co-resident legal supporter (child, spouse) recorded only for the property check. */
  readonly isLegalSupporter?: boolean | undefined;
}

/** What income accounting reads from a household. */
export interface IncomeAccountingInput {
  /** The day of application or identification; for a case, its clue date ({@link caseIncomeWindow}). */
  readonly applicationDate: IsoDate;
  readonly members: readonly IncomeMember[];
  readonly incomes: readonly IncomeRecord[];
  readonly operatingCosts: readonly AmountRecord[];
  readonly insuranceClaims?: readonly AmountRecord[] | undefined;
  readonly compliantOutOfPocket?: readonly OutOfPocketRecord[] | undefined;
}

/** The months counted: `fromMonth` … `toMonth` inclusive (`YYYY-MM`). */
export interface IncomeWindow {
  readonly fromMonth: string;
  readonly toMonth: string;
  readonly months: number;
}

/** Result of income accounting; amounts in yuan over the window, per-capita rounded to fen. */
export interface IncomeAccount {
  readonly window: IncomeWindow;
  readonly wage: number;
  readonly operating: number;
  readonly property: number;
  readonly transfer: number;
  readonly operatingCosts: number;
  readonly netIncome: number;
  readonly householdSize: number;
  readonly perCapitaNetIncome: number;
  /** Recorded apart (家庭理赔收入): not part of net income. */
  readonly insuranceClaims: number;
  /** Recorded apart (合规自付支出), by kind. */
  readonly compliantOutOfPocket: { readonly medical: number; readonly education: number; readonly other: number; readonly total: number };
  /** Sum of `grossAmount` of medical out-of-pocket records that carry one (file only). */
  readonly medicalGrossCosts: number;
  /** Records left out because their month is outside the window (never silently: the assessment lists them). */
  readonly outsideWindow: readonly RecordOutsideWindow[];
}

/** The dated lists of income accounting and the assessment, by their field names. */
export type DatedRecordList = 'incomes' | 'operatingCosts' | 'insuranceClaims' | 'compliantOutOfPocket' | 'rigidSpending';

/** One record whose month lies outside the income window: which list, which row (0-based), its month and amount. */
export interface RecordOutsideWindow {
  readonly list: DatedRecordList;
  readonly index: number;
  readonly month: string;
  readonly amount: number;
}

/**
 * The income window: the `months` whole months before the month of `applicationDate`
 * (identified June 2021 → 2020-06 … 2021-05; docs/DOMAIN.md "Income window" [S34][S37]).
 */
export function incomeWindow(applicationDate: IsoDate, months: number): IncomeWindow {
  const month = monthOf(applicationDate);
  return { fromMonth: addMonths(month, -months), toMonth: addMonths(month, -1), months };
}

/**
 * The income window of an identification case (识别认定): the rule set's `incomeWindowMonths` (12)
 * whole months before the month of the case's **clue date**. docs/DOMAIN.md "Income window" counts
 * income "over the 12 months before the month of application or identification"
 * ([S34][S37]: identified June 2021 → 2020-06 … 2021-05); for a case that
 * month is the month of its clue date — the day the household's risk reached the county (the
 * hotline call, the self-application, the visit, the confirmed warning), which is also the day
 * the procedure's 15-day clock starts. The later steps do not move it: a home check entered days
 * late, a re-verification after an objection and the county's decision all weigh the same twelve
 * months, so the date a form is typed on can never change which income counts.
 */
export function caseIncomeWindow(clueDate: IsoDate, rules: { readonly incomeWindowMonths: number }): IncomeWindow {
  return incomeWindow(clueDate, rules.incomeWindowMonths);
}

/**
 * The records of `lists` whose month falls outside `window`, in list order. Income accounting
 * ignores them; callers point them out (the assessment lists them, the server refuses a home check
 * that holds one, the form flags the row) rather than dropping what was entered silently.
 */
export function recordsOutsideWindow(
  window: IncomeWindow,
  lists: Partial<Record<DatedRecordList, readonly { readonly month: string; readonly amount: number }[] | undefined>>,
): RecordOutsideWindow[] {
  const out: RecordOutsideWindow[] = [];
  for (const list of ['incomes', 'operatingCosts', 'insuranceClaims', 'compliantOutOfPocket', 'rigidSpending'] as const) {
    (lists[list] ?? []).forEach((r, index) => {
      if (!isInWindow(window, r.month)) out.push({ list, index, month: r.month.slice(0, 7), amount: r.amount });
    });
  }
  return out;
}

/** True when a `YYYY-MM` (or `YYYY-MM-DD`) falls inside the window. */
export function isInWindow(window: IncomeWindow, monthOrDate: string): boolean {
  const m = monthOrDate.slice(0, 7);
  return m >= window.fromMonth && m <= window.toMonth;
}

/**
 * Household size for the per-capita division: co-resident or registered members, per the rule
 * set (docs/DOMAIN.md "Household size": the divisor is UNCERTAIN, so configurable); legal supporters never count.
 */
export function householdSize(members: readonly IncomeMember[], basis: 'coResident' | 'registered'): number {
  let n = 0;
  for (const m of members) {
    if (m.isLegalSupporter === true) continue;
    if (basis === 'coResident' ? m.isCoResident !== false : m.isRegistered !== false) n += 1;
  }
  return n;
}

/** Round to fen (2 decimals) so sums of yuan amounts compare exactly. */
export function roundYuan(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Per-capita net income and its parts over the rule set's window (docs/DOMAIN.md "Income accounting").
 * Records outside the window are not summed; they are returned in `outsideWindow`. A household of
 * size 0 gets per-capita 0 (the assessment reports it). Insurance claims and compliant out-of-pocket
 * spending are summed apart (over the same window).
 */
export function computeIncomeAccount(
  input: IncomeAccountingInput,
  rules: { readonly incomeWindowMonths: number; readonly householdSizeBasis: 'coResident' | 'registered' },
): IncomeAccount {
  const window = incomeWindow(input.applicationDate, rules.incomeWindowMonths);
  let wage = 0;
  let operating = 0;
  let property = 0;
  let transfer = 0;
  for (const r of input.incomes) {
    if (!isInWindow(window, r.month)) continue;
    if (r.component === 'wage') wage += r.amount;
    else if (r.component === 'operating') operating += r.amount;
    else if (r.component === 'property') property += r.amount;
    else transfer += r.amount;
  }
  let operatingCosts = 0;
  for (const c of input.operatingCosts) if (isInWindow(window, c.month)) operatingCosts += c.amount;
  let insuranceClaims = 0;
  for (const c of input.insuranceClaims ?? []) if (isInWindow(window, c.month)) insuranceClaims += c.amount;
  let medical = 0;
  let education = 0;
  let other = 0;
  let medicalGrossCosts = 0;
  for (const c of input.compliantOutOfPocket ?? []) {
    if (!isInWindow(window, c.month)) continue;
    if (c.kind === 'medical') {
      medical += c.amount;
      medicalGrossCosts += c.grossAmount ?? 0;
    } else if (c.kind === 'education') education += c.amount;
    else other += c.amount;
  }
  const netIncome = roundYuan(wage + operating + property + transfer - operatingCosts);
  const size = householdSize(input.members, rules.householdSizeBasis);
  return {
    window,
    wage: roundYuan(wage),
    operating: roundYuan(operating),
    property: roundYuan(property),
    transfer: roundYuan(transfer),
    operatingCosts: roundYuan(operatingCosts),
    netIncome,
    householdSize: size,
    perCapitaNetIncome: size > 0 ? roundYuan(netIncome / size) : 0,
    insuranceClaims: roundYuan(insuranceClaims),
    compliantOutOfPocket: {
      medical: roundYuan(medical),
      education: roundYuan(education),
      other: roundYuan(other),
      total: roundYuan(medical + education + other),
    },
    medicalGrossCosts: roundYuan(medicalGrossCosts),
    outsideWindow: recordsOutsideWindow(window, {
      incomes: input.incomes,
      operatingCosts: input.operatingCosts,
      insuranceClaims: input.insuranceClaims,
      compliantOutOfPocket: input.compliantOutOfPocket,
    }),
  };
}
