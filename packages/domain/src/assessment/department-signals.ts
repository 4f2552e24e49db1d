/**
 * Department data-comparison signals (部门筛查预警): whether one department record raises a
 * warning under the rule set's thresholds, and which risk type it points to (docs/DOMAIN.md
 * "Department signals" [S43b][S70][S71][S73][S74][S75][S76]).
 * A warning is a clue for verification, not a decision.
 */
import { DISASTER_SUBTYPE_CODES, RISK_TYPES, type DisasterSubtype, type RiskTypeCode } from '../codes/risk-types.ts';
import type { RuleSet } from '../rulesets/rule-set.schema.ts';

/** One record a department uploads, already matched to a household. */
export type DepartmentRecord =
  | { readonly source: 'medicalInsurance'; readonly householdType: 'formerlyPoor' | 'ordinary'; readonly outOfPocketLast12Months: number }
  | { readonly source: 'education'; readonly kind: 'suspectedDropout' }
  | { readonly source: 'education'; readonly kind: 'nonCompulsoryCost'; readonly costPerSchoolYear: number }
  | { readonly source: 'humanResources'; readonly kind: 'unemployment' | 'unstableWork' | 'lostMigrantJob' }
  | { readonly source: 'agriculture'; readonly kind: 'operatingIncomeDrop'; readonly previousYear: number; readonly currentYear: number }
  | { readonly source: 'agriculture'; readonly kind: 'industryProjectFailed' }
  | { readonly source: 'civilAffairs'; readonly kind: 'dibao' | 'tekun' | 'temporaryAssistance' }
  | { readonly source: 'emergencyManagement'; readonly disasterSubtype?: DisasterSubtype | undefined }
  | { readonly source: 'police'; readonly kind: 'mainLabourerDeath' | 'mainLabourerInjury' }
  | { readonly source: 'disabilityFederation'; readonly kind: 'newDisability' | 'severeDisability' }
  | { readonly source: 'housing'; readonly kind: 'unsafeHousing' }
  | { readonly source: 'water'; readonly kind: 'drinkingWaterProblem' }
  | { readonly source: 'health'; readonly kind: 'criticalIllnessPatient' };

/**
 * What a signal says, as a code: the web writes the warning's sentence from it and the signal's
 * `numbers` in the reader's language (`packages/web/src/warnings/warning-texts.ts`).
 */
export const DEPARTMENT_SIGNAL_CODES = [
  'medicalOutOfPocket',
  'suspectedDropout',
  'nonCompulsoryEducationCost',
  'employmentLost',
  'industryProjectFailed',
  'operatingIncomeDrop',
  'socialAssistance',
  'disasterVictim',
  'mainLabourerCasualty',
  'disability',
  'unsafeHousing',
  'drinkingWater',
  'criticalIllness',
] as const;
export type DepartmentSignalCode = (typeof DEPARTMENT_SIGNAL_CODES)[number];

/** The evaluation of one record. */
export interface DepartmentSignal {
  readonly isRaised: boolean;
  /** The risk type the warning points to, if any (civil-affairs benefits point to none). */
  readonly riskType: RiskTypeCode | null;
  readonly code: DepartmentSignalCode;
  /** zh-CN sentence, stored with the warning (the fallback for readers of warnings without a code). */
  readonly message: string;
  readonly numbers: Readonly<Record<string, number>>;
}

/**
 * Evaluate one department record against `ruleSet.departmentSignals` (docs/DOMAIN.md "Department
 * signals": medical out-of-pocket > 10 000 / formerly poor > 5 000 over 12 months; non-compulsory
 * education costs > 10 000 per school year; operating income drop > 50 %; every other listed
 * signal raises a warning whenever present).
 */
export function evaluateDepartmentSignal(record: DepartmentRecord, ruleSet: Pick<RuleSet, 'departmentSignals'>): DepartmentSignal {
  const t = ruleSet.departmentSignals;
  switch (record.source) {
    case 'medicalInsurance': {
      const threshold = record.householdType === 'formerlyPoor' ? t.medicalOutOfPocket.formerlyPoor : t.medicalOutOfPocket.general;
      const amount = record.outOfPocketLast12Months;
      return {
        isRaised: amount > threshold,
        riskType: RISK_TYPES.illness.code,
        code: 'medicalOutOfPocket',
        message: `医保：近12个月合规自付 ${amount} 元，预警线 ${threshold} 元`,
        numbers: { outOfPocketLast12Months: amount, threshold },
      };
    }
    case 'education':
      if (record.kind === 'suspectedDropout') {
        return { isRaised: true, riskType: RISK_TYPES.schooling.code, code: 'suspectedDropout', message: '教育：义务教育阶段疑似辍学', numbers: {} };
      }
      return {
        isRaised: record.costPerSchoolYear > t.educationCostPerSchoolYear,
        riskType: RISK_TYPES.schooling.code,
        code: 'nonCompulsoryEducationCost',
        message: `教育：非义务教育阶段费用 ${record.costPerSchoolYear} 元/学年，预警线 ${t.educationCostPerSchoolYear} 元`,
        numbers: { costPerSchoolYear: record.costPerSchoolYear, threshold: t.educationCostPerSchoolYear },
      };
    case 'humanResources':
      return { isRaised: true, riskType: RISK_TYPES.unstableEmployment.code, code: 'employmentLost', message: '人社：失业、务工不稳或外出务工岗位丢失', numbers: {} };
    case 'agriculture': {
      if (record.kind === 'industryProjectFailed') {
        return { isRaised: true, riskType: RISK_TYPES.failedIndustryProject.code, code: 'industryProjectFailed', message: '农业农村：产业项目失败', numbers: {} };
      }
      const drop = record.previousYear > 0 ? (record.previousYear - record.currentYear) / record.previousYear : 0;
      const dropRatio = Math.round(drop * 1000) / 1000;
      return {
        isRaised: dropRatio > t.operatingIncomeDropRatio,
        riskType: RISK_TYPES.failedIndustryProject.code,
        code: 'operatingIncomeDrop',
        message: `农业农村：生产经营性收入同比下降 ${Math.round(dropRatio * 100)}%，预警线 ${Math.round(t.operatingIncomeDropRatio * 100)}%`,
        numbers: { previousYear: record.previousYear, currentYear: record.currentYear, dropRatio, threshold: t.operatingIncomeDropRatio },
      };
    }
    case 'civilAffairs':
      return { isRaised: true, riskType: null, code: 'socialAssistance', message: '民政：新纳入低保、特困或临时救助', numbers: {} };
    case 'emergencyManagement':
      return { isRaised: true, riskType: DISASTER_SUBTYPE_CODES[record.disasterSubtype ?? 'other'], code: 'disasterVictim', message: '应急管理：受灾群众', numbers: {} };
    case 'police':
      return { isRaised: true, riskType: RISK_TYPES.accident.code, code: 'mainLabourerCasualty', message: '公安：主要劳动力伤亡', numbers: {} };
    case 'disabilityFederation':
      return { isRaised: true, riskType: RISK_TYPES.disability.code, code: 'disability', message: '残联：新增或重度残疾', numbers: {} };
    case 'housing':
      return { isRaised: true, riskType: RISK_TYPES.housingSafety.code, code: 'unsafeHousing', message: '住建：住房不安全', numbers: {} };
    case 'water':
      return { isRaised: true, riskType: RISK_TYPES.drinkingWater.code, code: 'drinkingWater', message: '水利：饮水安全问题', numbers: {} };
    case 'health':
      return { isRaised: true, riskType: RISK_TYPES.illness.code, code: 'criticalIllness', message: '卫健：大病专项救治对象', numbers: {} };
  }
}
