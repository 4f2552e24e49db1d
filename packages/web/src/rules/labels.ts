import type { TFunction } from 'i18next';
import type { RuleSetChange, RuleSetOverride, RuleSetVersionItem } from '../api/types';
import { fieldKeyOf, isDayLimit, overridePaths, regionLevelOf, shortRegionCode } from './rule-model';

/** Display label of a rule path (`monitoringLine.yuanPerPersonYear` → 监测线), parents as fallback. */
export function ruleFieldLabel(t: TFunction, path: string): string {
  const { key, suffix } = fieldKeyOf(path);
  const parts = key.split('_');
  for (let n = parts.length; n > 0; n -= 1) {
    const candidate = parts.slice(0, n).join('_');
    const label = t(`rules.fields.${candidate}`, { defaultValue: '' });
    if (label) {
      const rest = parts.slice(n).join('.');
      const head = rest ? `${label} · ${rest}` : label;
      return suffix ? `${head}（${t(`rules.fields.${suffix}`)}）` : head;
    }
  }
  return path;
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 4 }).format(value);
}

export function formatPercent(t: TFunction, ratio: number, language: string): string {
  return t('rules.percent', { value: formatNumber(Math.round(ratio * 1000) / 10, language) });
}

export function formatDayLimit(t: TFunction, limit: unknown): string {
  if (limit === null || limit === undefined) return t('rules.noLimit');
  if (!isDayLimit(limit)) return JSON.stringify(limit);
  return t(`rules.days.${limit.unit}`, { count: limit.days });
}

const YUAN_PATHS = new Set([
  'monitoringLine.yuanPerPersonYear',
  'monitoringLine.derivation.povertyStandard',
  'monitoringLine.derivation.roundUpTo',
  'departmentSignals.medicalOutOfPocket.general',
  'departmentSignals.medicalOutOfPocket.formerlyPoor',
  'departmentSignals.educationCostPerSchoolYear',
  'redFlags.vehicleMinPurchasePrice',
  'quality.implausibleWageBelow',
  'quality.highIncomeFlag.perCapitaAbove',
]);
const MONTH_PATHS = new Set(['incomeWindowMonths', 'eliminationMinMonths', 'quality.quickEliminationMonths']);
const CODE_PATHS: Record<string, string> = {
  policyEra: 'policyEra',
  householdSizeBasis: 'householdSizeBasis',
  noticeLevel: 'noticeLevel',
  helperReadScope: 'helperReadScope',
};

/** A rule value as a person reads it: "9,600 元", "15 个工作日", "乡镇公示", "是". */
export function formatRuleValue(t: TFunction, path: string, value: unknown, language: string): string {
  if (value === undefined) return t('common.empty');
  const last = path.split('.').pop() ?? path;
  if (path.startsWith('stepLimits.') || path === 'identificationLimit') {
    if (path.split('.').length <= 2) return formatDayLimit(t, value);
  }
  if (value === null) return path === 'redFlags.vehicleMinPurchasePrice' ? t('rules.anyPrice') : t('rules.none');
  if (isDayLimit(value)) return formatDayLimit(t, value);
  if (last === 'unit' && typeof value === 'string') return t(`rules.codes.unit.${value}`, { defaultValue: value });
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  const list = CODE_PATHS[path];
  if (list && typeof value === 'string') return t(`rules.codes.${list}.${value}`, { defaultValue: value });
  if (typeof value === 'number') {
    if (YUAN_PATHS.has(path)) return t('rules.yuan', { value: formatNumber(value, language) });
    if (MONTH_PATHS.has(path)) return t('rules.months', { count: value });
    if (path === 'noticeDays') return t('rules.days.calendar', { count: value });
    if (path === 'cadreAssignmentWorkingDays') return t('rules.days.working', { count: value });
    if (path === 'departmentSignals.operatingIncomeDropRatio') return formatPercent(t, value, language);
    if (path === 'monitoringLine.year' || path.endsWith('fromYear')) return String(value);
    return formatNumber(value, language);
  }
  if (Array.isArray(value)) {
    if (path === 'redFlags.vehicleKinds') {
      return value.map((v) => t(`rules.codes.vehicleKinds.${String(v)}`, { defaultValue: String(v) })).join('、');
    }
    if (value.length === 0) return t('rules.none');
    return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join('、');
  }
  if (typeof value === 'string') return value || t('common.empty');
  return JSON.stringify(value);
}

/** Name of a region: known names (the user's own region, the region tree), else "县级 451028". */
export function regionDisplayName(t: TFunction, code: string, names: ReadonlyMap<string, string>): string {
  const known = names.get(code.padEnd(12, '0'));
  if (known) return known;
  const level = t(`codes.regionLevel.${regionLevelOf(code)}`);
  return `${t('rules.regionLevelRules', { level })} ${shortRegionCode(code)}`;
}

/** What a stored version sets, as labels: each path for an override, a count for complete defaults. */
export function overrideSummary(t: TFunction, rules: RuleSetOverride): { labels: string[]; complete: boolean } {
  const paths = overridePaths(rules);
  if (paths.length > 12) return { labels: [t('rules.allFields', { count: paths.length })], complete: true };
  return { labels: [...new Set(paths.map((p) => ruleFieldLabel(t, p)))], complete: false };
}

/** Versions that contribute to the rule set in force today are marked 现行. */
export function isSource(version: RuleSetVersionItem, sources: readonly { version: string }[]): boolean {
  return sources.some((s) => s.version === version.version);
}

/** A server field error in the reader's words: zod's "Too small: expected number to be >=5" → 不能小于 5. */
export function fieldMessage(t: TFunction, detail: string): string {
  const text = detail.replace(/^rules\.[\w.]+:\s*/, '');
  const min = /Too small: expected number to be >(=?)(-?[\d.]+)/.exec(text);
  if (min) return t(min[1] ? 'rules.form.min' : 'rules.form.above', { value: min[2] });
  const max = /Too big: expected number to be <(=?)(-?[\d.]+)/.exec(text);
  if (max) return t(max[1] ? 'rules.form.max' : 'rules.form.below', { value: max[2] });
  return text;
}

/** The order rules are read in (the server sorts paths alphabetically): the line first. */
const PATH_ORDER = [
  'monitoringLine.yuanPerPersonYear',
  'monitoringLine.year',
  'monitoringLine',
  'policyEra',
  'incomeWindowMonths',
  'householdSizeBasis',
  'noticeDays',
  'noticeLevel',
  'identificationLimit',
  'stepLimits',
  'cadreAssignmentWorkingDays',
  'helperReadScope',
  'elimination',
  'departmentSignals',
  'redFlags',
  'quality',
  'calendar',
];

export function sortChanges(changes: readonly RuleSetChange[]): RuleSetChange[] {
  const rank = (path: string) => {
    const i = PATH_ORDER.findIndex((p) => path === p || path.startsWith(p));
    return i === -1 ? PATH_ORDER.length : i;
  };
  return [...changes].sort((a, b) => rank(a.path) - rank(b.path));
}

/**
 * A rule set's note as a person reads it: the shipped notes cite their sources as in docs/DOMAIN.md
 * (`[S27]`, `[S76 UNCERTAIN]`) and mark unverified numbers `UNCERTAIN`; on the page the citation
 * marks go and the mark becomes words in the reader's language.
 */
export function readableNote(t: TFunction, note: string): string {
  return note
    .replace(/\s*\[S\d+(?:\s*UNCERTAIN)?\](?:\s*\[S\d+(?:\s*UNCERTAIN)?\])*/g, '')
    .replace(/UNCERTAIN/g, t('rules.uncertain'))
    .trim();
}
