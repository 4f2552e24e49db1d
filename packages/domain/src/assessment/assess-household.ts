/**
 * Household assessment (issue 3 item 3; docs/DOMAIN.md "Income accounting", "Monitoring categories",
 * "risk type"). It advises; it never rejects: every conclusion is a listed reason with the rule
 * and the numbers behind it, and the village deliberation and the county decide.
 */
import { ageOn, type IsoDate } from '../calendar/dates.ts';
import {
  DISASTER_SUBTYPE_CODES,
  MAX_RISK_TYPES_PER_HOUSEHOLD,
  RISK_TYPES,
  type RiskTypeCode,
  riskTypeByCode,
} from '../codes/risk-types.ts';
import { computeIncomeAccount, type IncomeAccount, isInWindow, recordsOutsideWindow, roundYuan } from '../income/per-capita-income.ts';
import type { RuleSet } from '../rulesets/rule-set.schema.ts';
import { canWork, MONITORING_CATEGORY_ZH, type HouseholdAssessmentInput, type MonitoringCategory } from './household-input.ts';
import { findRedFlags, type RedFlag } from './red-flags.ts';

/**
 * Codes of assessment reasons. The web writes each reason's sentence from `code` and `params` in the
 * reader's language (`packages/web/src/cases/assessment-texts.ts`); `message` is the zh-CN sentence
 * for the Chinese documents (the A4 household file) and for assessments stored before `params` existed.
 */
export type AssessmentReasonCode =
  | 'incomeWithinLine'
  | 'incomeAboveLine'
  | 'noMembers'
  | 'recordsOutsideWindow'
  | 'rigidSpending'
  | 'rigidSpendingBringsBelowLine'
  | 'medicalSpendingAboveThreshold'
  | 'medicalSpendingBelowThreshold'
  | 'serious'
  | 'educationCostAboveThreshold'
  | 'compulsoryEducationProblem'
  | 'basicMedicalProblem'
  | 'housingSafetyProblem'
  | 'drinkingWaterProblem'
  | 'foodAndClothingProblem'
  | 'disability'
  | 'noLabour'
  | 'labourShortage'
  | 'hasLabour'
  | 'unstableEmployment'
  | 'unstableEmploymentWithoutLabour'
  | 'industryProjectFailed'
  | 'operatingIncomeDrop'
  | 'suddenEvent'
  | 'redFlag'
  | 'noRisk'
  | 'categorySuggested'
  | 'notWithinScope'
  | 'categoryOptional'
  | 'riskTypesTruncated';

/** Values of a reason's sentence: numbers, months, dates, codes (risk types, categories, red flags) and names. */
export type AssessmentReasonParams = Readonly<Record<string, string | number | boolean | readonly string[]>>;

/** One reason: what the rule found, under which rule, with the numbers behind it. */
export interface AssessmentReason {
  readonly code: AssessmentReasonCode;
  /** Where the rule comes from (a docs/DOMAIN.md anchor and docs/sources.md tags). */
  readonly rule: string;
  /** zh-CN sentence for the Chinese documents and for readers of stored assessments without `params`. */
  readonly message: string;
  readonly numbers: Readonly<Record<string, number>>;
  /** What the sentence says, as data (numbers, months, dates, codes, names; never prose): see {@link AssessmentReasonParams}. */
  readonly params: AssessmentReasonParams;
  /** Whether it speaks for inclusion, against it, or is context. */
  readonly effect: 'supports' | 'against' | 'info';
  readonly riskType?: RiskTypeCode | undefined;
}

/** Result of {@link assessHousehold}. */
export interface HouseholdAssessment {
  readonly householdId: string;
  readonly assessedOn: IsoDate;
  readonly ruleSetVersion: string;
  readonly policyEra: RuleSet['policyEra'];
  readonly perCapitaNetIncome: number;
  readonly monitoringLine: number;
  /** Per-capita net income ≤ line (income exactly at the line is within). */
  readonly withinLine: boolean;
  /** Per-capita income after compliant out-of-pocket, rigid spending and sudden losses. */
  readonly perCapitaIncomeAfterRigidSpending: number;
  readonly suggestedCategory: MonitoringCategory | null;
  /** Advisory: a category is suggested. Never a rejection. */
  readonly isWithinScope: boolean;
  /** Up to five national risk codes. */
  readonly riskTypes: readonly RiskTypeCode[];
  readonly reasons: readonly AssessmentReason[];
  readonly redFlags: readonly RedFlag[];
  /** Red flags exist: the deliberation must record an explanation. */
  readonly needsExplanation: boolean;
  readonly labourCount: number;
  readonly isWholeHouseholdWithoutLabour: boolean;
  readonly income: IncomeAccount;
}

const R = {
  income: 'docs/DOMAIN.md#income-accounting; docs/DOMAIN.md#monitoring-line [S19][S30]',
  category: 'docs/DOMAIN.md#monitoring-categories [S19][S20]',
  medical: 'docs/DOMAIN.md#department-signals 医保 [S43b][S70]',
  education: 'docs/DOMAIN.md#department-signals 教育 [S43b]',
  threeGuarantees: 'docs/DOMAIN.md#who-is-monitored 两不愁三保障+饮水 [S13][S14]',
  labour: 'docs/DOMAIN.md#coverage-rules [S40]',
  employment: 'docs/DOMAIN.md#department-signals 人社 [S74][S75]',
  agriculture: 'docs/DOMAIN.md#department-signals 农业农村 [S76]',
  sudden: 'docs/DOMAIN.md#monitoring-categories 突发严重困难户 [S19]',
  redFlag: 'docs/DOMAIN.md#red-flags-from-the-property-check 财产检索 [S27][S44]',
  riskCount: 'docs/DOMAIN.md#risk-types 风险1…风险5 [S22][S40]',
  era: 'docs/DOMAIN.md#policy-eras [S10][S12]',
} as const;

/**
 * Assess one household against the rule set in force (docs/STYLE.md rule 9: numbers from the rule set).
 * Income vs line (≤ line is within), rigid spending, 两不愁三保障 and drinking water, labour
 * capacity, department signals, sudden events and property red flags each become a reason; from
 * them come the risk types (at most five) and a suggested category:
 * - risk present and income within the line → `unstable` (脱贫户) or `marginal` (一般农户);
 * - risk present, income above the line, but a sudden event or rigid spending brings per-capita
 *   income after that spending within the line → `sudden` (either household type);
 * - otherwise none (`isWithinScope: false`), with the reasons that led there.
 * Red flags never change the suggestion; they ask for an explanation. `today` dates the
 * assessment and the members' ages. Source: docs/DOMAIN.md, issue 3 item 3.
 */
export function assessHousehold(household: HouseholdAssessmentInput, ruleSet: RuleSet, today: IsoDate): HouseholdAssessment {
  const reasons: AssessmentReason[] = [];
  const risks: RiskTypeCode[] = [];
  const addRisk = (code: RiskTypeCode): void => {
    if (!risks.includes(code)) risks.push(code);
  };
  /** A reason that supports the risk `riskType`, which the household is then suggested. */
  const supportRisk = (riskType: RiskTypeCode, reason: Omit<AssessmentReason, 'effect' | 'riskType'>): void => {
    addRisk(riskType);
    reasons.push({ ...reason, effect: 'supports', riskType });
  };
  const line = ruleSet.monitoringLine.yuanPerPersonYear;
  const income = computeIncomeAccount(household, ruleSet);
  const size = income.householdSize;
  const perCapita = income.perCapitaNetIncome;
  const withinLine = size > 0 && perCapita <= line;
  const window = income.window;

  // 0. What the window leaves out is said, never dropped silently (issue 11 item 1).
  const outside = [
    ...income.outsideWindow,
    ...recordsOutsideWindow(window, { rigidSpending: household.rigidSpending }),
  ];
  if (outside.length > 0) {
    const amount = roundYuan(outside.reduce((sum, r) => sum + r.amount, 0));
    const months = [...new Set(outside.map((r) => r.month))].sort().join('、');
    reasons.push({
      code: 'recordsOutsideWindow',
      rule: R.income,
      message: `有 ${outside.length} 条收支记录（${months}，合计 ${amount} 元）不在收入计算期 ${window.fromMonth} 至 ${window.toMonth} 内，未计入；请核对月份`,
      numbers: { records: outside.length, amount },
      params: { records: outside.length, months: [...new Set(outside.map((r) => r.month))].sort(), amount, fromMonth: window.fromMonth, toMonth: window.toMonth },
      effect: 'info',
    });
  }

  // 1. Income against the line.
  if (size === 0) {
    reasons.push({ code: 'noMembers', rule: R.income, message: '家庭人口为 0，无法计算人均纯收入', numbers: {}, params: {}, effect: 'info' });
  } else {
    reasons.push({
      code: withinLine ? 'incomeWithinLine' : 'incomeAboveLine',
      rule: R.income,
      message: `${window.fromMonth} 至 ${window.toMonth} 家庭人均纯收入 ${perCapita} 元，${withinLine ? '不高于' : '高于'}监测线 ${line} 元（家庭纯收入 ${income.netIncome} 元 ÷ ${size} 人）`,
      numbers: { perCapitaNetIncome: perCapita, monitoringLine: line, netIncome: income.netIncome, householdSize: size },
      params: { fromMonth: window.fromMonth, toMonth: window.toMonth, perCapita, line, netIncome: income.netIncome, size },
      effect: withinLine ? 'supports' : 'against',
    });
  }

  // 2. Medical spending (compliant out-of-pocket, after all reimbursement).
  const medicalThreshold =
    household.householdType === 'formerlyPoor'
      ? ruleSet.departmentSignals.medicalOutOfPocket.formerlyPoor
      : ruleSet.departmentSignals.medicalOutOfPocket.general;
  const medical = income.compliantOutOfPocket.medical;
  const seriouslyIll = household.members.filter((m) => m.isLegalSupporter !== true && m.health === 'serious');
  if (medical > medicalThreshold) {
    supportRisk(RISK_TYPES.illness.code, {
      code: 'medicalSpendingAboveThreshold',
      rule: R.medical,
      message: `合规自付医疗支出 ${medical} 元，超过${household.householdType === 'formerlyPoor' ? '脱贫户' : '一般农户'}预警线 ${medicalThreshold} 元${income.medicalGrossCosts > 0 ? `（医疗总费用 ${income.medicalGrossCosts} 元）` : ''}`,
      numbers: { compliantOutOfPocketMedical: medical, threshold: medicalThreshold, medicalGrossCosts: income.medicalGrossCosts },
      params: { medical, householdType: household.householdType, threshold: medicalThreshold, grossCosts: income.medicalGrossCosts },
    });
  } else if (medical > 0) {
    reasons.push({
      code: 'medicalSpendingBelowThreshold',
      rule: R.medical,
      message: `合规自付医疗支出 ${medical} 元，未超过预警线 ${medicalThreshold} 元`,
      numbers: { compliantOutOfPocketMedical: medical, threshold: medicalThreshold },
      params: { medical, threshold: medicalThreshold },
      effect: 'info',
    });
  }
  if (seriouslyIll.length > 0) {
    if (medical > 0) addRisk(RISK_TYPES.illness.code);
    reasons.push({
      code: 'serious',
      rule: R.medical,
      message: `家庭成员患大病 ${seriouslyIll.length} 人${medical > 0 ? '' : '，但无合规自付医疗支出记录'}`,
      numbers: { seriouslyIllMembers: seriouslyIll.length, compliantOutOfPocketMedical: medical },
      params: { count: seriouslyIll.length, medical },
      effect: medical > 0 ? 'supports' : 'info',
      ...(medical > 0 ? { riskType: RISK_TYPES.illness.code } : {}),
    });
  }

  // 3. Schooling: compulsory-education dropout and non-compulsory costs.
  const dropouts = household.members.filter((m) => {
    if (m.schooling !== 'dropout' || m.isLegalSupporter === true) return false;
    const age = ageOn(m.birthDate, today);
    return age >= 6 && age <= 16;
  }).length;
  if (household.problems.compulsoryEducation || dropouts > 0) {
    supportRisk(RISK_TYPES.schooling.code, {
      code: 'compulsoryEducationProblem',
      rule: R.threeGuarantees,
      message: `义务教育保障存在问题${dropouts > 0 ? `（疑似辍学 ${dropouts} 人）` : ''}`,
      numbers: { dropouts },
      params: { dropouts },
    });
  }
  let educationCosts = income.compliantOutOfPocket.education;
  for (const s of household.rigidSpending) if (s.kind === 'education' && isInWindow(window, s.month)) educationCosts += s.amount;
  educationCosts = roundYuan(educationCosts);
  const educationThreshold = ruleSet.departmentSignals.educationCostPerSchoolYear;
  if (educationCosts > educationThreshold) {
    supportRisk(RISK_TYPES.schooling.code, {
      code: 'educationCostAboveThreshold',
      rule: R.education,
      message: `非义务教育阶段教育支出 ${educationCosts} 元，超过 ${educationThreshold} 元`,
      numbers: { educationCosts, threshold: educationThreshold },
      params: { costs: educationCosts, threshold: educationThreshold },
    });
  }

  // 4. 两不愁三保障 and drinking water.
  if (household.problems.basicMedical) {
    reasons.push({ code: 'basicMedicalProblem', rule: R.threeGuarantees, message: '基本医疗保障存在问题（有成员未参加基本医疗保险）', numbers: {}, params: {}, effect: 'supports' });
  }
  if (household.problems.housingSafety) {
    supportRisk(RISK_TYPES.housingSafety.code, { code: 'housingSafetyProblem', rule: R.threeGuarantees, message: '住房安全存在问题', numbers: {}, params: {} });
  }
  if (household.problems.drinkingWater) {
    supportRisk(RISK_TYPES.drinkingWater.code, { code: 'drinkingWaterProblem', rule: R.threeGuarantees, message: '饮水安全存在问题', numbers: {}, params: {} });
  }
  if (household.problems.foodAndClothing === true) {
    supportRisk(RISK_TYPES.other.code, { code: 'foodAndClothingProblem', rule: R.threeGuarantees, message: '吃穿（两不愁）存在问题', numbers: {}, params: {} });
  }

  // 5. Disability.
  const disabled = household.members.filter(
    (m) => m.isLegalSupporter !== true && (m.health === 'disabled' || m.health === 'severelyDisabled'),
  );
  if (disabled.length > 0) {
    const severe = disabled.filter((m) => m.health === 'severelyDisabled').length;
    supportRisk(RISK_TYPES.disability.code, {
      code: 'disability',
      rule: R.labour,
      message: `家庭成员残疾 ${disabled.length} 人（重度 ${severe} 人）`,
      numbers: { disabledMembers: disabled.length, severelyDisabledMembers: severe },
      params: { count: disabled.length, severe },
    });
  }

  // 6. Labour capacity.
  let full = 0;
  let partial = 0;
  for (const m of household.members) {
    if (m.isLegalSupporter === true) continue;
    if (m.labourCapacity === 'full') full += 1;
    else if (m.labourCapacity === 'partial') partial += 1;
  }
  const labourCount = full + partial;
  const isWholeHouseholdWithoutLabour = size > 0 && labourCount === 0;
  const labourNumbers = { labourers: labourCount, fullLabourers: full, partialLabourers: partial, householdSize: size };
  const labourParams = { labour: labourCount, full, partial, size };
  if (isWholeHouseholdWithoutLabour) {
    supportRisk(RISK_TYPES.lackOfLabour.code, { code: 'noLabour', rule: R.labour, message: '整户无劳动能力（应标注整户无劳动能力兜底保障户）', numbers: labourNumbers, params: labourParams });
  } else if (size >= 4 && labourCount * 2 < size) {
    supportRisk(RISK_TYPES.lackOfLabour.code, { code: 'labourShortage', rule: R.labour, message: `${size} 口之家仅有劳动力 ${labourCount} 人，不足半数`, numbers: labourNumbers, params: labourParams });
  } else if (size > 0) {
    reasons.push({
      code: 'hasLabour',
      rule: R.labour,
      message: `家有劳动力 ${labourCount} 人（全劳力 ${full}，部分劳力 ${partial}），共 ${size} 人`,
      numbers: labourNumbers,
      params: labourParams,
      effect: labourCount * 2 >= size ? 'against' : 'info',
    });
  }

  // 7. Employment.
  const unstableWorkers = household.members.filter(
    (m) => m.isLegalSupporter !== true && canWork(m) && (m.employment === 'unstable' || m.employment === 'unemployed'),
  ).length;
  if (unstableWorkers > 0 || household.signals?.unstableEmployment === true) {
    if (labourCount > 0) {
      supportRisk(RISK_TYPES.unstableEmployment.code, {
        code: 'unstableEmployment',
        rule: R.employment,
        message: `务工就业不稳定${unstableWorkers > 0 ? `（${unstableWorkers} 名劳动力就业不稳或失业）` : ''}${household.signals?.unstableEmployment === true ? '；人社部门比对提示' : ''}`,
        numbers: { unstableWorkers, labourers: labourCount },
        params: { unstableWorkers, departmentSignal: household.signals?.unstableEmployment === true },
      });
    } else {
      reasons.push({ code: 'unstableEmploymentWithoutLabour', rule: R.labour, message: '提示务工就业不稳，但家中无劳动力：不能标注因务工就业不稳', numbers: { labourers: 0 }, params: {}, effect: 'info' });
    }
  }

  // 8. Industry and operating income.
  if (household.signals?.industryProjectFailed === true) {
    supportRisk(RISK_TYPES.failedIndustryProject.code, { code: 'industryProjectFailed', rule: R.agriculture, message: '产业项目失败', numbers: {}, params: {} });
  }
  const previousOperating = household.signals?.previousOperatingIncome;
  if (previousOperating !== undefined && previousOperating > 0) {
    const drop = roundYuan((previousOperating - income.operating) / previousOperating);
    const threshold = ruleSet.departmentSignals.operatingIncomeDropRatio;
    if (drop > threshold) {
      supportRisk(RISK_TYPES.failedIndustryProject.code, {
        code: 'operatingIncomeDrop',
        rule: R.agriculture,
        message: `生产经营性收入由 ${previousOperating} 元降至 ${income.operating} 元，降幅 ${Math.round(drop * 100)}%，超过 ${Math.round(threshold * 100)}%`,
        numbers: { previousOperatingIncome: previousOperating, operatingIncome: income.operating, dropRatio: drop, threshold },
        params: { previous: previousOperating, current: income.operating, dropPercent: Math.round(drop * 100), thresholdPercent: Math.round(threshold * 100) },
      });
    }
  }

  // 9. Sudden events (in the window or since, up to today).
  let suddenLoss = 0;
  for (const e of household.suddenEvents) {
    if (e.date.slice(0, 7) < window.fromMonth || e.date > today) continue;
    suddenLoss += e.lossAmount;
    const code: RiskTypeCode =
      e.kind === 'disaster' ? DISASTER_SUBTYPE_CODES[e.disasterSubtype ?? 'other'] : RISK_TYPES.accident.code;
    const what = e.kind === 'fire' ? '火灾' : e.kind === 'accident' ? '意外事故' : (riskTypeByCode(code)?.zh ?? '自然灾害');
    supportRisk(code, {
      code: 'suddenEvent',
      rule: R.sudden,
      message: `${e.date} 发生${what}${e.note ? `（${e.note}）` : ''}，损失 ${e.lossAmount} 元`,
      numbers: { lossAmount: e.lossAmount },
      params: { date: e.date, kind: e.kind, riskType: code, note: e.note ?? '', loss: e.lossAmount },
    });
  }

  // 10. Rigid spending overall.
  let otherRigid = 0;
  for (const s of household.rigidSpending) if (isInWindow(window, s.month)) otherRigid += s.amount;
  const rigidTotal = roundYuan(income.compliantOutOfPocket.total + otherRigid + suddenLoss);
  const perCapitaAfter = size > 0 ? roundYuan((income.netIncome - rigidTotal) / size) : 0;
  if (rigidTotal > 0) {
    reasons.push({
      code: 'rigidSpending',
      rule: R.sudden,
      message: `刚性支出合计 ${rigidTotal} 元（合规自付 ${income.compliantOutOfPocket.total}，其他刚性支出 ${roundYuan(otherRigid)}，突发损失 ${suddenLoss}），扣除后人均 ${perCapitaAfter} 元`,
      numbers: {
        rigidSpendingTotal: rigidTotal,
        compliantOutOfPocket: income.compliantOutOfPocket.total,
        otherRigidSpending: roundYuan(otherRigid),
        suddenLoss,
        perCapitaIncomeAfterRigidSpending: perCapitaAfter,
      },
      params: { total: rigidTotal, compliant: income.compliantOutOfPocket.total, other: roundYuan(otherRigid), sudden: suddenLoss, perCapitaAfter },
      effect: 'info',
    });
  }

  // 11. Red flags.
  const redFlags = findRedFlags(household, ruleSet.redFlags);
  for (const f of redFlags) {
    reasons.push({ code: 'redFlag', rule: R.redFlag, message: `财产检索：${f.message}（需在村级评议中说明）`, numbers: {}, params: { ...f.params, flag: f.code }, effect: 'against' });
  }

  // 12. At most five risk types.
  let riskTypes = risks;
  if (risks.length > MAX_RISK_TYPES_PER_HOUSEHOLD) {
    riskTypes = risks.slice(0, MAX_RISK_TYPES_PER_HOUSEHOLD);
    reasons.push({
      code: 'riskTypesTruncated',
      rule: R.riskCount,
      message: `识别出 ${risks.length} 类风险，只保留前 ${MAX_RISK_TYPES_PER_HOUSEHOLD} 类：${risks.slice(MAX_RISK_TYPES_PER_HOUSEHOLD).join('、')} 未列入`,
      numbers: { found: risks.length, kept: MAX_RISK_TYPES_PER_HOUSEHOLD },
      params: { found: risks.length, kept: MAX_RISK_TYPES_PER_HOUSEHOLD, dropped: risks.slice(MAX_RISK_TYPES_PER_HOUSEHOLD) },
      effect: 'info',
    });
  }

  // 13. Category.
  let suggestedCategory: MonitoringCategory | null = null;
  const asType = household.householdType === 'formerlyPoor' ? 'unstable' : 'marginal';
  if (riskTypes.length === 0) {
    reasons.push({ code: 'noRisk', rule: R.category, message: '未发现返贫致贫风险', numbers: {}, params: {}, effect: 'against' });
  } else if (withinLine) {
    suggestedCategory = asType;
  } else if (size > 0 && rigidTotal > 0 && perCapitaAfter <= line) {
    suggestedCategory = 'sudden';
    reasons.push({
      code: 'rigidSpendingBringsBelowLine',
      rule: R.sudden,
      message: `收入高于监测线，但扣除刚性支出和突发损失后人均 ${perCapitaAfter} 元，不高于监测线 ${line} 元`,
      numbers: { perCapitaIncomeAfterRigidSpending: perCapitaAfter, monitoringLine: line },
      params: { perCapitaAfter, line },
      effect: 'supports',
    });
  }
  if (suggestedCategory) {
    reasons.push({
      code: 'categorySuggested',
      rule: R.category,
      message: `建议认定为${MONITORING_CATEGORY_ZH[suggestedCategory]}，风险类型：${riskTypes.map((c) => riskTypeByCode(c)?.zh ?? c).join('、')}`,
      numbers: { riskTypes: riskTypes.length },
      params: { category: suggestedCategory, riskTypes },
      effect: 'supports',
    });
  } else if (size > 0) {
    reasons.push({
      code: 'notWithinScope',
      rule: R.category,
      message: `不符合${MONITORING_CATEGORY_ZH[asType]}条件（系统建议，由村级评议和县级审定决定）`,
      numbers: { perCapitaNetIncome: perCapita, monitoringLine: line, redFlags: redFlags.length, labourers: labourCount },
      params: { category: asType },
      effect: 'against',
    });
  }
  if (ruleSet.policyEra === '2026+') {
    reasons.push({ code: 'categoryOptional', rule: R.era, message: '2026 年起统称防止返贫致贫对象，监测对象类别为可选项', numbers: {}, params: {}, effect: 'info' });
  }

  return {
    householdId: household.id,
    assessedOn: today,
    ruleSetVersion: ruleSet.version,
    policyEra: ruleSet.policyEra,
    perCapitaNetIncome: perCapita,
    monitoringLine: line,
    withinLine,
    perCapitaIncomeAfterRigidSpending: perCapitaAfter,
    suggestedCategory,
    isWithinScope: suggestedCategory !== null,
    riskTypes,
    reasons,
    redFlags,
    needsExplanation: redFlags.length > 0,
    labourCount,
    isWholeHouseholdWithoutLabour,
    income,
  };
}
