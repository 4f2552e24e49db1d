import type { DayLimit, RuleSet, RuleSetOverride, RuleSetVersionItem } from '../api/types';

/* Pure helpers of the rule-set page: region codes, dates, the edit form ↔ override, and the
   labels of rule paths. No React here, so they are unit-tested (rule-model.test.ts). */

export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

/** A region code padded to 12 digits (451028 → 451028000000). */
export function padRegionCode(code: string): string {
  return code.padEnd(12, '0');
}

/** The level of a 12-digit statistical code: the deepest non-zero segment. */
export function regionLevelOf(code: string): RegionLevel {
  const full = padRegionCode(code);
  if (/[1-9]/.test(full.slice(9, 12))) return 'village';
  if (/[1-9]/.test(full.slice(6, 9))) return 'township';
  if (/[1-9]/.test(full.slice(4, 6))) return 'county';
  if (/[1-9]/.test(full.slice(2, 4))) return 'city';
  return 'province';
}

/** The region and its ancestors, province first, as 12-digit codes (all-zero levels skipped). */
export function regionChain(code: string): string[] {
  const full = padRegionCode(code);
  const chain: string[] = [];
  let previous = 0;
  for (const length of [2, 4, 6, 9, 12]) {
    if (length === 2 || /[1-9]/.test(full.slice(previous, length))) chain.push(full.slice(0, length).padEnd(12, '0'));
    previous = length;
  }
  return chain;
}

/** The significant digits of a code (451028000000 → 451028), for compact display. */
export function shortRegionCode(code: string): string {
  const level = regionLevelOf(code);
  const length = { province: 2, city: 4, county: 6, township: 9, village: 12 }[level];
  return padRegionCode(code).slice(0, Math.max(length, 6));
}

/** Rule sets are set for a province, city or county (the server refuses other levels). */
export function isRuleLevel(code: string): boolean {
  const level = regionLevelOf(code);
  return level === 'province' || level === 'city' || level === 'county';
}

/** 1 January of the year after `today` (YYYY-MM-DD): the usual start of a new monitoring line. */
export function nextJanuaryFirst(today: string): string {
  return `${Number(today.slice(0, 4)) + 1}-01-01`;
}

export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}

/**
 * The version of exactly `regionCode` in force on `date` (latest effectiveFrom not after the date;
 * on equal dates the one published last). `versions` is newest first, as the server lists them.
 * The resolver takes only this one version per region, so a new version must repeat its content.
 */
export function ownVersionInForce(
  versions: readonly RuleSetVersionItem[],
  regionCode: string,
  date: string,
): RuleSetVersionItem | undefined {
  const target = padRegionCode(regionCode);
  let best: RuleSetVersionItem | undefined;
  for (const v of versions) {
    if (padRegionCode(v.regionCode) !== target || v.effectiveFrom > date) continue;
    if (!best || v.effectiveFrom > best.effectiveFrom) best = v;
  }
  return best;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays, scalars and null replace (as the server's resolver merges). */
export function mergeOverrides(base: RuleSetOverride, over: RuleSetOverride): RuleSetOverride {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? mergeOverrides(current, value) : value;
  }
  return out;
}

/** Dotted paths of the leaves an override sets (arrays and null are leaves). */
export function overridePaths(rules: unknown, prefix = ''): string[] {
  if (!isPlainObject(rules)) return prefix ? [prefix] : [];
  const paths: string[] = [];
  for (const [key, value] of Object.entries(rules)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(value) && Object.keys(value).length > 0 && !isDayLimit(value))
      paths.push(...overridePaths(value, path));
    else paths.push(path);
  }
  return paths;
}

export function isDayLimit(value: unknown): value is DayLimit {
  return (
    isPlainObject(value) && typeof value.days === 'number' && (value.unit === 'calendar' || value.unit === 'working')
  );
}

/** The fields of the new-version form (the most-edited rules). */
export interface RuleFormValues {
  effectiveFrom: string;
  amount: number;
  lineYear: number;
  noticeDays: number;
  noticeLevel: 'village' | 'township';
  identificationDays: number;
  identificationUnit: 'calendar' | 'working';
  cadreAssignmentWorkingDays: number;
  /** What a helping cadre reads: its own households or its region (帮扶干部查看范围). */
  helperReadScope: 'assigned' | 'region';
  medicalGeneral: number;
  medicalFormerlyPoor: number;
  note?: string;
}

export type RuleFormField = keyof RuleFormValues;

/** The form prefilled from the rule set in force on the chosen effective date. */
export function formValuesFrom(ruleSet: RuleSet): Omit<RuleFormValues, 'effectiveFrom' | 'note'> {
  return {
    amount: ruleSet.monitoringLine.yuanPerPersonYear,
    lineYear: ruleSet.monitoringLine.year,
    noticeDays: ruleSet.noticeDays,
    noticeLevel: ruleSet.noticeLevel,
    identificationDays: ruleSet.identificationLimit.days,
    identificationUnit: ruleSet.identificationLimit.unit,
    cadreAssignmentWorkingDays: ruleSet.cadreAssignmentWorkingDays,
    helperReadScope: ruleSet.helperReadScope,
    medicalGeneral: ruleSet.departmentSignals.medicalOutOfPocket.general,
    medicalFormerlyPoor: ruleSet.departmentSignals.medicalOutOfPocket.formerlyPoor,
  };
}

/** Only the fields that differ from the rule set in force, as a partial override. */
export function changedRules(ruleSet: RuleSet, values: RuleFormValues): RuleSetOverride {
  const rules: Record<string, unknown> = {};
  const line: Record<string, number> = {};
  if (values.amount !== ruleSet.monitoringLine.yuanPerPersonYear) line.yuanPerPersonYear = values.amount;
  if (values.lineYear !== ruleSet.monitoringLine.year) line.year = values.lineYear;
  if (Object.keys(line).length > 0) rules.monitoringLine = line;
  if (values.noticeDays !== ruleSet.noticeDays) rules.noticeDays = values.noticeDays;
  if (values.noticeLevel !== ruleSet.noticeLevel) rules.noticeLevel = values.noticeLevel;
  if (
    values.identificationDays !== ruleSet.identificationLimit.days ||
    values.identificationUnit !== ruleSet.identificationLimit.unit
  ) {
    rules.identificationLimit = { days: values.identificationDays, unit: values.identificationUnit };
  }
  if (values.cadreAssignmentWorkingDays !== ruleSet.cadreAssignmentWorkingDays) {
    rules.cadreAssignmentWorkingDays = values.cadreAssignmentWorkingDays;
  }
  if (values.helperReadScope !== ruleSet.helperReadScope) rules.helperReadScope = values.helperReadScope;
  const medical: Record<string, number> = {};
  if (values.medicalGeneral !== ruleSet.departmentSignals.medicalOutOfPocket.general)
    medical.general = values.medicalGeneral;
  if (values.medicalFormerlyPoor !== ruleSet.departmentSignals.medicalOutOfPocket.formerlyPoor) {
    medical.formerlyPoor = values.medicalFormerlyPoor;
  }
  if (Object.keys(medical).length > 0) rules.departmentSignals = { medicalOutOfPocket: medical };
  return rules;
}

/** Server problem `field` (e.g. `rules.noticeDays`) → the form field that shows the error. */
export function formFieldOf(field: string | undefined): RuleFormField | null {
  if (!field) return null;
  const map: Record<string, RuleFormField> = {
    effectiveFrom: 'effectiveFrom',
    note: 'note',
    'rules.monitoringLine.yuanPerPersonYear': 'amount',
    'rules.monitoringLine.year': 'lineYear',
    'rules.noticeDays': 'noticeDays',
    'rules.noticeLevel': 'noticeLevel',
    'rules.identificationLimit': 'identificationDays',
    'rules.identificationLimit.days': 'identificationDays',
    'rules.identificationLimit.unit': 'identificationUnit',
    'rules.cadreAssignmentWorkingDays': 'cadreAssignmentWorkingDays',
    'rules.helperReadScope': 'helperReadScope',
    'rules.departmentSignals.medicalOutOfPocket.general': 'medicalGeneral',
    'rules.departmentSignals.medicalOutOfPocket.formerlyPoor': 'medicalFormerlyPoor',
  };
  return map[field] ?? null;
}

/** i18n key (under `rules.fields`) of a rule path; unknown paths fall back to their parent. */
export function fieldKeyOf(path: string): { key: string; suffix: 'days' | 'unit' | null } {
  const key = path.replace(/\[\d+\]/g, '').replace(/\./g, '_');
  const last = path.split('.').pop();
  if ((last === 'days' || last === 'unit') && path.includes('.')) {
    return { key: path.split('.').slice(0, -1).join('_'), suffix: last };
  }
  return { key, suffix: null };
}

/**
 * A made-up household for the 试算 card: `members` working-age, healthy members and one year's net
 * income booked in the month before the application month (inside every income window).
 */
export function trialHousehold(input: {
  regionCode: string;
  applicationDate: string;
  householdType: 'ordinary' | 'formerlyPoor';
  members: number;
  netIncome: number;
}): Record<string, unknown> {
  const year = Number(input.applicationDate.slice(0, 4));
  const month = Number(input.applicationDate.slice(5, 7));
  const previous = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
  return {
    id: 'trial',
    regionCode: input.regionCode,
    householdType: input.householdType,
    applicationDate: input.applicationDate,
    members: Array.from({ length: input.members }, (_, i) => ({
      id: `m${i + 1}`,
      relation: i === 0 ? '01' : '10',
      birthDate: `${year - 40}-01-01`,
      labourCapacity: 'full',
      health: 'healthy',
      schooling: 'notInSchool',
    })),
    incomes: [{ component: 'wage', amount: input.netIncome, month: previous }],
  };
}
