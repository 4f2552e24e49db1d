/**
 * Risk–measure coverage (docs/DOMAIN.md "Coverage rules": national
 * data-quality rules [S40] and templates [S63]): every risk type needs a measure of a matching
 * category, and two combinations are invalid whatever the measures.
 */
import { MAX_RISK_TYPES_PER_HOUSEHOLD, RISK_TYPES, type RiskTypeCode, riskTypeByCode } from '../codes/risk-types.ts';
import { MEASURE_CATEGORIES, type MeasureCategoryName } from '../codes/measure-categories.ts';
import type { HouseholdMember } from '../assessment/household-input.ts';

type LabourCapacity = HouseholdMember['labourCapacity'];

/**
 * Which measure categories cover a risk type: at least one must be present. Risk types not listed
 * (natural disasters 02xx, accident 05, other 99) have no required category: temporary assistance
 * and disaster relief vary (docs/DOMAIN.md "Coverage rules", [S25][S58]).
 */
export const COVERAGE_RULES: Readonly<Partial<Record<RiskTypeCode, readonly MeasureCategoryName[]>>> = {
  [RISK_TYPES.schooling.code]: ['compulsoryEducation', 'otherEducation', 'socialAssistance'],
  [RISK_TYPES.disability.code]: ['socialProtection', 'socialAssistance'],
  [RISK_TYPES.housingSafety.code]: ['housing', 'relocation'],
  [RISK_TYPES.drinkingWater.code]: ['water'],
  [RISK_TYPES.illness.code]: ['health'],
  [RISK_TYPES.unstableEmployment.code]: ['employment'],
  [RISK_TYPES.failedIndustryProject.code]: ['industry'],
  [RISK_TYPES.lackOfLabour.code]: ['socialProtection'],
};

/** What coverage needs to know about the household. */
export interface CoverageHousehold {
  readonly members: readonly { readonly labourCapacity: LabourCapacity; readonly isLegalSupporter?: boolean | undefined }[];
  /** Compliant out-of-pocket medical spending over the window (因病 needs > 0). */
  readonly compliantOutOfPocketMedical: number;
}

/** Kinds of coverage problem. */
export type CoverageProblemCode =
  | 'riskWithoutMeasure'
  | 'illnessWithoutOutOfPocket'
  | 'unstableEmploymentWithoutLabour'
  | 'lackOfLabourWithLabour'
  | 'tooManyRiskTypes';

/** One problem, shown to the county as an error. */
export interface CoverageProblem {
  readonly code: CoverageProblemCode;
  readonly riskType?: RiskTypeCode | undefined;
  /** For `riskWithoutMeasure`: the categories any one of which would cover it. */
  readonly expected?: readonly MeasureCategoryName[] | undefined;
  readonly message: string;
  readonly rule: string;
}

const RULE = 'docs/DOMAIN.md#coverage-rules [S40]';

/**
 * Check the measures of a household against its risk types (docs/DOMAIN.md "Coverage rules"): a risk
 * without a matching measure category; 因病 with compliant out-of-pocket spending 0; the two
 * invalid combinations — 因务工就业不稳 when no member can work (5_15_013) and 缺劳动力 when at
 * least half of a household of four or more can work (5_11_029); more than five risk types.
 * Returns an empty list when everything is covered.
 */
export function checkCoverage(
  riskTypes: readonly RiskTypeCode[],
  measures: readonly MeasureCategoryName[],
  household: CoverageHousehold,
): CoverageProblem[] {
  const problems: CoverageProblem[] = [];
  const present = new Set(measures);
  const members = household.members.filter((m) => m.isLegalSupporter !== true);
  const canWork = members.filter((m) => m.labourCapacity === 'full' || m.labourCapacity === 'partial').length;
  if (riskTypes.length > MAX_RISK_TYPES_PER_HOUSEHOLD) {
    problems.push({ code: 'tooManyRiskTypes', message: `风险类型 ${riskTypes.length} 个，最多 ${MAX_RISK_TYPES_PER_HOUSEHOLD} 个`, rule: RULE });
  }
  for (const risk of riskTypes) {
    const name = riskTypeByCode(risk)?.zh ?? risk;
    const expected = COVERAGE_RULES[risk];
    if (expected && !expected.some((c) => present.has(c))) {
      problems.push({
        code: 'riskWithoutMeasure',
        riskType: risk,
        expected,
        message: `风险「${name}」缺少对应帮扶措施：应有${expected.map((c) => MEASURE_CATEGORIES[c].zh).join('、')}之一`,
        rule: RULE,
      });
    }
    if (risk === RISK_TYPES.illness.code && !(household.compliantOutOfPocketMedical > 0)) {
      problems.push({ code: 'illnessWithoutOutOfPocket', riskType: risk, message: '风险为因病，但合规自付支出为 0', rule: RULE });
    }
    if (risk === RISK_TYPES.unstableEmployment.code && canWork === 0) {
      problems.push({
        code: 'unstableEmploymentWithoutLabour',
        riskType: risk,
        message: '风险为因务工就业不稳，但家庭成员均无劳动能力',
        rule: RULE,
      });
    }
    if (risk === RISK_TYPES.lackOfLabour.code && members.length >= 4 && canWork * 2 >= members.length) {
      problems.push({
        code: 'lackOfLabourWithLabour',
        riskType: risk,
        message: `风险为缺劳动力，但 ${members.length} 口之家有 ${canWork} 人有劳动能力（过半）`,
        rule: RULE,
      });
    }
  }
  return problems;
}
