/**
 * The eight data-quality checks run on national-system exports (docs/DOMAIN.md "Data-quality checks";
 * "Coverage rules", "Risk elimination" [S40]), one function each, plus a registry-wide run.
 * Thresholds come from the rule set (`ruleSet.quality`) and the line of the year from the caller.
 */
import { RISK_TYPES } from '../codes/risk-types.ts';
import type { HouseholdMember } from '../assessment/household-input.ts';

type LabourCapacity = HouseholdMember['labourCapacity'];
import type { RuleSet } from '../rulesets/rule-set.schema.ts';

/** A registry household as the checks read it (one row of the national export). */
export interface QualityHousehold {
  readonly id: string;
  readonly regionCode: string;
  readonly riskTypes: readonly string[];
  /** Identification month or date (识别监测时间, `YYYY-MM` or `YYYY-MM-DD`); null if not identified. */
  readonly identifiedOn: string | null;
  readonly perCapitaNetIncome: number;
  /** Per-capita net income recorded after elimination (风险消除后), when present. */
  readonly perCapitaNetIncomeAfterElimination?: number | undefined;
  readonly wageIncome: number;
  readonly transferIncome: number;
  /** Compliant out-of-pocket spending (合规自付支出). */
  readonly compliantOutOfPocket: number;
  /** Social-protection benefits the household enjoys. */
  readonly enjoys: { readonly dibao: boolean; readonly tekun: boolean; readonly disabilityAllowance: boolean };
  readonly problems: { readonly housingSafety: boolean; readonly drinkingWater: boolean };
  readonly elimination: { readonly mode: 'assisted' | 'natural'; readonly date: string } | null;
  readonly members: readonly { readonly labourCapacity: LabourCapacity }[];
  /** Flagged 整户无劳动能力兜底保障户. */
  readonly isNoLabourSafetyNetHousehold: boolean;
}

/** What the checks need besides the household. */
export interface QualityContext {
  readonly thresholds: RuleSet['quality'];
  /** The monitoring line for a region and year (from the rule set in force), or undefined if none. */
  readonly monitoringLineFor: (regionCode: string, year: number) => number | undefined;
}

/** Names of the eight checks. */
export type QualityCheckName =
  | 'allowanceWithoutTransferIncome'
  | 'illnessWithoutOutOfPocket'
  | 'implausibleWageIncome'
  | 'highIncomeSinceYear'
  | 'quickAssistedElimination'
  | 'assistedEliminationBelowLine'
  | 'problemWithoutRiskType'
  | 'noLabourNotFlagged';

/** How serious a finding is, as the national scripts label them. */
export type QualitySeverity = 'error' | 'implausible' | 'flag' | 'suspicious';

/** One offending household. */
export interface QualityFinding {
  readonly check: QualityCheckName;
  readonly householdId: string;
  readonly severity: QualitySeverity;
  readonly message: string;
  readonly numbers: Readonly<Record<string, number>>;
}

function monthIndex(monthOrDate: string): number {
  return Number(monthOrDate.slice(0, 4)) * 12 + Number(monthOrDate.slice(5, 7)) - 1;
}

/**
 * Dibao, 特困 support or disability allowance enjoyed but transfer income 0 → error
 * (docs/DOMAIN.md "Data-quality checks"; [S40]).
 */
export function checkAllowanceWithoutTransferIncome(h: QualityHousehold): QualityFinding | null {
  const { dibao, tekun, disabilityAllowance } = h.enjoys;
  if (!(dibao || tekun || disabilityAllowance) || h.transferIncome !== 0) return null;
  const what = [dibao && '低保', tekun && '特困供养', disabilityAllowance && '残疾人补贴'].filter(Boolean).join('、');
  return {
    check: 'allowanceWithoutTransferIncome',
    householdId: h.id,
    severity: 'error',
    message: `享受${what}，但转移性收入为 0`,
    numbers: { transferIncome: 0 },
  };
}

/** Risk 因病 but compliant out-of-pocket spending 0 → error (rule 5_15_020 [S40]). */
export function checkIllnessWithoutOutOfPocket(h: QualityHousehold): QualityFinding | null {
  if (!h.riskTypes.includes(RISK_TYPES.illness.code) || h.compliantOutOfPocket > 0) return null;
  return {
    check: 'illnessWithoutOutOfPocket',
    householdId: h.id,
    severity: 'error',
    message: '风险类型为因病，但合规自付支出为 0',
    numbers: { compliantOutOfPocket: h.compliantOutOfPocket },
  };
}

/** Wage income strictly between 0 and the threshold (100 yuan) → implausible ([S40]). */
export function checkImplausibleWageIncome(h: QualityHousehold, ctx: QualityContext): QualityFinding | null {
  const limit = ctx.thresholds.implausibleWageBelow;
  if (!(h.wageIncome > 0 && h.wageIncome < limit)) return null;
  return {
    check: 'implausibleWageIncome',
    householdId: h.id,
    severity: 'implausible',
    message: `工资性收入 ${h.wageIncome} 元，介于 0 与 ${limit} 元之间，不合常理`,
    numbers: { wageIncome: h.wageIncome, threshold: limit },
  };
}

/** Identified in or after the year (2023) with per-capita income above the amount (20 000) → flag ([S40]). */
export function checkHighIncomeSinceYear(h: QualityHousehold, ctx: QualityContext): QualityFinding | null {
  const { fromYear, perCapitaAbove } = ctx.thresholds.highIncomeFlag;
  if (h.identifiedOn === null || Number(h.identifiedOn.slice(0, 4)) < fromYear) return null;
  if (!(h.perCapitaNetIncome > perCapitaAbove)) return null;
  return {
    check: 'highIncomeSinceYear',
    householdId: h.id,
    severity: 'flag',
    message: `${fromYear} 年以来识别，人均纯收入 ${h.perCapitaNetIncome} 元，高于 ${perCapitaAbove} 元`,
    numbers: { perCapitaNetIncome: h.perCapitaNetIncome, threshold: perCapitaAbove },
  };
}

/**
 * `assisted` elimination recorded within N (2) months of identification → suspicious (the
 * Guizhou check compares months with a difference ≤ 2 [S40]).
 */
export function checkQuickAssistedElimination(h: QualityHousehold, ctx: QualityContext): QualityFinding | null {
  if (h.elimination?.mode !== 'assisted' || h.identifiedOn === null) return null;
  const months = monthIndex(h.elimination.date) - monthIndex(h.identifiedOn);
  if (months > ctx.thresholds.quickEliminationMonths) return null;
  return {
    check: 'quickAssistedElimination',
    householdId: h.id,
    severity: 'suspicious',
    message: `识别后 ${months} 个月即帮扶消除风险`,
    numbers: { months, threshold: ctx.thresholds.quickEliminationMonths },
  };
}

/**
 * `assisted` elimination with per-capita income (after elimination, if recorded) below the line of
 * the elimination year → error (rule 4_11_010 [S40]). Skipped when no line is known for that year.
 */
export function checkAssistedEliminationBelowLine(h: QualityHousehold, ctx: QualityContext): QualityFinding | null {
  if (h.elimination?.mode !== 'assisted') return null;
  const year = Number(h.elimination.date.slice(0, 4));
  const line = ctx.monitoringLineFor(h.regionCode, year);
  if (line === undefined) return null;
  const income = h.perCapitaNetIncomeAfterElimination ?? h.perCapitaNetIncome;
  if (!(income < line)) return null;
  return {
    check: 'assistedEliminationBelowLine',
    householdId: h.id,
    severity: 'error',
    message: `帮扶消除风险，但人均纯收入 ${income} 元低于 ${year} 年监测线 ${line} 元`,
    numbers: { perCapitaNetIncome: income, monitoringLine: line, year },
  };
}

/** A drinking-water problem must carry risk 11, a housing problem risk 10 (rule 4_11_006 [S40]) → error. */
export function checkProblemWithoutRiskType(h: QualityHousehold): QualityFinding | null {
  const missing: string[] = [];
  if (h.problems.drinkingWater && !h.riskTypes.includes(RISK_TYPES.drinkingWater.code)) missing.push('饮水安全问题未标注风险「因安全饮水」(11)');
  if (h.problems.housingSafety && !h.riskTypes.includes(RISK_TYPES.housingSafety.code)) missing.push('住房安全问题未标注风险「因安全住房」(10)');
  if (missing.length === 0) return null;
  return { check: 'problemWithoutRiskType', householdId: h.id, severity: 'error', message: missing.join('；'), numbers: {} };
}

/** A household where nobody can work must be flagged 整户无劳动能力兜底保障户 (rule 1111_07 [S40]) → error. */
export function checkNoLabourNotFlagged(h: QualityHousehold): QualityFinding | null {
  if (h.members.length === 0 || h.isNoLabourSafetyNetHousehold) return null;
  if (h.members.some((m) => m.labourCapacity === 'full' || m.labourCapacity === 'partial')) return null;
  return {
    check: 'noLabourNotFlagged',
    householdId: h.id,
    severity: 'error',
    message: '家庭成员均无劳动能力，但未标注整户无劳动能力兜底保障户',
    numbers: { members: h.members.length },
  };
}

/** The eight checks in docs/DOMAIN.md order, with their zh-CN titles. */
export const QUALITY_CHECKS: readonly {
  readonly name: QualityCheckName;
  readonly title: string;
  readonly run: (h: QualityHousehold, ctx: QualityContext) => QualityFinding | null;
}[] = [
  { name: 'allowanceWithoutTransferIncome', title: '享受低保/特困/残疾人补贴但转移性收入为0', run: checkAllowanceWithoutTransferIncome },
  { name: 'illnessWithoutOutOfPocket', title: '因病但合规自付支出为0', run: checkIllnessWithoutOutOfPocket },
  { name: 'implausibleWageIncome', title: '工资性收入在0至100元之间', run: checkImplausibleWageIncome },
  { name: 'highIncomeSinceYear', title: '2023年以来识别且人均纯收入高于20000元', run: checkHighIncomeSinceYear },
  { name: 'quickAssistedElimination', title: '识别后2个月内帮扶消除', run: checkQuickAssistedElimination },
  { name: 'assistedEliminationBelowLine', title: '帮扶消除但人均纯收入低于当年监测线', run: checkAssistedEliminationBelowLine },
  { name: 'problemWithoutRiskType', title: '饮水/住房问题未标注对应风险', run: checkProblemWithoutRiskType },
  { name: 'noLabourNotFlagged', title: '整户无劳动能力未标注兜底保障户', run: checkNoLabourNotFlagged },
];

/** Every check's findings for one household (docs/DOMAIN.md "Data-quality checks"). */
export function checkHouseholdQuality(h: QualityHousehold, ctx: QualityContext): QualityFinding[] {
  const findings: QualityFinding[] = [];
  for (const c of QUALITY_CHECKS) {
    const f = c.run(h, ctx);
    if (f) findings.push(f);
  }
  return findings;
}

/** The registry-wide report: per check its count and offending household ids. */
export interface QualityReport {
  readonly householdsChecked: number;
  readonly householdsWithFindings: number;
  readonly checks: readonly {
    readonly check: QualityCheckName;
    readonly title: string;
    readonly count: number;
    readonly householdIds: readonly string[];
  }[];
  readonly findings: readonly QualityFinding[];
}

/**
 * Run all eight checks over the registry and report counts and offending households per check
 * (issue 3 item 6; `fangpin quality-check --json` prints this).
 */
export function runQualityChecks(households: Iterable<QualityHousehold>, ctx: QualityContext): QualityReport {
  const ids = new Map<QualityCheckName, string[]>(QUALITY_CHECKS.map((c) => [c.name, []]));
  const findings: QualityFinding[] = [];
  const offenders = new Set<string>();
  let checked = 0;
  for (const h of households) {
    checked += 1;
    for (const f of checkHouseholdQuality(h, ctx)) {
      findings.push(f);
      ids.get(f.check)?.push(h.id);
      offenders.add(h.id);
    }
  }
  return {
    householdsChecked: checked,
    householdsWithFindings: offenders.size,
    checks: QUALITY_CHECKS.map((c) => {
      const list = ids.get(c.name) ?? [];
      return { check: c.name, title: c.title, count: list.length, householdIds: list };
    }),
    findings,
  };
}
