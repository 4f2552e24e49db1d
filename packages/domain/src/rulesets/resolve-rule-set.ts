/**
 * Resolve the rule set in force for a region on a date, by inheritance: province default → city →
 * county override → township/village (issue 3 item 1: "resolved by inheritance (province default
 * → county override)"). Pure: the caller loads the stored versions and passes them in.
 */
import { buildWorkingCalendar, type WorkingCalendar } from '../calendar/working-days.ts';
import {
  type RuleSet,
  type RuleSetOverride,
  type RuleSetSource,
  type RuleSetVersion,
  RuleSetSchema,
} from './rule-set.schema.ts';

/** Thrown when no stored version covers the region's province on the date. */
export class RuleSetUnavailableError extends Error {
  readonly code = 'RULE_SET_UNAVAILABLE';
  constructor(
    readonly regionCode: string,
    readonly date: string,
  ) {
    super(`No rule set in force for region ${regionCode} on ${date}: add a province default effective on or before ${date}`);
    this.name = 'RuleSetUnavailableError';
  }
}

/** Thrown when the merged layers do not form a complete, valid rule set. */
export class RuleSetInvalidError extends Error {
  readonly code = 'RULE_SET_INVALID';
  constructor(
    readonly version: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(`Rule set ${version} is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'RuleSetInvalidError';
  }
}

const LEVEL_LENGTHS = [2, 4, 6, 9, 12] as const;

/** A region code padded to 12 digits (6-digit county codes gain six zeros). */
function padRegionCode(code: string): string {
  return code.padEnd(12, '0');
}

/**
 * The region and its ancestors, province first, as 12-digit codes: 451028 (乐业县) →
 * [450000000000 广西, 451000000000 百色市, 451028000000]. Levels whose digits are all zero are
 * skipped (docs/DOMAIN.md "Regions": five levels, 12-digit statistical codes).
 */
export function regionChain(code: string): string[] {
  const full = padRegionCode(code);
  const chain: string[] = [];
  let previous = 0;
  for (const length of LEVEL_LENGTHS) {
    const ownDigits = full.slice(previous, length);
    if (length === 2 || /[1-9]/.test(ownDigits)) chain.push(full.slice(0, length).padEnd(12, '0'));
    previous = length;
  }
  return chain;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Merge override layers, earliest (province) first. Objects merge key by key at every depth
 * (so a county can change only `departmentSignals.medicalOutOfPocket.formerlyPoor`); arrays and
 * scalars replace; `null` replaces (e.g. removes a step limit); `undefined` keeps the inherited
 * value. `calendar.manualYears` is an object, so a county adds years without repeating the
 * province's.
 */
export function mergeRuleSetLayers(layers: readonly RuleSetOverride[]): RuleSetOverride {
  let result: Record<string, unknown> = {};
  for (const layer of layers) result = mergeValue(result, layer) as Record<string, unknown>;
  return result;
}

function mergeValue(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (isPlainObject(base) && isPlainObject(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(over)) out[key] = mergeValue(base[key], value);
    return out;
  }
  return over;
}

/**
 * The version in force for one exact region on `date`: the one with the latest `effectiveFrom`
 * not after `date`; on equal dates the one later in `versions` (append order) wins.
 */
export function versionInForce(
  versions: readonly RuleSetVersion[],
  regionCode: string,
  date: string,
): RuleSetVersion | undefined {
  const target = padRegionCode(regionCode);
  let best: RuleSetVersion | undefined;
  for (const v of versions) {
    if (padRegionCode(v.regionCode) !== target || v.effectiveFrom > date) continue;
    if (!best || v.effectiveFrom >= best.effectiveFrom) best = v;
  }
  return best;
}

/**
 * The rule set in force for `regionCode` on `date` (YYYY-MM-DD): for the region and each
 * ancestor, the latest version effective on `date`, merged province → city → county → township
 * → village with {@link mergeRuleSetLayers}, then validated. The result's `version` joins the
 * contributing versions (`gx-2026.1+leye-2026.1`) so a decision can record exactly what it used.
 * So an edit effective next year changes assessments dated next year and not this year's
 * (issue 3 "Done when"). Throws {@link RuleSetUnavailableError} or {@link RuleSetInvalidError}.
 */
export function resolveRuleSet(versions: readonly RuleSetVersion[], regionCode: string, date: string): RuleSet {
  const picked: RuleSetVersion[] = [];
  for (const level of regionChain(regionCode)) {
    const v = versionInForce(versions, level, date);
    if (v) picked.push(v);
  }
  if (picked.length === 0 || padRegionCode(picked[0]!.regionCode) !== regionChain(regionCode)[0]) {
    throw new RuleSetUnavailableError(regionCode, date);
  }
  const sources: RuleSetSource[] = picked.map((v) => ({
    version: v.version,
    regionCode: v.regionCode,
    effectiveFrom: v.effectiveFrom,
  }));
  const version = picked.map((v) => v.version).join('+');
  const merged = mergeRuleSetLayers(picked.map((v) => v.rules));
  const parsed = RuleSetSchema.safeParse({ ...merged, version, regionCode, resolvedFor: date, sources });
  if (!parsed.success) {
    throw new RuleSetInvalidError(
      version,
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return parsed.data;
}

/** One changed leaf between two rule sets, for the admin's "diff against the previous version". */
export interface RuleSetChange {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

/**
 * Leaf-by-leaf differences between two rule sets or overrides (arrays compared as wholes).
 * Used by the rule-set administration page to show what a new version changes (issue 3 item 8).
 */
export function diffRuleSets(before: unknown, after: unknown, path = ''): RuleSetChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffRuleSets(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path, before, after }];
}

const calendarCache = new WeakMap<object, WorkingCalendar>();

/**
 * The working calendar for a rule set: official years plus the rule set's manual years
 * (docs/DOMAIN.md "Helpers after approval": working days on the official calendar with 调休).
 * Memoised per rule-set object.
 */
export function calendarForRuleSet(ruleSet: Pick<RuleSet, 'calendar'>): WorkingCalendar {
  const cached = calendarCache.get(ruleSet);
  if (cached) return cached;
  const calendar = buildWorkingCalendar(ruleSet.calendar.manualYears);
  calendarCache.set(ruleSet, calendar);
  return calendar;
}
